package dev.quarterdeck.plan;

import java.util.Objects;

/**
 * A threshold on one metric of one track: {@code canary error-rate max 1%}. Thresholds are stored in the
 * metric's base unit (a ratio, seconds, or per second).
 */
public record Condition(Metric metric, Track track, Bound bound, double threshold) {

    /** Whether the threshold is a ceiling or a floor. */
    public enum Bound {
        MAX,
        MIN
    }

    public Condition {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(bound, "bound");
    }

    /** True when {@code value} satisfies the condition; never for NaN. */
    public boolean holdsFor(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return bound == Bound.MAX ? value <= threshold : value >= threshold;
    }
}
