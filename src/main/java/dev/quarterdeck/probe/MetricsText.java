package dev.quarterdeck.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads a {@code /metrics} page: the Prometheus text exposition format 0.0.4 and the basics of OpenMetrics
 * text ({@code # EOF}, float timestamps, exemplars after {@code #}).
 *
 * <p>Accepted: {@code # HELP} and {@code # TYPE} lines (checked), other comments (ignored), blank lines,
 * leading and trailing blanks, samples {@code name{label="value",...} value [timestamp]} with the escapes
 * {@code \\}, {@code \"} and {@code \n} in label values, values such as {@code 1.5e-3}, {@code NaN},
 * {@code +Inf}, {@code -Inf}. The first malformed line stops the parse with a {@link
 * MalformedMetricsException} that names its line and column.
 *
 * <p>Like Prometheus, an unknown escape in a label value ({@code \t}) is kept as written rather than
 * rejected: a target that Prometheus scrapes must not fail here. HELP and TYPE are validated but not kept:
 * the metric math needs only names, labels and values, and a source already knows which names it wants.
 */
public final class MetricsText {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> TYPES = Set.of(
            "counter", "gauge", "histogram", "summary", "untyped",
            // OpenMetrics
            "unknown", "gaugehistogram", "stateset", "info");

    private MetricsText() {}

    /** Every sample of {@code text}, in page order. */
    public static List<Sample> parse(String text) throws MalformedMetricsException {
        List<Sample> samples = new ArrayList<>();
        parse(text, samples::add);
        return samples;
    }

    /**
     * Hands each sample to {@code sink} as it is read, so a caller that wants two series out of a large page
     * need not hold the whole page as samples.
     */
    public static void parse(String text, Consumer<? super Sample> sink) throws MalformedMetricsException {
        int start = 0;
        int lineNumber = 0;
        boolean ended = false;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNumber++;
            Line line = new Line(text.substring(start, end), lineNumber);
            start = end + 1;
            if (ended) {
                line.expectBlank("nothing after # EOF");
            } else {
                ended = line.read(sink);
            }
        }
    }

    /**
     * Parses a sample value or an {@code le} bound the way Prometheus (Go's ParseFloat) does for the forms
     * exporters write: decimals with exponents, {@code NaN}, {@code Inf} with an optional sign, any case.
     */
    public static OptionalDouble parseValue(String token) {
        switch (token.toLowerCase(Locale.ROOT)) {
            case "nan":
                return OptionalDouble.of(Double.NaN);
            case "inf":
            case "+inf":
            case "infinity":
            case "+infinity":
                return OptionalDouble.of(Double.POSITIVE_INFINITY);
            case "-inf":
            case "-infinity":
                return OptionalDouble.of(Double.NEGATIVE_INFINITY);
            default:
                // Double.parseDouble alone would also take "1d", "0x1p3" and "Infinity" spellings Go rejects.
                return DECIMAL.matcher(token).matches()
                        ? OptionalDouble.of(Double.parseDouble(token))
                        : OptionalDouble.empty();
        }
    }

    /** A cursor over one line; columns are reported from 1. */
    private static final class Line {
        private final String text;
        private final int number;
        private int pos;

        Line(String text, int number) {
            this.text = text;
            this.number = number;
        }

        /** Reads the line; true when it is the OpenMetrics {@code # EOF} marker. */
        boolean read(Consumer<? super Sample> sink) throws MalformedMetricsException {
            skipBlanks();
            if (atEnd()) {
                return false;
            }
            if (peek() == '#') {
                return comment();
            }
            sink.accept(sample());
            return false;
        }

        private boolean comment() throws MalformedMetricsException {
            pos++;
            skipBlanks();
            String keyword = token();
            switch (keyword) {
                case "HELP":
                    requireBlank("a blank after # HELP");
                    metricName("a metric name after # HELP");
                    // The docstring is free text to the end of the line.
                    return false;
                case "TYPE":
                    requireBlank("a blank after # TYPE");
                    metricName("a metric name after # TYPE");
                    requireBlank("a blank before the metric type");
                    int typeAt = pos;
                    String type = token();
                    if (!TYPES.contains(type)) {
                        pos = typeAt;
                        throw error("a metric type (counter, gauge, histogram, summary, untyped)");
                    }
                    expectBlank("end of line after the metric type");
                    return false;
                case "EOF":
                    skipBlanks();
                    return atEnd();
                default:
                    return false;
            }
        }

        private Sample sample() throws MalformedMetricsException {
            String name = metricName("a metric name");
            Map<String, String> labels = Map.of();
            if (atEnd() || peek() != '{') {
                requireBlank("a blank and a value after the metric name");
            }
            // The format lets blanks separate any two tokens, so "name {a=\"1\"} 2" is valid too.
            if (!atEnd() && peek() == '{') {
                labels = labels();
                skipBlanks();
            }
            double value = number("a value (a number, NaN, +Inf or -Inf)");
            skipBlanks();
            if (!atEnd() && peek() != '#') {
                timestamp();
                skipBlanks();
            }
            if (!atEnd() && peek() == '#') {
                exemplar();
            }
            expectBlank("end of line after the sample");
            return new Sample(name, labels, value);
        }

        private Map<String, String> labels() throws MalformedMetricsException {
            pos++; // '{'
            Map<String, String> labels = new HashMap<>();
            skipBlanks();
            if (!atEnd() && peek() == '}') {
                pos++;
                return labels;
            }
            while (true) {
                int nameAt = pos;
                String label = labelName();
                skipBlanks();
                expect('=', "'=' after label name \"" + label + "\"");
                skipBlanks();
                expect('"', "'\"' to open the value of label \"" + label + "\"");
                String value = quoted(label);
                if (labels.putIfAbsent(label, value) != null) {
                    pos = nameAt;
                    throw error("each label once per sample (\"" + label + "\" appears twice)");
                }
                skipBlanks();
                if (!atEnd() && peek() == ',') {
                    pos++;
                    skipBlanks();
                    // Prometheus accepts a trailing comma: {a="1",}
                    if (!atEnd() && peek() == '}') {
                        pos++;
                        return labels;
                    }
                } else if (!atEnd() && peek() == '}') {
                    pos++;
                    return labels;
                } else {
                    throw error("',' or '}' after the value of label \"" + label + "\"");
                }
            }
        }

        private String quoted(String label) throws MalformedMetricsException {
            StringBuilder value = new StringBuilder();
            while (!atEnd()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\' || atEnd()) {
                    value.append(c);
                    continue;
                }
                char escaped = text.charAt(pos++);
                switch (escaped) {
                    case '\\' -> value.append('\\');
                    case '"' -> value.append('"');
                    case 'n' -> value.append('\n');
                    default -> value.append('\\').append(escaped);
                }
            }
            throw error("'\"' to close the value of label \"" + label + "\"");
        }

        private void timestamp() throws MalformedMetricsException {
            int at = pos;
            String token = token();
            // 0.0.4 writes integer milliseconds, OpenMetrics float seconds; neither may be NaN or infinite.
            if (!DECIMAL.matcher(token).matches()) {
                pos = at;
                throw error("a timestamp or end of line after the value");
            }
        }

        private void exemplar() throws MalformedMetricsException {
            pos++; // '#'
            skipBlanks();
            if (atEnd() || peek() != '{') {
                throw error("'{' to open the exemplar's labels");
            }
            labels();
            skipBlanks();
            number("the exemplar's value");
            skipBlanks();
            if (!atEnd()) {
                timestamp();
            }
        }

        private double number(String what) throws MalformedMetricsException {
            int at = pos;
            OptionalDouble value = parseValue(token());
            if (value.isEmpty()) {
                pos = at;
                throw error(what);
            }
            return value.getAsDouble();
        }

        private String metricName(String what) throws MalformedMetricsException {
            int start = pos;
            if (atEnd() || !isNameStart(peek()) && peek() != ':') {
                throw error(what);
            }
            pos++;
            while (!atEnd() && (isNameStart(peek()) || isDigit(peek()) || peek() == ':')) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private String labelName() throws MalformedMetricsException {
            int start = pos;
            if (atEnd() || !isNameStart(peek())) {
                throw error("a label name");
            }
            pos++;
            while (!atEnd() && (isNameStart(peek()) || isDigit(peek()))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        /** The run of non-blank characters at the cursor (may be empty). */
        private String token() {
            int start = pos;
            while (!atEnd() && !isBlank(peek())) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private void expect(char c, String what) throws MalformedMetricsException {
            if (atEnd() || peek() != c) {
                throw error(what);
            }
            pos++;
        }

        private void requireBlank(String what) throws MalformedMetricsException {
            if (atEnd() || !isBlank(peek())) {
                throw error(what);
            }
            skipBlanks();
        }

        void expectBlank(String what) throws MalformedMetricsException {
            skipBlanks();
            if (!atEnd()) {
                throw error(what);
            }
        }

        private void skipBlanks() {
            while (!atEnd() && isBlank(peek())) {
                pos++;
            }
        }

        private MalformedMetricsException error(String expected) {
            return new MalformedMetricsException(number, pos + 1, expected, found());
        }

        private String found() {
            if (atEnd()) {
                return "end of line";
            }
            // A word is shown whole ('abc'), punctuation alone ('}'), so the message points at one thing.
            int end = pos;
            while (end < text.length() && end - pos < 20 && isWordChar(text.charAt(end))) {
                end++;
            }
            return "'" + text.substring(pos, Math.max(end, pos + 1)) + "'";
        }

        private static boolean isWordChar(char c) {
            return isNameStart(c) || isDigit(c) || c == '.' || c == '+' || c == '-' || c == ':';
        }

        private boolean atEnd() {
            return pos >= text.length();
        }

        private char peek() {
            return text.charAt(pos);
        }

        // A stray '\r' from a CRLF page is treated as a blank rather than as part of the last token.
        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t' || c == '\r';
        }

        private static boolean isNameStart(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
