package dev.quarterdeck.session;

/**
 * What a probe or a metric read came to. Only {@link #PASS} is a pass: no data, an error and a failure are
 * told apart, and none of them ever counts as passing.
 */
public enum Outcome {
    /** Read, and within what was expected. For a metric: a value was read. */
    PASS,
    /** Read, and not what was expected. */
    FAIL,
    /** Nothing to judge: an empty series, no traffic yet, a target with no samples. */
    NO_DATA,
    /** The read itself failed: refused, timed out, malformed. */
    ERROR
}
