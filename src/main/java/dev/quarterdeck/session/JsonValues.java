package dev.quarterdeck.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Java values to JSON, driven by the declared type, so any record of events can be written without a codec of
 * its own. Text goes through a rewrite on the way (the {@link Redactor}), map keys included.
 *
 * <ul>
 *   <li>Records become objects of their components; a value of a sealed interface also names its kind in
 *       {@code "@type"}.
 *   <li>Doubles that are not finite become the strings {@code "NaN"}, {@code "Infinity"} and
 *       {@code "-Infinity"} (JSON has no such numbers).
 *   <li>Instants and durations are ISO-8601 text; enums their constant's name; an empty Optional is null.
 *   <li>Maps are written with their keys sorted, so the same event is always the same bytes.
 *   <li>Any other type goes to Jackson as it is.
 * </ul>
 * Reading back is {@link JsonReading}.
 */
final class JsonValues {
    static final String KIND = "@type";

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final ObjectMapper fallback = new ObjectMapper().registerModule(new JavaTimeModule());
    private final RecordShapes shapes;

    JsonValues(RecordShapes shapes) {
        this.shapes = shapes;
    }

    ObjectMapper fallback() {
        return fallback;
    }

    /** The record's components as one object. */
    ObjectNode writeRecord(Object record, UnaryOperator<String> text) {
        RecordShape shape = shapes.of(record.getClass());
        ObjectNode out = nodes.objectNode();
        for (RecordShape.Component c : shape.components()) {
            out.set(c.name(), write(shape.get(record, c), c.type(), text));
        }
        return out;
    }

    JsonNode write(Object value, Type type, UnaryOperator<String> text) {
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof String s) {
            return nodes.textNode(text.apply(s));
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof Float f) {
            return number(f.doubleValue());
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return nodes.numberNode(((Number) value).longValue());
        }
        if (value instanceof Character || value instanceof Instant || value instanceof Duration) {
            return nodes.textNode(value.toString());
        }
        if (value instanceof URI uri) {
            return nodes.textNode(text.apply(uri.toString()));
        }
        if (value instanceof Enum<?> e) {
            return nodes.textNode(e.name());
        }
        JsonNode optional = writeOptional(value, type, text);
        if (optional != null) {
            return optional;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode out = nodes.arrayNode();
            Type element = Types.argument(type, 0);
            items.forEach(item -> out.add(write(item, element, text)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            return writeMap(map, Types.argument(type, 1), text);
        }
        if (value.getClass().isRecord()) {
            ObjectNode out = writeRecord(value, text);
            if (Types.raw(type) != value.getClass()) {
                ObjectNode named = nodes.objectNode().put(KIND, value.getClass().getSimpleName());
                named.setAll(out);
                return named;
            }
            return out;
        }
        return rewriteText(fallback.valueToTree(value), text);
    }

    private JsonNode number(double d) {
        if (Double.isNaN(d)) {
            return nodes.textNode("NaN");
        }
        if (Double.isInfinite(d)) {
            return nodes.textNode(d > 0 ? "Infinity" : "-Infinity");
        }
        return nodes.numberNode(d);
    }

    private JsonNode writeOptional(Object value, Type type, UnaryOperator<String> text) {
        if (value instanceof Optional<?> o) {
            return o.isEmpty() ? nodes.nullNode() : write(o.get(), Types.argument(type, 0), text);
        }
        if (value instanceof OptionalInt o) {
            return o.isEmpty() ? nodes.nullNode() : nodes.numberNode(o.getAsInt());
        }
        if (value instanceof OptionalLong o) {
            return o.isEmpty() ? nodes.nullNode() : nodes.numberNode(o.getAsLong());
        }
        if (value instanceof OptionalDouble o) {
            return o.isEmpty() ? nodes.nullNode() : number(o.getAsDouble());
        }
        return null;
    }

    private ObjectNode writeMap(Map<?, ?> map, Type valueType, UnaryOperator<String> text) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object key = e.getKey();
            String name = key instanceof Enum<?> k ? k.name() : text.apply(String.valueOf(key));
            sorted.put(name, write(e.getValue(), valueType, text));
        }
        ObjectNode out = nodes.objectNode();
        out.setAll(sorted);
        return out;
    }

    /** Jackson's tree of a type none of the rules cover, with its text rewritten all the same. */
    private JsonNode rewriteText(JsonNode node, UnaryOperator<String> text) {
        if (node.isTextual()) {
            return nodes.textNode(text.apply(node.asText()));
        }
        if (node.isArray()) {
            ArrayNode out = nodes.arrayNode();
            node.forEach(item -> out.add(rewriteText(item, text)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = nodes.objectNode();
            node.properties().forEach(f -> out.set(text.apply(f.getKey()), rewriteText(f.getValue(), text)));
            return out;
        }
        return node;
    }
}
