package dev.quarterdeck.cli;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.quarterdeck.session.SessionEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Reads what it can of a journal in the journal's line format
 * ({@code {"v":2,"seq":17,"type":"NoteAdded","event":{...},"crc":"0a1b2c3d"}}, see branch {@code journal}),
 * until that branch's own reader is on main: see {@link JournalSource}. Each line's checksum is checked when it
 * has one; the event is read back by Jackson into the record its {@code type} names, text missing from older
 * lines read as empty. A line it cannot read (torn, corrupt, a kind or shape it does not know) is skipped and
 * reported, never fatal. The journal's own lines ({@code journal.*}) are not events.
 */
final class InterimJournalReader implements JournalSource {
    private static final String CRC_FIELD = ",\"crc\":\"";

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Map<String, Class<? extends SessionEvent>> kinds = new HashMap<>();

    InterimJournalReader() {
        mapper.configOverride(String.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
        for (Class<?> kind : SessionEvent.class.getPermittedSubclasses()) {
            kinds.put(kind.getSimpleName(), kind.asSubclass(SessionEvent.class));
        }
    }

    @Override
    public List<String> read(Path file, Consumer<SessionEvent> events) throws IOException {
        List<String> problems = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            long number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String problem = line(line, events);
                if (problem != null) {
                    problems.add("line " + number + ": " + problem);
                }
            }
        }
        return problems;
    }

    /** Reads one line; returns why it was skipped, or null. */
    private String line(String line, Consumer<SessionEvent> events) {
        int crcAt = line.lastIndexOf(CRC_FIELD);
        if (crcAt > 0 && line.length() >= crcAt + CRC_FIELD.length() + 8) {
            CRC32C crc = new CRC32C();
            crc.update(line.substring(0, crcAt).getBytes(StandardCharsets.UTF_8));
            String expected = line.substring(crcAt + CRC_FIELD.length(), crcAt + CRC_FIELD.length() + 8);
            if (!String.format("%08x", crc.getValue()).equals(expected)) {
                return "checksum does not match: the line is damaged";
            }
        }
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (IOException e) {
            return "not JSON (a torn or damaged line)";
        }
        String kind = node.path("type").asText("");
        if (kind.startsWith("journal.")) {
            return null;
        }
        Class<? extends SessionEvent> type = kinds.get(kind);
        if (type == null) {
            return kind.isEmpty() ? "not a journal line" : "an event of kind \"" + kind + "\", unknown to this version";
        }
        try {
            events.accept(mapper.treeToValue(node.path("event"), type));
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return "cannot read the " + kind + " event back: " + e.getMessage().lines().findFirst().orElse("");
        }
    }
}
