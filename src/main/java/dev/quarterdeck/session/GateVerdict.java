package dev.quarterdeck.session;

/** What one judgement of a gate found. */
public enum GateVerdict {
    /** Every condition held, for the whole burn-in: the gate is passed. */
    PASS,
    /** Every condition holds, but not for the whole burn-in yet. */
    HOLDING,
    /** A condition failed, fewer times in a row than the gate's limit: one more bad judgement may fail it. */
    FAILING,
    /** A condition failed as many times in a row as the gate allows: the gate is failed. */
    FAIL,
    /** There was nothing to judge (no samples, no traffic): inconclusive, never a pass. */
    NO_DATA
}
