package dev.quarterdeck.traffic;

/**
 * A change to the environment, or a read of it, that did not work: a router call, a Kubernetes write, a
 * lease. The message names what was attempted (verb, resource, URL, status). {@link #transientFailure()}
 * says whether trying again may help (a timeout, a 5xx, a conflict) or not (a 403, a missing resource):
 * callers retry only the former.
 */
public final class ActionException extends Exception {
    private final boolean transientFailure;

    public ActionException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public ActionException(String message, boolean transientFailure) {
        this(message, transientFailure, null);
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
