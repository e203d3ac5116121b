package dev.quarterdeck.plan;

import java.util.Arrays;
import java.util.Optional;

/** The metrics a gate can judge, each with the unit its thresholds are written in. */
public enum Metric {
    ERROR_RATE("error-rate", Unit.RATIO, "share of responses with a 5xx status"),
    P95_LATENCY("p95-latency", Unit.SECONDS, "95th percentile of response time"),
    P99_LATENCY("p99-latency", Unit.SECONDS, "99th percentile of response time"),
    REQUEST_RATE("request-rate", Unit.PER_SECOND, "requests per second");

    /** What a threshold of this metric is written in, in a plan. */
    public enum Unit {
        /** A share: {@code 0.01} or {@code 1%}. */
        RATIO,
        /** A duration: {@code 250ms}, {@code 1s}. */
        SECONDS,
        /** A plain number of events per second. */
        PER_SECOND;

        /** A value in this unit as a person reads it: {@code 1.2%}, {@code 250 ms}, {@code 1.4 s}, {@code 12/s}. */
        public String format(double value) {
            if (Double.isNaN(value)) {
                return "no data";
            }
            if (Double.isInfinite(value)) {
                return value > 0 ? "∞" : "-∞";
            }
            switch (this) {
                case RATIO:
                    return trim(value * 100) + "%";
                case SECONDS:
                    return Math.abs(value) < 1 ? trim(value * 1000) + " ms" : trim(value) + " s";
                default:
                    return trim(value) + "/s";
            }
        }

        /** Up to two decimals, without trailing zeros: 1, 1.5, 0.25. */
        public static String trim(double value) {
            String text = String.format(java.util.Locale.ROOT, "%.2f", value);
            text = text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
            return text.equals("-0") ? "0" : text;
        }
    }

    /** A value of this metric in its unit, as a person reads it. */
    public String format(double value) {
        return unit.format(value);
    }

    private final String key;
    private final Unit unit;
    private final String meaning;

    Metric(String key, Unit unit, String meaning) {
        this.key = key;
        this.unit = unit;
        this.meaning = meaning;
    }

    /** The name used in plans: {@code error-rate}, {@code p95-latency}, ... */
    public String key() {
        return key;
    }

    public Unit unit() {
        return unit;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }
}
