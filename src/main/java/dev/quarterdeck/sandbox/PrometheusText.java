package dev.quarterdeck.sandbox;

import java.math.BigDecimal;

/**
 * Writes Prometheus text exposition format 0.0.4: a {@code # HELP} and {@code # TYPE} line per family,
 * then its samples. Escaping follows the format: label values escape backslash, double quote and newline;
 * help text escapes backslash and newline.
 */
final class PrometheusText {
    /** What the official client libraries send; Prometheus and promtool accept it. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Something with metric families to add to an exposition. */
    interface Source {
        void writeMetrics(PrometheusText out);
    }

    private final StringBuilder text = new StringBuilder(2_048);

    PrometheusText family(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    PrometheusText sample(String name, double value) {
        text.append(name).append(' ').append(number(value)).append('\n');
        return this;
    }

    PrometheusText sample(String name, String label, String labelValue, double value) {
        return sample(name, new String[] {label}, new String[] {labelValue}, value);
    }

    PrometheusText sample(String name, String[] labels, String[] values, double value) {
        text.append(name).append('{');
        for (int i = 0; i < labels.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(labels[i]).append("=\"").append(escapeLabel(values[i])).append('"');
        }
        text.append("} ").append(number(value)).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** A sample value or bucket bound as the format spells it: integers without a fraction, +Inf, NaN. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
