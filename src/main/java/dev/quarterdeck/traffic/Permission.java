package dev.quarterdeck.traffic;

import java.util.Objects;

/**
 * Something Quarterdeck will need to do in a cluster: a verb on a resource of an API group in a namespace,
 * and why (which step or router needs it).
 */
public record Permission(String verb, String group, String resource, String namespace, String purpose) {
    public Permission {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(purpose, "purpose");
    }

    /** "patch ingresses.networking.k8s.io in shop". */
    @Override
    public String toString() {
        return verb + " " + resource + (group.isEmpty() ? "" : "." + group) + " in " + namespace;
    }
}
