package dev.quarterdeck.traffic;

import java.util.Map;
import java.util.Optional;

/**
 * Changes to an environment's Kubernetes workloads, in its namespace. Every write is read-modify-write on the
 * resourceVersion, retried on conflict by the adapter, and is idempotent: asking for the state that already
 * holds changes nothing. A container may be left unnamed when the pod has only one.
 */
public interface Workloads {

    void setImage(String deployment, Optional<String> container, String image) throws ActionException;

    /** {@code kubectl rollout undo}: the pod template of the previous revision. */
    void rolloutUndo(String deployment) throws ActionException;

    /** Sets plain environment variables of a container (feature flags); others are left as they are. */
    void setEnvironment(String deployment, Optional<String> container, Map<String, String> variables)
            throws ActionException;

    void scale(String deployment, int replicas) throws ActionException;

    void setCronJobSuspended(String cronJob, boolean suspended) throws ActionException;
}
