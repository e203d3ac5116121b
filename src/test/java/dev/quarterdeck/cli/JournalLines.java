package dev.quarterdeck.cli;

import dev.quarterdeck.session.Redactor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/** Journals for the report command's tests: written by the real journal, damaged by hand where a test says. */
final class JournalLines {
    private JournalLines() {}

    /** A finished journal of {@code events}, as a console writes it. */
    static Path write(Path file, Iterable<SessionEvent> events) throws IOException {
        SessionJournal journal = SessionJournal.create(file, Redactor.standard());
        for (SessionEvent event : events) {
            journal.submit(event);
        }
        journal.finish(java.time.Instant.parse("2026-11-22T09:30:01Z"));
        return file;
    }

    /** A line as the journal frames one (schema version 2), with its checksum right, of any kind. */
    static String line(long seq, String kind, String eventJson) {
        String head = "{\"v\":2,\"seq\":" + seq + ",\"type\":\"" + kind + "\",\"event\":" + eventJson;
        CRC32C crc = new CRC32C();
        crc.update(head.getBytes(StandardCharsets.UTF_8));
        return head + ",\"crc\":\"" + String.format("%08x", crc.getValue()) + "\"}";
    }
}
