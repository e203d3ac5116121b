package dev.quarterdeck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.quarterdeck.session.SessionEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Journal files for tests, framed as branch {@code journal} frames its lines ({@code v}, {@code seq},
 * {@code type}, {@code event}, CRC32C of the bytes before {@code ,"crc":"}). Goes with the interim reader.
 */
final class JournalLines {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private JournalLines() {}

    static List<String> lines(List<SessionEvent> events) throws IOException {
        List<String> lines = new ArrayList<>();
        long seq = 0;
        for (SessionEvent event : events) {
            lines.add(line(++seq, event.getClass().getSimpleName(), JSON.writeValueAsString(event)));
        }
        return lines;
    }

    static String line(long seq, String kind, String eventJson) {
        String head = "{\"v\":2,\"seq\":" + seq + ",\"type\":\"" + kind + "\",\"event\":" + eventJson;
        CRC32C crc = new CRC32C();
        crc.update(head.getBytes(StandardCharsets.UTF_8));
        return head + ",\"crc\":\"" + String.format("%08x", crc.getValue()) + "\"}";
    }

    static Path write(Path file, List<String> lines) throws IOException {
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
