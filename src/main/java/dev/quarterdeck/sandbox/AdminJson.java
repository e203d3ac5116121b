package dev.quarterdeck.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The admin API's bodies, both ways: {@code {"weight":20}} and
 * {@code {"errorRatio":0.1,"addedLatencyMs":200}}. Parsing is strict and every refusal names the field
 * and what was expected, because the person reading it is typing curl commands during a release.
 * Shared by the router (requests) and {@link RemoteSandbox} (answers), so both sides agree on one shape.
 */
final class AdminJson {
    static final String WEIGHT = "weight";
    static final String ERROR_RATIO = "errorRatio";
    static final String ADDED_LATENCY_MS = "addedLatencyMs";
    static final long MAX_ADDED_LATENCY_MS = 30_000;

    private final ObjectMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    byte[] weight(int percent) {
        return write(Map.of(WEIGHT, percent));
    }

    byte[] faults(CanaryFaults faults) {
        ObjectNode node = json.createObjectNode();
        node.put(ERROR_RATIO, faults.errorRatio());
        node.put(ADDED_LATENCY_MS, faults.addedLatency().toMillis());
        return write(node);
    }

    byte[] healthOf(String track, String version) {
        ObjectNode node = json.createObjectNode();
        node.put("status", "ok");
        node.put("track", track);
        node.put("version", version);
        return write(node);
    }

    byte[] error(String message) {
        return write(Map.of("error", message));
    }

    /** The weight in a {@code {"weight":N}} body, N an integer 0..100. */
    int parseWeight(byte[] body) throws BadAdminRequest {
        ObjectNode root = object(body, "{\"weight\":20}");
        onlyFields(root, Set.of(WEIGHT), "\"weight\"");
        JsonNode weight = required(root, WEIGHT, "an integer 0..100");
        if (!weight.isIntegralNumber()) {
            throw new BadAdminRequest("field \"weight\" must be an integer 0..100, was " + weight);
        }
        if (!weight.canConvertToInt() || weight.intValue() < 0 || weight.intValue() > 100) {
            throw new BadAdminRequest("field \"weight\" must be between 0 and 100, was " + weight);
        }
        return weight.intValue();
    }

    /** The faults in a {@code {"errorRatio":R,"addedLatencyMs":M}} body; both fields are required (PUT replaces). */
    CanaryFaults parseFaults(byte[] body) throws BadAdminRequest {
        ObjectNode root = object(body, "{\"errorRatio\":0.1,\"addedLatencyMs\":200}");
        onlyFields(root, Set.of(ERROR_RATIO, ADDED_LATENCY_MS), "\"errorRatio\" and \"addedLatencyMs\"");
        JsonNode ratio = required(root, ERROR_RATIO, "a number 0..1");
        if (!ratio.isNumber()) {
            throw new BadAdminRequest("field \"errorRatio\" must be a number 0..1, was " + ratio);
        }
        double r = ratio.doubleValue();
        if (!(r >= 0 && r <= 1)) {
            throw new BadAdminRequest("field \"errorRatio\" must be between 0 and 1, was " + ratio);
        }
        JsonNode latency = required(root, ADDED_LATENCY_MS, "an integer 0.." + MAX_ADDED_LATENCY_MS);
        if (!latency.isIntegralNumber()) {
            throw new BadAdminRequest(
                    "field \"addedLatencyMs\" must be an integer 0.." + MAX_ADDED_LATENCY_MS + " (milliseconds), was " + latency);
        }
        if (!latency.canConvertToLong() || latency.longValue() < 0 || latency.longValue() > MAX_ADDED_LATENCY_MS) {
            throw new BadAdminRequest(
                    "field \"addedLatencyMs\" must be between 0 and " + MAX_ADDED_LATENCY_MS + " milliseconds, was " + latency);
        }
        return new CanaryFaults(r, Duration.ofMillis(latency.longValue()));
    }

    private ObjectNode object(byte[] body, String example) throws BadAdminRequest {
        if (body.length == 0) {
            throw new BadAdminRequest("request body is empty; expected a JSON object like " + example);
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new BadAdminRequest("malformed JSON" + where + ": " + plainReason(e.getOriginalMessage())
                    + "; expected a JSON object like " + example);
        } catch (IOException e) {
            throw new BadAdminRequest("unreadable request body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadAdminRequest("request body must be a JSON object like " + example + ", was "
                    + (root == null ? "empty" : root.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return (ObjectNode) root;
    }

    private static void onlyFields(ObjectNode root, Set<String> allowed, String expected) throws BadAdminRequest {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new BadAdminRequest("unknown field \"" + name + "\"; expected only " + expected);
            }
        }
    }

    private static JsonNode required(ObjectNode root, String field, String expected) throws BadAdminRequest {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new BadAdminRequest("field \"" + field + "\" is required: " + expected);
        }
        return node;
    }

    /**
     * Jackson's parse errors, in words for a person at a terminal: its messages name Java types and
     * parser features, which mean nothing to someone who mistyped a curl command.
     */
    static String plainReason(String jacksonMessage) {
        if (jacksonMessage == null) {
            return "unexpected input";
        }
        String message = jacksonMessage.lines().findFirst().orElse("");
        if (message.startsWith("Unexpected end-of-input")) {
            return "the body ends before the JSON is complete";
        }
        if (message.startsWith("Trailing token")) {
            return "more than one JSON value in the body";
        }
        if (message.startsWith("Duplicate field ")) {
            return message.replaceFirst("^Duplicate field '(.*)'$", "field \"$1\" appears twice");
        }
        for (String noise : new String[] {" (start marker", " (bound as", " at [Source"}) {
            int cut = message.indexOf(noise);
            if (cut >= 0) {
                message = message.substring(0, cut);
            }
        }
        return message;
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Only maps of strings and numbers are written here: this cannot happen.
            throw new UncheckedIOException(e);
        }
    }
}
