package dev.quarterdeck.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * What is wrong with the sandbox's canary on purpose: the share of requests answered with a 500, and
 * latency added to every answer.
 */
public record CanaryFaults(double errorRatio, Duration addedLatency) {
    public static final CanaryFaults NONE = new CanaryFaults(0, Duration.ZERO);

    public CanaryFaults {
        if (Double.isNaN(errorRatio) || errorRatio < 0 || errorRatio > 1) {
            throw new IllegalArgumentException("error ratio must be between 0 and 1, was " + errorRatio);
        }
        Objects.requireNonNull(addedLatency, "addedLatency");
        if (addedLatency.isNegative() || addedLatency.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("added latency must be 0..30 s, was " + addedLatency);
        }
    }
}
