package dev.quarterdeck.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * JSON back to Java values, driven by the declared type: the inverse of {@link JsonValues}. A field that is
 * missing gets its {@link NeutralValues neutral value}, so lines written before a field existed still read;
 * fields this version does not know are ignored. Anything else unexpected is an {@link EventFormatException}
 * naming the field.
 */
final class JsonReading {
    private final RecordShapes shapes;
    private final ObjectMapper fallback;

    JsonReading(RecordShapes shapes, ObjectMapper fallback) {
        this.shapes = shapes;
        this.fallback = fallback;
    }

    /** A record from an object of its components. */
    Object readRecord(JsonNode node, Class<?> type, String path) throws EventFormatException {
        if (!node.isObject()) {
            throw wrong(path, "an object", node);
        }
        RecordShape shape = shapes.of(type);
        List<RecordShape.Component> components = shape.components();
        Object[] values = new Object[components.size()];
        for (int i = 0; i < values.length; i++) {
            RecordShape.Component c = components.get(i);
            values[i] = read(node.get(c.name()), c.type(), path + "." + c.name());
        }
        return shape.construct(values, path);
    }

    Object read(JsonNode node, Type type, String path) throws EventFormatException {
        Class<?> raw = Types.raw(type);
        if (node == null || node.isMissingNode()) {
            return NeutralValues.of(type, path, shapes);
        }
        if (node.isNull()) {
            // Primitives cannot be null, and an empty Optional is written as null.
            return raw.isPrimitive() || raw.getName().startsWith("java.util.Optional")
                    ? NeutralValues.of(type, path, shapes)
                    : null;
        }
        if (raw == String.class) {
            return text(node, path);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (!node.isBoolean()) {
                throw wrong(path, "true or false", node);
            }
            return node.booleanValue();
        }
        if (raw == double.class || raw == Double.class) {
            return number(node, path);
        }
        if (raw == float.class || raw == Float.class) {
            return (float) number(node, path);
        }
        if (raw == int.class || raw == Integer.class) {
            return (int) integral(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (raw == long.class || raw == Long.class) {
            return integral(node, path, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (raw == short.class || raw == Short.class) {
            return (short) integral(node, path, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (raw == byte.class || raw == Byte.class) {
            return (byte) integral(node, path, Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        return readObject(node, type, raw, path);
    }

    private Object readObject(JsonNode node, Type type, Class<?> raw, String path) throws EventFormatException {
        if (raw == char.class || raw == Character.class) {
            String s = text(node, path);
            if (s.length() != 1) {
                throw wrong(path, "one character", node);
            }
            return s.charAt(0);
        }
        if (raw == Instant.class || raw == Duration.class || raw == URI.class) {
            String s = text(node, path);
            try {
                return raw == Instant.class ? Instant.parse(s) : raw == Duration.class ? Duration.parse(s) : URI.create(s);
            } catch (DateTimeException | IllegalArgumentException e) {
                throw new EventFormatException(path, "not a valid " + raw.getSimpleName() + ": \"" + s + "\"");
            }
        }
        if (raw.isEnum()) {
            return constant(raw, text(node, path), path);
        }
        if (raw == Optional.class) {
            return Optional.ofNullable(read(node, Types.argument(type, 0), path));
        }
        if (raw == OptionalInt.class) {
            return OptionalInt.of((int) integral(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (raw == OptionalLong.class) {
            return OptionalLong.of(integral(node, path, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (raw == OptionalDouble.class) {
            return OptionalDouble.of(number(node, path));
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return collection(node, Types.argument(type, 0), Set.class.isAssignableFrom(raw), path);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return map(node, Types.argument(type, 0), Types.argument(type, 1), path);
        }
        if (raw.isRecord()) {
            return readRecord(node, raw, path);
        }
        if (Types.isSealedFamily(raw)) {
            return member(node, raw, path);
        }
        try {
            return fallback.treeToValue(node, fallback.constructType(type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new EventFormatException(path, "not a valid " + raw.getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    private Object collection(JsonNode node, Type element, boolean set, String path) throws EventFormatException {
        if (!node.isArray()) {
            throw wrong(path, "a list", node);
        }
        List<Object> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(read(node.get(i), element, path + "[" + i + "]"));
        }
        return set ? Collections.unmodifiableSet(new LinkedHashSet<>(items)) : Collections.unmodifiableList(items);
    }

    private Object map(JsonNode node, Type keyType, Type valueType, String path) throws EventFormatException {
        if (!node.isObject()) {
            throw wrong(path, "an object", node);
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String where = path + "[\"" + e.getKey() + "\"]";
            out.put(key(e.getKey(), Types.raw(keyType), where), read(e.getValue(), valueType, where));
        }
        return Collections.unmodifiableMap(out);
    }

    private Object key(String key, Class<?> raw, String path) throws EventFormatException {
        try {
            if (raw.isEnum()) {
                return constant(raw, key, path);
            }
            if (raw == Integer.class) {
                return Integer.valueOf(key);
            }
            if (raw == Long.class) {
                return Long.valueOf(key);
            }
            return key;
        } catch (NumberFormatException e) {
            throw new EventFormatException(path, "the key \"" + key + "\" is not a number");
        }
    }

    /** One member of a sealed family, named by {@code "@type"}. */
    private Object member(JsonNode node, Class<?> family, String path) throws EventFormatException {
        String kind = node.path(JsonValues.KIND).asText("");
        for (Class<?> member : family.getPermittedSubclasses()) {
            if (member.getSimpleName().equals(kind)) {
                return member.isRecord() ? readRecord(node, member, path) : member(node, member, path);
            }
        }
        throw new EventFormatException(path, "no " + family.getSimpleName() + " named \"" + kind + "\"");
    }

    private static Object constant(Class<?> type, String name, String path) throws EventFormatException {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new EventFormatException(path, "no " + type.getSimpleName() + " named \"" + name
                + "\" (written by a newer Quarterdeck?)");
    }

    private static String text(JsonNode node, String path) throws EventFormatException {
        if (!node.isTextual()) {
            throw wrong(path, "text", node);
        }
        return node.textValue();
    }

    private static double number(JsonNode node, String path) throws EventFormatException {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw wrong(path, "a number", node);
    }

    private static long integral(JsonNode node, String path, long min, long max) throws EventFormatException {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw wrong(path, "a whole number from " + min + " to " + max, node);
        }
        return node.longValue();
    }

    private static EventFormatException wrong(String path, String expected, JsonNode found) {
        String shown = found.toString();
        return new EventFormatException(path, "expected " + expected + ", found "
                + (shown.length() > 60 ? shown.substring(0, 60) + "…" : shown));
    }
}
