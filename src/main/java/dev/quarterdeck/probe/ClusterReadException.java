package dev.quarterdeck.probe;

/**
 * A read of cluster state that did not work; the message names the verb and the resource ("get deployments
 * checkout in namespace shop: 403 Forbidden"). {@link #transientFailure()} says whether a retry may help.
 */
public final class ClusterReadException extends Exception {
    private final boolean transientFailure;

    public ClusterReadException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
