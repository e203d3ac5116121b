package dev.quarterdeck.probe.adapter.prometheus;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.quarterdeck.probe.PrometheusAlert;
import dev.quarterdeck.probe.PrometheusResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the Prometheus HTTP API's JSON: {@code {status, data, errorType, error, warnings}}. Strict on
 * purpose: a field missing or of the wrong type, an unknown result type or a value that is not a number is a
 * {@link Malformed} answer naming where it went wrong, never a guess, because a gate must not judge a value
 * read from something that only looks like Prometheus.
 */
final class PrometheusJson {
    /** Go's float syntax as Prometheus writes it; Java's parseDouble would also take "1d", "0x1p3", "Infinity". */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    // Big decimals keep a timestamp like 1435781451.781 exact to the millisecond; trailing garbage after the
    // JSON object is a broken answer, not something to ignore.
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** An answer that is not the API's; the message says where and how, for the captain's timeline. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }

        Malformed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The two shapes of an answer. */
    sealed interface Envelope {}

    /** {@code "status": "success"}: the data still to be read, and the warnings. */
    record Success(JsonNode data, List<String> warnings) implements Envelope {}

    /** {@code "status": "error"} in Prometheus' words. */
    record Failure(String errorType, String error) implements Envelope {}

    Envelope envelope(byte[] body) throws Malformed {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new Malformed("not JSON (" + firstLine(e.getOriginalMessage()) + ")", e);
        } catch (IOException e) {
            throw new Malformed("not JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new Malformed("expected a JSON object, got " + kind(root));
        }
        String status = text(root, "status", "status");
        if (status.equals("error")) {
            return new Failure(optionalText(root, "errorType"), optionalText(root, "error"));
        }
        if (!status.equals("success")) {
            throw new Malformed("status is '" + status + "', expected 'success' or 'error'");
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw new Malformed("status 'success' without 'data'");
        }
        return new Success(data, warnings(root));
    }

    /** The {@code data} of {@code /api/v1/query}: any result type. */
    PrometheusResult result(JsonNode data) throws Malformed {
        requireObject(data, "data");
        String type = text(data, "resultType", "data.resultType");
        JsonNode result = data.get("result");
        if (result == null) {
            throw new Malformed("data has no 'result'");
        }
        switch (type) {
            case "vector":
                return vector(result);
            case "matrix":
                return matrix(result);
            case "scalar": {
                PrometheusResult.Point point = point(result, "data.result");
                return new PrometheusResult.Scalar(point.at(), point.value());
            }
            case "string": {
                JsonNode pair = pair(result, "data.result");
                return new PrometheusResult.Text(timestamp(pair.get(0), "data.result[0]"),
                        string(pair.get(1), "data.result[1]"));
            }
            default:
                throw new Malformed("unknown resultType '" + type + "'");
        }
    }

    /** The {@code data} of {@code /api/v1/query_range}, which is always a matrix. */
    PrometheusResult.Matrix rangeResult(JsonNode data) throws Malformed {
        PrometheusResult result = result(data);
        if (!(result instanceof PrometheusResult.Matrix matrix)) {
            throw new Malformed("a range query gave a " + result.type() + ", expected a matrix");
        }
        return matrix;
    }

    /** The {@code data} of {@code /api/v1/alerts}. */
    List<PrometheusAlert> alerts(JsonNode data) throws Malformed {
        requireObject(data, "data");
        JsonNode alerts = data.get("alerts");
        requireArray(alerts, "data.alerts");
        List<PrometheusAlert> read = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            String where = "data.alerts[" + i + "]";
            JsonNode alert = alerts.get(i);
            requireObject(alert, where);
            Map<String, String> labels = labels(alert.get("labels"), where + ".labels");
            JsonNode annotationsNode = alert.get("annotations");
            Map<String, String> annotations = annotationsNode == null || annotationsNode.isNull()
                    ? Map.of()
                    : labels(annotationsNode, where + ".annotations");
            String state = text(alert, "state", where + ".state");
            PrometheusAlert.State parsed;
            if (state.equals("firing")) {
                parsed = PrometheusAlert.State.FIRING;
            } else if (state.equals("pending")) {
                parsed = PrometheusAlert.State.PENDING;
            } else {
                throw new Malformed(where + ".state is '" + state + "', expected 'firing' or 'pending'");
            }
            read.add(new PrometheusAlert(labels, annotations, parsed, activeAt(alert.get("activeAt"), where)));
        }
        return read;
    }

    private PrometheusResult.Vector vector(JsonNode result) throws Malformed {
        requireArray(result, "data.result");
        List<PrometheusResult.Series> series = new ArrayList<>(result.size());
        for (int i = 0; i < result.size(); i++) {
            String where = "data.result[" + i + "]";
            JsonNode item = result.get(i);
            requireObject(item, where);
            Map<String, String> labels = labels(item.get("metric"), where + ".metric");
            JsonNode value = item.get("value");
            if (value == null && item.has("histogram")) {
                throw new Malformed(where + " is a native histogram, not a number; wrap the query in "
                        + "histogram_quantile(...) or histogram_count(...)");
            }
            PrometheusResult.Point point = point(value, where + ".value");
            series.add(new PrometheusResult.Series(labels, point.at(), point.value()));
        }
        return new PrometheusResult.Vector(series);
    }

    private PrometheusResult.Matrix matrix(JsonNode result) throws Malformed {
        requireArray(result, "data.result");
        List<PrometheusResult.RangeSeries> series = new ArrayList<>(result.size());
        for (int i = 0; i < result.size(); i++) {
            String where = "data.result[" + i + "]";
            JsonNode item = result.get(i);
            requireObject(item, where);
            Map<String, String> labels = labels(item.get("metric"), where + ".metric");
            JsonNode values = item.get("values");
            if (values == null && item.has("histograms")) {
                throw new Malformed(where + " holds native histograms, not numbers; wrap the query in "
                        + "histogram_quantile(...) or histogram_count(...)");
            }
            requireArray(values, where + ".values");
            List<PrometheusResult.Point> points = new ArrayList<>(values.size());
            for (int j = 0; j < values.size(); j++) {
                points.add(point(values.get(j), where + ".values[" + j + "]"));
            }
            series.add(new PrometheusResult.RangeSeries(labels, points));
        }
        return new PrometheusResult.Matrix(series);
    }

    private static PrometheusResult.Point point(JsonNode node, String where) throws Malformed {
        JsonNode pair = pair(node, where);
        return new PrometheusResult.Point(timestamp(pair.get(0), where + "[0]"), value(pair.get(1), where + "[1]"));
    }

    private static JsonNode pair(JsonNode node, String where) throws Malformed {
        requireArray(node, where);
        if (node.size() != 2) {
            throw new Malformed(where + " has " + node.size() + " elements, expected [time, \"value\"]");
        }
        return node;
    }

    /** Unix seconds with a fraction, as a JSON number. */
    static Instant timestamp(JsonNode node, String where) throws Malformed {
        if (node == null || !node.isNumber()) {
            throw new Malformed(where + " should be a time in Unix seconds, got " + kind(node));
        }
        try {
            BigDecimal seconds = node.decimalValue();
            BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
            long nanos = seconds.subtract(whole).multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
            return Instant.ofEpochSecond(whole.longValueExact(), nanos);
        } catch (ArithmeticException | DateTimeException e) {
            throw new Malformed(where + " is not a usable time: " + node, e);
        }
    }

    /** A sample value: a string, because JSON has no NaN or infinities. */
    static double value(JsonNode node, String where) throws Malformed {
        String text = string(node, where);
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "+inf":
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!DECIMAL.matcher(text).matches()) {
                    throw new Malformed(where + " is '" + abbreviate(text) + "', not a number");
                }
                return Double.parseDouble(text);
        }
    }

    private static Optional<Instant> activeAt(JsonNode node, String where) throws Malformed {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String text = string(node, where + ".activeAt");
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeException e) {
            throw new Malformed(where + ".activeAt is '" + abbreviate(text) + "', not an RFC 3339 time", e);
        }
    }

    private static Map<String, String> labels(JsonNode node, String where) throws Malformed {
        requireObject(node, where);
        Map<String, String> labels = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            labels.put(field.getKey(), string(field.getValue(), where + "." + field.getKey()));
        }
        return labels;
    }

    private static List<String> warnings(JsonNode root) throws Malformed {
        JsonNode node = root.get("warnings");
        if (node == null || node.isNull()) {
            return List.of();
        }
        requireArray(node, "warnings");
        List<String> warnings = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            warnings.add(string(node.get(i), "warnings[" + i + "]"));
        }
        return warnings;
    }

    private static String text(JsonNode parent, String field, String where) throws Malformed {
        JsonNode node = parent.get(field);
        if (node == null) {
            throw new Malformed("no '" + where + "'");
        }
        return string(node, where);
    }

    private static String optionalText(JsonNode parent, String field) throws Malformed {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : string(node, field);
    }

    private static String string(JsonNode node, String where) throws Malformed {
        if (node == null || !node.isTextual()) {
            throw new Malformed(where + " should be a string, got " + kind(node));
        }
        return node.textValue();
    }

    private static void requireObject(JsonNode node, String where) throws Malformed {
        if (node == null || !node.isObject()) {
            throw new Malformed(where + " should be an object, got " + kind(node));
        }
    }

    private static void requireArray(JsonNode node, String where) throws Malformed {
        if (node == null || !node.isArray()) {
            throw new Malformed(where + " should be an array, got " + kind(node));
        }
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        switch (node.getNodeType()) {
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return node.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return abbreviate(newline < 0 ? message : message.substring(0, newline));
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
