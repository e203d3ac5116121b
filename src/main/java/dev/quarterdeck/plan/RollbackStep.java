package dev.quarterdeck.plan;

/** One step of a rollback. */
public sealed interface RollbackStep {

    /** A short description for progress and the timeline. */
    String describe();

    /** Move canary traffic to {@code percent} (usually 0). */
    record SetWeight(int percent) implements RollbackStep {
        public SetWeight {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("weight must be 0..100, was " + percent);
            }
        }

        @Override
        public String describe() {
            return "set canary weight to " + percent + "%";
        }
    }
}
