package dev.quarterdeck.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Every kind of {@link SessionEvent} to a JSON object of its fields and back. The kinds are found by reflection
 * over the permitted subclasses of {@code SessionEvent}, each named by its simple name
 * ({@code "ChecklistItemMarked"}), and their fields are their record components: a new kind of event, or a new
 * field, needs no change here. What each Java type becomes is {@link JsonValues}; reading back is
 * {@link JsonReading}, which gives fields missing from older lines a neutral value.
 *
 * <p>Renaming a kind or a field is not free: lines already written keep the old name. Such a change needs
 * the journal's schema version raised and the old name read explicitly.
 */
final class EventCodec {
    private final RecordShapes shapes = new RecordShapes();
    private final JsonValues writing = new JsonValues(shapes);
    private final JsonReading reading = new JsonReading(shapes, writing.fallback());
    private final Map<String, Class<?>> kinds;

    EventCodec() {
        Map<String, Class<?>> found = new TreeMap<>();
        collect(SessionEvent.class, found);
        this.kinds = Collections.unmodifiableMap(found);
    }

    private static void collect(Class<?> family, Map<String, Class<?>> into) {
        for (Class<?> member : family.getPermittedSubclasses()) {
            if (member.isRecord()) {
                Class<?> clash = into.put(member.getSimpleName(), member);
                if (clash != null) {
                    throw new IllegalStateException("two kinds of session event are named "
                            + member.getSimpleName() + ": " + clash.getName() + " and " + member.getName()
                            + "; the journal names kinds by simple name");
                }
            } else if (Types.isSealedFamily(member)) {
                collect(member, into);
            } else {
                throw new IllegalStateException(member.getName() + " is a session event but not a record: the "
                        + "journal can only write records");
            }
        }
    }

    /** The names of every kind this version knows, sorted. */
    Set<String> kinds() {
        return kinds.keySet();
    }

    boolean knows(String kind) {
        return kinds.containsKey(kind);
    }

    static String kindOf(SessionEvent event) {
        return event.getClass().getSimpleName();
    }

    /** The event's fields; every text passes through {@code text} (the redactor) on the way. */
    ObjectNode encode(SessionEvent event, UnaryOperator<String> text) {
        return writing.writeRecord(event, text);
    }

    /** The event of kind {@code kind} from its fields. The kind must be {@link #knows known}. */
    SessionEvent decode(String kind, JsonNode fields) throws EventFormatException {
        Class<?> type = kinds.get(kind);
        if (type == null) {
            throw new EventFormatException(kind, "no such kind of event in this version of Quarterdeck");
        }
        return (SessionEvent) reading.readRecord(fields, type, kind);
    }

    /** The mapper the journal uses for whole lines: the same configuration as for field values. */
    ObjectMapper mapper() {
        return writing.fallback();
    }
}
