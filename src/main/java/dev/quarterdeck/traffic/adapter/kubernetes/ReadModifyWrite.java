package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.traffic.ActionException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * One write to one object: read it, work out the change from what was read, patch it locked to the
 * resourceVersion read; on 409 Conflict (or a 422 for an object that changed meanwhile) read again and work
 * the change out anew, a few times. A change that already holds writes nothing, so every action is
 * idempotent and a retried rollback is harmless.
 */
final class ReadModifyWrite {
    /** Conflicts are resolved by re-reading at once; more than a handful in a row means a writer is fighting us. */
    static final int ATTEMPTS = 5;

    /** What to change, given the object as it is now; an empty patch when it already holds. */
    interface Change<T> {
        JsonPatch against(T current) throws ActionException;
    }

    private ReadModifyWrite() {}

    /**
     * Applies {@code change} to the object {@code name} of {@code objects}.
     *
     * @param read what the GET is, for messages ({@code get deployments.apps/api in namespace shop})
     * @param write what the PATCH is
     * @return whether anything was written
     */
    static <T extends HasMetadata, R extends Resource<T>> boolean apply(
            NonNamespaceOperation<T, ?, R> objects, String name, KubernetesErrors.Attempt read,
            KubernetesErrors.Attempt write, Change<T> change) throws ActionException {
        for (int attempt = 1; ; attempt++) {
            T current;
            try {
                current = objects.withName(name).get();
            } catch (KubernetesClientException e) {
                throw KubernetesErrors.action(read, e);
            }
            if (current == null) {
                throw KubernetesErrors.missing(read);
            }
            JsonPatch patch = change.against(current);
            if (patch.isEmpty()) {
                return false;
            }
            try {
                // Patched through the object read, so fabric8 does not GET it once more before the PATCH.
                objects.resource(current).patch(PatchContext.of(PatchType.JSON),
                        patch.lockedTo(current.getMetadata().getResourceVersion()));
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 && !(e.getCode() == 422 && changedSince(objects, name, current))) {
                    throw KubernetesErrors.action(write, e);
                }
                if (attempt == ATTEMPTS) {
                    throw KubernetesErrors.stillConflicting(write, e, ATTEMPTS);
                }
            }
        }
    }

    /**
     * Whether someone wrote the object after {@code read}. The API server applies a JSON Patch before it
     * compares resourceVersions, so a patch whose list index vanished meanwhile (a variable removed) is
     * refused as 422 Invalid, not 409: that is a conflict too, and worked out again from a fresh read.
     */
    private static <T extends HasMetadata> boolean changedSince(
            NonNamespaceOperation<T, ?, ? extends Resource<T>> objects, String name, T read) {
        try {
            T now = objects.withName(name).get();
            return now == null
                    || !read.getMetadata().getResourceVersion().equals(now.getMetadata().getResourceVersion());
        } catch (KubernetesClientException e) {
            return false; // the 422 stands as the answer
        }
    }
}
