package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** One step of the canary: move traffic, wait, or hold until a gate passes. */
public sealed interface CanaryStep {

    /** Send {@code percent} of traffic to the canary. */
    record SetWeight(int percent) implements CanaryStep {
        public SetWeight {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("weight must be 0..100, was " + percent);
            }
        }
    }

    /** Wait for {@code duration}, or, when empty, until the captain advances. */
    record Pause(Optional<Duration> duration) implements CanaryStep {
        public Pause {
            Objects.requireNonNull(duration, "duration");
        }
    }

    /** Hold until the named gate passes. */
    record GateCheck(String gate) implements CanaryStep {
        public GateCheck {
            Objects.requireNonNull(gate, "gate");
        }
    }
}
