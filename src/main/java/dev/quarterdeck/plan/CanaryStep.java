package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** One step of the canary: move traffic, wait, hold until a gate passes, or do something to the environment. */
public sealed interface CanaryStep {

    /** A short description for the console and the timeline. */
    String describe();

    /** Send {@code percent} of traffic to the canary. */
    record SetWeight(int percent) implements CanaryStep {
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

    /** Wait for {@code duration}, or, when empty, until the captain advances. */
    record Pause(Optional<Duration> duration) implements CanaryStep {
        public Pause {
            Objects.requireNonNull(duration, "duration");
        }

        @Override
        public String describe() {
            return duration.map(d -> "pause for " + Durations.human(d)).orElse("pause until the captain advances");
        }
    }

    /** Hold until the named gate passes (for its burn-in, when it has one). */
    record GateCheck(String gate) implements CanaryStep {
        public GateCheck {
            Objects.requireNonNull(gate, "gate");
        }

        @Override
        public String describe() {
            return "hold until gate " + gate + " passes";
        }
    }

    /** Do something to the environment: deploy an image, flip a feature flag, suspend a CronJob, ask a person. */
    record Perform(Action action) implements CanaryStep {
        public Perform {
            Objects.requireNonNull(action, "action");
        }

        @Override
        public String describe() {
            return action.describe();
        }
    }
}
