package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.traffic.AccessReview;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.Permission;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link AccessReview} by asking the API server, one {@code SelfSubjectAccessReview} (authorization.k8s.io/v1)
 * per permission: "may I patch ingresses.networking.k8s.io in shop?". Any authenticated user may ask. An
 * answer without a decision (no {@code status}, as from a server that stores the review instead of
 * evaluating it) is an error, never read as allowed or as denied.
 */
public final class KubernetesAccessReview implements AccessReview {
    private static final String REVIEWS = "selfsubjectaccessreviews.authorization.k8s.io";

    private final KubernetesClient client;

    /** Reviews are cluster-scoped; each permission names its own namespace. */
    public KubernetesAccessReview(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public List<Decision> review(List<Permission> permissions) throws ActionException {
        List<Decision> decisions = new ArrayList<>();
        for (Permission permission : permissions) {
            decisions.add(review(permission));
        }
        return decisions;
    }

    private Decision review(Permission permission) throws ActionException {
        SelfSubjectAccessReview question = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withNewResourceAttributes()
                .withVerb(permission.verb())
                .withGroup(permission.group())
                .withResource(permission.resource())
                .withNamespace(permission.namespace())
                .endResourceAttributes().endSpec().build();
        KubernetesErrors.Attempt create = new KubernetesErrors.Attempt("create", REVIEWS, null, null);
        SelfSubjectAccessReview answer;
        try {
            answer = client.authorization().v1().selfSubjectAccessReview().create(question);
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.action(create, e);
        }
        SubjectAccessReviewStatus status = answer == null ? null : answer.getStatus();
        if (status == null || status.getAllowed() == null) {
            throw new ActionException(create + " (may I " + permission + "?): the API server answered without a "
                    + "decision", false);
        }
        return new Decision(permission, status.getAllowed() && !Boolean.TRUE.equals(status.getDenied()),
                reason(status));
    }

    /** The authorizer's reason, or why it could not decide; empty when it said nothing (RBAC often does not). */
    private static String reason(SubjectAccessReviewStatus status) {
        String reason = Objects.requireNonNullElse(status.getReason(), "").trim();
        String error = Objects.requireNonNullElse(status.getEvaluationError(), "").trim();
        if (error.isEmpty()) {
            return reason;
        }
        return reason.isEmpty() ? error : reason + " (" + error + ")";
    }
}
