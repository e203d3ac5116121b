package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.traffic.ActionException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Objects;

/**
 * One named resource in a namespace, changed only by read-modify-write locked to the resourceVersion that was
 * read: a PUT carrying that version, which the API server refuses with 409 when someone else wrote in between.
 * On 409 the resource is read again and the change applied afresh, a few times. Every failure is an
 * {@link ActionException} naming the verb, the resource and the namespace.
 *
 * @param <T> the resource's model type (Ingress, HTTPRoute)
 */
final class VersionedResource<T extends HasMetadata> {
    /** Conflicts come from a concurrent writer (a captain's kubectl, a controller): a handful of re-reads suffice. */
    static final int WRITE_ATTEMPTS = 5;

    /** A change to the resource read; returns false when it already is as wanted, so nothing is written. */
    @FunctionalInterface
    interface Change<T> {
        boolean applyTo(T resource) throws ActionException;
    }

    private final NonNamespaceOperation<T, ? extends KubernetesResourceList<T>, ? extends Resource<T>> resources;
    private final String resource;
    private final String name;
    private final String namespace;
    private final String role;

    /**
     * @param resources the resource's operations, already in {@code namespace}
     * @param resource the resource as RBAC names it, e.g. {@code ingresses.networking.k8s.io}
     * @param role what the plan calls it, for the not-found message: "the canary Ingress the plan names"
     */
    VersionedResource(NonNamespaceOperation<T, ? extends KubernetesResourceList<T>, ? extends Resource<T>> resources,
            String resource, String name, String namespace, String role) {
        this.resources = Objects.requireNonNull(resources, "resources");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.name = Objects.requireNonNull(name, "name");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.role = Objects.requireNonNull(role, "role");
    }

    /** {@code shop/checkout-canary}. */
    String qualifiedName() {
        return namespace + "/" + name;
    }

    /** Reads it (GET); a missing resource is a permanent failure that says which one the plan expected. */
    T read() throws ActionException {
        KubernetesErrors.Attempt get = attempt("get", name);
        T found;
        try {
            found = resources.withName(name).get();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.action(get, e);
        } catch (RuntimeException e) {
            throw unexpected(get, e);
        }
        if (found == null) {
            throw new ActionException(role + " does not exist: " + resource + "/" + name + " in namespace "
                    + namespace, false);
        }
        return found;
    }

    /** Reads another resource of the same kind in the same namespace, or null when there is none. */
    T find(String other) throws ActionException {
        KubernetesErrors.Attempt get = attempt("get", other);
        try {
            return resources.withName(other).get();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.action(get, e);
        } catch (RuntimeException e) {
            throw unexpected(get, e);
        }
    }

    /** Every resource of this kind in the namespace (LIST). */
    List<T> listNamespace() throws ActionException {
        KubernetesErrors.Attempt list = attempt("list", null);
        try {
            return resources.list().getItems();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.action(list, e);
        } catch (RuntimeException e) {
            throw unexpected(list, e);
        }
    }

    /**
     * Reads, applies {@code change}, and writes back with the version read, re-reading on each 409.
     *
     * @throws ActionException transient when every attempt conflicted; otherwise as the API server answered
     */
    void edit(Change<T> change) throws ActionException {
        KubernetesErrors.Attempt update = attempt("update", name);
        KubernetesClientException conflict = null;
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            T current = read();
            if (!change.applyTo(current)) {
                return;
            }
            try {
                // update() sends metadata.resourceVersion as read: the API server's optimistic lock.
                resources.resource(current).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw KubernetesErrors.action(update, e);
                }
                conflict = e;
            } catch (RuntimeException e) {
                throw unexpected(update, e);
            }
        }
        throw new ActionException(KubernetesErrors.describe(update, conflict) + "; it kept conflicting: "
                + WRITE_ATTEMPTS + " attempts, each on a fresh read, were all overtaken by other writes", true,
                conflict);
    }

    private KubernetesErrors.Attempt attempt(String verb, String target) {
        return new KubernetesErrors.Attempt(verb, resource, target, namespace);
    }

    /** fabric8 signals most failures as KubernetesClientException; anything else is a bug or a closed client. */
    private static ActionException unexpected(KubernetesErrors.Attempt attempt, RuntimeException e) {
        return new ActionException(attempt + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), false, e);
    }
}
