package dev.quarterdeck.session;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One session's journal as a listing shows it: when it started, its short id, and whether it was finished on
 * purpose ({@link SessionJournal#finish}); an unfinished one is what resume offers.
 */
public record SessionFile(Path file, String id, Instant startedAt, boolean finished, long bytes) {
    public SessionFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
