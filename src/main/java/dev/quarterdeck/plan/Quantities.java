package dev.quarterdeck.plan;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ways a plan writes durations and shares: {@code 1h30m}, {@code 500ms}, {@code 1%}, {@code 0.01}. */
final class Quantities {
    private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d))+");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    static final String DURATION_HINT = "write a duration such as 500ms, 30s, 5m, 1h30m or 2d";

    private Quantities() {}

    /** Parses {@code 1h30m}, {@code 500ms}, {@code 2d}; empty when the text is not one. */
    static Optional<Duration> duration(String text) {
        String t = text.trim();
        if (!DURATION.matcher(t).matches()) {
            return Optional.empty();
        }
        BigDecimal millis = BigDecimal.ZERO;
        Matcher part = DURATION_PART.matcher(t);
        while (part.find()) {
            BigDecimal amount = new BigDecimal(part.group(1));
            long unitMillis = switch (part.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 86_400_000L;
            };
            millis = millis.add(amount.multiply(BigDecimal.valueOf(unitMillis)));
        }
        return Optional.of(Duration.ofNanos(millis.multiply(BigDecimal.valueOf(1_000_000L)).longValue()));
    }

    /** Parses a plain number; empty when the text is not one. */
    static Optional<Double> number(String text) {
        String t = text.trim();
        return NUMBER.matcher(t).matches() ? Optional.of(Double.parseDouble(t)) : Optional.empty();
    }

    /** Parses {@code 1%} or {@code 0.01} as 0.01; empty when the text is neither. */
    static Optional<Double> share(String text) {
        String t = text.trim();
        if (t.endsWith("%")) {
            return number(t.substring(0, t.length() - 1)).map(p -> p / 100.0);
        }
        return number(t);
    }

    /** A duration as a plan would write it, for messages and defaults. */
    static String format(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
