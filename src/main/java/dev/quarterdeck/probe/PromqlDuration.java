package dev.quarterdeck.probe;

import java.time.Duration;

/** A duration as PromQL writes it in a range selector: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 1500ms}. */
final class PromqlDuration {
    private PromqlDuration() {}

    /**
     * Whole hours, minutes, seconds and milliseconds, largest first. No days: a plan's {@code 24h} window
     * stays as written rather than becoming {@code 1d}. Compound units need Prometheus 2.23 or later.
     *
     * @throws IllegalArgumentException for zero, negative, or sub-millisecond durations, which PromQL cannot say
     */
    static String format(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a PromQL range must be positive, was " + duration);
        }
        if (duration.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("PromQL ranges are whole milliseconds, was " + duration);
        }
        long millis = duration.toMillis();
        StringBuilder text = new StringBuilder();
        millis = part(text, millis, 3_600_000, "h");
        millis = part(text, millis, 60_000, "m");
        millis = part(text, millis, 1_000, "s");
        part(text, millis, 1, "ms");
        return text.toString();
    }

    private static long part(StringBuilder text, long millis, long unit, String suffix) {
        long count = millis / unit;
        if (count > 0) {
            text.append(count).append(suffix);
        }
        return millis % unit;
    }
}
