package dev.quarterdeck.report;

import dev.quarterdeck.session.Redactor;
import dev.quarterdeck.session.SessionEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Takes secrets out of every text of an event before a report is built from it: record components, lists,
 * map keys and values, nested records (an {@code Actor}'s name, a checklist item's evidence), whatever kind of
 * event it is, so a new kind needs nothing here. The rule for a text is the journal's {@link Redactor}: a
 * journal is redacted when written, and a report redacts again, for journals written by older versions or
 * copied from elsewhere. An event is rebuilt only when one of its texts changed: a day of events mostly is not.
 */
public final class Redaction {
    private final UnaryOperator<String> text;
    private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();

    private Redaction(UnaryOperator<String> text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    /**
     * The journal's shapes of secrets ({@link Redactor#standard()}: tokens, passwords, Authorization headers,
     * credentials in URLs, webhook URLs, kubeconfig keys).
     */
    public static Redaction standard() {
        return of(Redactor.standard());
    }

    /** By a redactor that also knows exact secret values (a plan's, the console's). */
    public static Redaction of(Redactor redactor) {
        return new Redaction(redactor::redact);
    }

    /** By another rule for texts. */
    public static Redaction of(UnaryOperator<String> text) {
        return new Redaction(text);
    }

    /** Nothing taken out: for tests of what a report does with text it is given. */
    public static Redaction none() {
        return new Redaction(UnaryOperator.identity());
    }

    public String text(String value) {
        return value == null ? null : text.apply(value);
    }

    /** The same event with every text redacted; the very same object when nothing changed. */
    @SuppressWarnings("unchecked")
    public <E extends SessionEvent> E event(E event) {
        return (E) value(event);
    }

    private Object value(Object value) {
        if (value instanceof String s) {
            return s.isEmpty() ? s : text.apply(s);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object item : list) {
                Object redacted = value(item);
                changed |= redacted != item;
                out.add(redacted);
            }
            return changed ? List.copyOf(out) : list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object key = value(e.getKey());
                Object redacted = value(e.getValue());
                changed |= key != e.getKey() || redacted != e.getValue();
                out.merge(key, redacted, (a, b) -> a); // two keys redacted alike: keep the first
            }
            return changed ? Map.copyOf(out) : map;
        }
        if (value != null && value.getClass().isRecord()) {
            return record(value);
        }
        return value;
    }

    private Object record(Object record) {
        Shape shape = shapes.computeIfAbsent(record.getClass(), Shape::of);
        Object[] args = new Object[shape.accessors.length];
        boolean changed = false;
        try {
            for (int i = 0; i < args.length; i++) {
                Object before = shape.accessors[i].invoke(record);
                args[i] = value(before);
                changed |= args[i] != before && !Objects.equals(args[i], before);
            }
            return changed ? shape.constructor.newInstance(args) : record;
        } catch (IllegalAccessException | InstantiationException e) {
            throw new IllegalStateException("cannot redact " + record.getClass().getName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("redacting " + record.getClass().getSimpleName() + " made it invalid: "
                    + e.getCause(), e.getCause());
        }
    }

    /** A record type's accessors and canonical constructor. */
    private record Shape(Method[] accessors, Constructor<?> constructor) {
        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                types[i] = components[i].getType();
            }
            try {
                return new Shape(accessors, type.getDeclaredConstructor(types));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
            }
        }
    }
}
