package dev.quarterdeck.session;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a field missing from an older journal line reads as: a value that claims nothing. Empty text, lists
 * and maps, {@code Optional.empty()}, NaN for a measurement (never a made-up 0.0 that could pass a gate), 0
 * for a count, false for a flag, the epoch for an instant, zero for a duration, "unknown" for a person. A
 * record missing as a whole is made of neutral parts. Anything else (an enum, a URI) reads as null, and the
 * event's record decides whether it accepts that.
 */
final class NeutralValues {
    static final Actor UNKNOWN_ACTOR = new Actor("unknown");

    private NeutralValues() {}

    static Object of(Type type, String path, RecordShapes shapes) throws EventFormatException {
        Class<?> raw = Types.raw(type);
        if (raw == String.class) {
            return "";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return false;
        }
        if (raw == double.class || raw == Double.class) {
            return Double.NaN;
        }
        if (raw == float.class || raw == Float.class) {
            return Float.NaN;
        }
        Object number = zero(raw);
        if (number != null) {
            return number;
        }
        Object empty = empty(raw);
        if (empty != null) {
            return empty;
        }
        if (raw == Actor.class) {
            return UNKNOWN_ACTOR;
        }
        if (raw.isRecord()) {
            RecordShape shape = shapes.of(raw);
            Object[] parts = new Object[shape.components().size()];
            for (int i = 0; i < parts.length; i++) {
                RecordShape.Component c = shape.components().get(i);
                parts[i] = of(c.type(), path + "." + c.name(), shapes);
            }
            return shape.construct(parts, path);
        }
        return null;
    }

    private static Object zero(Class<?> raw) {
        if (raw == int.class || raw == Integer.class) {
            return 0;
        }
        if (raw == long.class || raw == Long.class) {
            return 0L;
        }
        if (raw == short.class || raw == Short.class) {
            return (short) 0;
        }
        if (raw == byte.class || raw == Byte.class) {
            return (byte) 0;
        }
        if (raw == char.class || raw == Character.class) {
            return '\0';
        }
        return null;
    }

    private static Object empty(Class<?> raw) {
        if (raw == Optional.class) {
            return Optional.empty();
        }
        if (raw == OptionalInt.class) {
            return OptionalInt.empty();
        }
        if (raw == OptionalLong.class) {
            return OptionalLong.empty();
        }
        if (raw == OptionalDouble.class) {
            return OptionalDouble.empty();
        }
        if (Set.class.isAssignableFrom(raw)) {
            return Set.of();
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return List.of();
        }
        if (Map.class.isAssignableFrom(raw)) {
            return Map.of();
        }
        if (raw == Instant.class) {
            return Instant.EPOCH;
        }
        if (raw == Duration.class) {
            return Duration.ZERO;
        }
        return null;
    }
}
