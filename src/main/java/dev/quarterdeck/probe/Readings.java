package dev.quarterdeck.probe;

import dev.quarterdeck.plan.Metric;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How values, label sets and warnings read in the captain's timeline: "0.8 %", "250 ms", {code="500"}. */
final class Readings {
    private static final MathContext FOUR_DIGITS = new MathContext(4);

    private Readings() {}

    /** {@code value} in {@code unit}; a plain number when the unit is not known ({@code null}). */
    static String value(double value, Metric.Unit unit) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (unit == null) {
            return number(value);
        }
        switch (unit) {
            case RATIO:
                return number(value * 100) + " %";
            case SECONDS:
                return Math.abs(value) < 1 ? number(value * 1000) + " ms" : number(value) + " s";
            case PER_SECOND:
                return number(value) + "/s";
            default:
                return number(value);
        }
    }

    /** Four significant digits, no exponent for everyday magnitudes: 0.008, 20.12, 1234, 1.235E+7. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value(value, null);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(FOUR_DIGITS).stripTrailingZeros();
        double magnitude = Math.abs(value);
        return magnitude >= 1e-6 && magnitude < 1e9 ? rounded.toPlainString() : rounded.toString();
    }

    /** A label set as PromQL writes a selector: {@code {code="500", track="canary"}}. */
    static String labels(Map<String, String> labels) {
        return labels.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Prometheus' warnings as a suffix for a sample's text; empty when there are none. */
    static String warned(List<String> warnings) {
        return warnings.isEmpty() ? "" : "; Prometheus warned: " + String.join("; ", warnings);
    }
}
