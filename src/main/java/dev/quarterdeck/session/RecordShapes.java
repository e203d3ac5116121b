package dev.quarterdeck.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Record shapes, each taken apart once and shared by every thread that encodes or decodes events. */
final class RecordShapes {
    private final Map<Class<?>, RecordShape> shapes = new ConcurrentHashMap<>();

    RecordShape of(Class<?> type) {
        return shapes.computeIfAbsent(type, RecordShape::of);
    }
}
