package dev.quarterdeck.traffic;

import java.util.List;

/** Asks the API server what the current user may do, before anything is tried (SelfSubjectAccessReview). */
public interface AccessReview {

    List<Decision> review(List<Permission> permissions) throws ActionException;

    /** The API server's answer for one permission, with its reason when it gave one. */
    record Decision(Permission permission, boolean allowed, String reason) {}
}
