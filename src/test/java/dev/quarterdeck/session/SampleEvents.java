package dev.quarterdeck.session;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * One instance of every kind of session event, made by reflection with a sample value for each component
 * type, so a kind added to {@link SessionEvent} is in every test that uses these without anyone adding it.
 * Text samples come from a function of the field's path, so a test can plant secrets in every text field.
 */
final class SampleEvents {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00.123456789Z");
    private static final double[] AWKWARD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
        0.1 + 0.2, 1e-300, -123456.789};

    private final Function<String, String> text;
    private int counter;

    private SampleEvents(Function<String, String> text) {
        this.text = text;
    }

    /** Every kind, with text that needs escaping: quotes, a backslash, a newline, non-ASCII. */
    static List<SessionEvent> everyKind() {
        return everyKind(path -> path + " \"quoted\" \\ back\nslash ✓ ünï");
    }

    /** Every kind, each text field holding {@code text.apply(path)}. */
    static List<SessionEvent> everyKind(Function<String, String> text) {
        SampleEvents samples = new SampleEvents(text);
        List<SessionEvent> events = new ArrayList<>();
        for (Class<?> kind : kinds(SessionEvent.class)) {
            events.add((SessionEvent) samples.record(kind, kind.getSimpleName()));
        }
        return events;
    }

    static List<Class<?>> kinds(Class<?> family) {
        List<Class<?>> kinds = new ArrayList<>();
        for (Class<?> c : family.getPermittedSubclasses()) {
            if (c.isRecord()) {
                kinds.add(c);
            } else {
                kinds.addAll(kinds(c));
            }
        }
        return kinds;
    }

    private Object record(Class<?> type, String path) {
        RecordComponent[] parts = type.getRecordComponents();
        Object[] values = new Object[parts.length];
        Class<?>[] raw = new Class<?>[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = value(parts[i].getGenericType(), path + "." + parts[i].getName());
            raw[i] = parts[i].getType();
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(raw);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a sample " + type.getName() + ": " + e.getCause(), e);
        }
    }

    private Object value(Type type, String path) {
        Class<?> raw = Types.raw(type);
        int n = counter++;
        if (raw == String.class) {
            return text.apply(path);
        }
        if (raw == int.class || raw == Integer.class) {
            return n % 3 == 0 ? -1 : 40 + n;
        }
        if (raw == long.class || raw == Long.class) {
            return Long.MAX_VALUE - n;
        }
        if (raw == double.class || raw == Double.class) {
            return AWKWARD[n % AWKWARD.length];
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return n % 2 == 0;
        }
        if (raw == Instant.class) {
            return AT.plusSeconds(n);
        }
        if (raw == Duration.class) {
            return Duration.ofMillis(1500 + n).plusNanos(7);
        }
        if (raw == URI.class) {
            return URI.create("https://example.test/" + n);
        }
        if (raw == Actor.class) {
            return new Actor("ana-" + n);
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[n % constants.length];
        }
        return container(type, raw, path);
    }

    private Object container(Type type, Class<?> raw, String path) {
        if (raw == Optional.class) {
            return Optional.of(value(Types.argument(type, 0), path));
        }
        if (raw == OptionalInt.class) {
            return OptionalInt.of(3);
        }
        if (raw == OptionalLong.class) {
            return OptionalLong.of(3);
        }
        if (raw == OptionalDouble.class) {
            return OptionalDouble.of(Double.NaN);
        }
        if (raw == List.class) {
            return List.of(value(Types.argument(type, 0), path + "[0]"), value(Types.argument(type, 0), path + "[1]"));
        }
        if (raw == Set.class) {
            return new LinkedHashSet<>(List.of(value(Types.argument(type, 0), path + "[0]")));
        }
        if (raw == Map.class) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < 2; i++) {
                map.put(key(Types.argument(type, 0), i, path), value(Types.argument(type, 1), path + "[" + i + "]"));
            }
            return map;
        }
        if (raw.isRecord()) {
            return record(raw, path);
        }
        if (raw.isSealed()) {
            return record(kinds(raw).get(0), path);
        }
        throw new IllegalStateException("SampleEvents has no sample for " + type + " at " + path
                + ": add one (and check the journal's codec handles it)");
    }

    private Object key(Type type, int i, String path) {
        Class<?> raw = Types.raw(type);
        if (raw.isEnum()) {
            return raw.getEnumConstants()[i % raw.getEnumConstants().length];
        }
        if (raw == Integer.class) {
            return i;
        }
        return text.apply(path + ".key" + i);
    }
}
