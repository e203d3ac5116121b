package dev.quarterdeck.probe;

/**
 * Reads of an environment's Kubernetes state, in its namespace: what probes check and what a rollback waits
 * for. Implemented by the Kubernetes adapter; every call may do I/O and is bounded by the adapter's timeout.
 */
public interface ClusterState {

    /** The deployment as it is now, with its pods' running image IDs. */
    DeploymentReading deployment(String name) throws ClusterReadException;

    /** Whether the CronJob is suspended. */
    boolean cronJobSuspended(String name) throws ClusterReadException;

    /** Whether the Secret exists; its contents are never read. */
    boolean secretExists(String name) throws ClusterReadException;

    /** How many pods match the label selector, and how many of them are ready. */
    PodCount pods(String labelSelector) throws ClusterReadException;

    /** Pods matching a selector. */
    record PodCount(int total, int ready) {}
}
