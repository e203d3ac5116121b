package dev.quarterdeck.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How the JSON report writes values: instants ISO-8601, durations twice, NaN as null, maps sorted. */
final class JsonFields {
    private JsonFields() {}

    static void instant(JsonGenerator json, String name, Instant at) throws IOException {
        if (at == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, at.toString());
        }
    }

    static void duration(JsonGenerator json, String name, Duration d) throws IOException {
        if (d == null) {
            json.writeNullField(name);
            json.writeNullField(name + "Seconds");
        } else {
            json.writeStringField(name, d.toString());
            json.writeNumberField(name + "Seconds", d.toMillis() / 1000.0);
        }
    }

    static void number(JsonGenerator json, String name, double value) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }

    static void nullableBoolean(JsonGenerator json, String name, Boolean value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeBooleanField(name, value);
        }
    }

    static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    static void map(JsonGenerator json, String name, Map<String, String> map) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            json.writeStringField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
    }
}
