package dev.quarterdeck.session;

import java.util.Locale;

/** Where a release stands, from the first check to its end. */
public enum ReleaseStage {
    /** The preflight checklist is being worked through; the canary cannot start yet. */
    PREFLIGHT,
    /** Preflight passed (or was overridden): the canary can start. */
    READY,
    /** At a canary step: a weight, a pause, an action. */
    CANARY,
    /** At a gate step, waiting for the gate to pass (for its burn-in, when it has one). */
    HOLDING,
    /** The captain paused the release; nothing advances until resumed. Abort rules still watch. */
    PAUSED,
    /** All traffic is moving to the canary. */
    PROMOTING,
    /** The canary is the release; follow-ups run. */
    PROMOTED,
    /** The rollback plan is running. */
    ROLLING_BACK,
    /** The rollback plan finished: traffic is back on stable. */
    ROLLED_BACK,
    /** A step or the rollback failed; the captain decides what next. */
    FAILED;

    /** Whether the release is over: nothing advances from here. */
    public boolean terminal() {
        return this == PROMOTED || this == ROLLED_BACK;
    }

    /** "rolling back", as the console shows it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
