package dev.quarterdeck.plan;

import java.util.Objects;

/**
 * What a gate or an abort rule judges. Values are in the metric's base unit (a ratio, seconds, per second).
 * "No data" never satisfies a condition.
 */
public sealed interface Condition {

    Metric metric();

    /** The condition as a person reads it: "canary error-rate ≤ 1%", "p95-latency canary − stable ≤ 100 ms". */
    String describe();

    /** Whether a threshold is a ceiling or a floor. */
    enum Bound {
        MAX,
        MIN;

        /** "≤" for a ceiling, "≥" for a floor. */
        public String symbol() {
            return this == MAX ? "≤" : "≥";
        }

        /** True when {@code value} is within the bound of {@code threshold}; never for NaN. */
        public boolean holds(double value, double threshold) {
            if (Double.isNaN(value)) {
                return false;
            }
            return this == MAX ? value <= threshold : value >= threshold;
        }
    }

    /** A threshold on one track: {@code canary error-rate max 1%}. */
    record Threshold(Metric metric, Track track, Bound bound, double threshold) implements Condition {
        public Threshold {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(track, "track");
            Objects.requireNonNull(bound, "bound");
        }

        public boolean holdsFor(double value) {
            return bound.holds(value, threshold);
        }

        @Override
        public String describe() {
            return track.label() + " " + metric.key() + " " + bound.symbol() + " " + metric.format(threshold);
        }
    }

    /**
     * Canary against stable: the difference ({@code canary − stable}, e.g. p95 delta at most 100 ms) or the
     * ratio ({@code canary ÷ stable}, e.g. error rate at most twice stable's) within a bound.
     */
    record Comparison(Metric metric, Kind kind, Bound bound, double threshold) implements Condition {
        /** How canary and stable are compared. */
        public enum Kind {
            CANARY_MINUS_STABLE("canary-minus-stable"),
            CANARY_OVER_STABLE("canary-over-stable");

            private final String key;

            Kind(String key) {
                this.key = key;
            }

            public String key() {
                return key;
            }
        }

        public Comparison {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(bound, "bound");
        }

        @Override
        public String describe() {
            return kind == Kind.CANARY_MINUS_STABLE
                    ? metric.key() + " canary − stable " + bound.symbol() + " " + metric.format(threshold)
                    : metric.key() + " canary ÷ stable " + bound.symbol() + " " + Metric.Unit.trim(threshold) + "×";
        }
    }

    /**
     * A statistical judgement, as Kayenta makes it: the canary's samples over the gate's window must not be
     * significantly worse (higher) than stable's by a one-sided Mann-Whitney U test at {@code confidence}
     * (0.95 = 95 %).
     */
    record Judgement(Metric metric, double confidence) implements Condition {
        public Judgement {
            Objects.requireNonNull(metric, "metric");
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
            }
        }

        @Override
        public String describe() {
            return metric.key() + " canary not worse than stable (Mann-Whitney, " + Metric.Unit.trim(confidence * 100)
                    + "% confidence)";
        }
    }
}
