package dev.quarterdeck.traffic;

/**
 * A router call that did not work. {@link #transientFailure()} says whether trying again may help (a timeout,
 * a 5xx, a conflict) or not (a 403, a missing resource): callers retry only the former.
 */
public final class TrafficException extends Exception {
    private final boolean transientFailure;

    public TrafficException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public TrafficException(String message, boolean transientFailure) {
        this(message, transientFailure, null);
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
