package dev.quarterdeck.session;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

/**
 * A record type taken apart once: its components in declaration order, each with its declared (generic) type,
 * and its canonical constructor. Method handles of one generic type called with {@code invokeExact}, rather
 * than {@code Method.invoke} or a plain {@code invoke} (which adapts types on every call): a journal of a
 * million events goes through here a million times on recovery.
 */
final class RecordShape {
    private final Class<?> type;
    private final List<Component> components;
    private final MethodHandle constructor;

    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType MAKER = MethodType.methodType(Object.class, Object[].class);

    /**
     * One component: its name, its declared type ({@code List<Access>}, not {@code List}), its accessor typed
     * {@code (Object)Object}.
     */
    record Component(String name, Type type, MethodHandle accessor) {}

    private RecordShape(Class<?> type, List<Component> components, MethodHandle constructor) {
        this.type = type;
        this.components = components;
        this.constructor = constructor;
    }

    static RecordShape of(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RecordComponent[] parts = type.getRecordComponents();
            Component[] components = new Component[parts.length];
            Class<?>[] raw = new Class<?>[parts.length];
            for (int i = 0; i < parts.length; i++) {
                var accessor = parts[i].getAccessor();
                accessor.setAccessible(true);
                components[i] = new Component(parts[i].getName(), parts[i].getGenericType(),
                        lookup.unreflect(accessor).asType(GETTER));
                raw[i] = parts[i].getType();
            }
            Constructor<?> canonical = type.getDeclaredConstructor(raw);
            canonical.setAccessible(true);
            MethodHandle constructor = lookup.unreflectConstructor(canonical)
                    .asSpreader(Object[].class, parts.length).asType(MAKER);
            return new RecordShape(type, List.of(components), constructor);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot take record " + type.getName() + " apart: " + e, e);
        }
    }

    Class<?> type() {
        return type;
    }

    List<Component> components() {
        return components;
    }

    Object get(Object record, Component component) {
        try {
            return (Object) component.accessor().invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + component.name(), e);
        }
    }

    /**
     * A new record from its component values, in order; a value the record refuses (its constructor throws)
     * becomes an {@link EventFormatException} at {@code path}.
     */
    Object construct(Object[] values, String path) throws EventFormatException {
        try {
            return (Object) constructor.invokeExact(values);
        } catch (RuntimeException e) {
            throw new EventFormatException(path, type.getSimpleName() + " refused its values "
                    + Arrays.toString(values) + ": " + e);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make " + type.getName(), e);
        }
    }
}
