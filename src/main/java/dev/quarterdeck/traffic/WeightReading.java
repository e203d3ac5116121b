package dev.quarterdeck.traffic;

import java.time.Instant;
import java.util.Objects;

/** A canary weight as read back from the router, and when. */
public record WeightReading(CanaryWeight weight, Instant readAt) {
    public WeightReading {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(readAt, "readAt");
    }
}
