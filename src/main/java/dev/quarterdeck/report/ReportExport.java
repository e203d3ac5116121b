package dev.quarterdeck.report;

import dev.quarterdeck.session.JournalEntry;
import dev.quarterdeck.session.RecoveryReport;
import dev.quarterdeck.session.SessionJournal;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A session's journal made into a report file, the one way both {@code quarterdeck report} and the console's
 * Export do it: read the journal as far as it goes, lines it cannot read listed as gaps, every text redacted,
 * and the file written whole or not at all.
 */
public final class ReportExport {
    private ReportExport() {}

    /** Where a report's events come from: a journal file, or the journal of a session still being written. */
    @FunctionalInterface
    public interface Journal {
        /** Hands every readable event on, in order, and says what could not be read. */
        RecoveryReport read(Consumer<? super JournalEntry> entries) throws IOException;

        /**
         * A journal file as it is, without the lock or the cut of opening it: a journal still being written, or
         * copied from another machine, reports as far as it is readable.
         */
        static Journal file(Path file) {
            Objects.requireNonNull(file, "file");
            return entries -> SessionJournal.read(file, entries);
        }
    }

    /**
     * The report of everything {@code journal} holds, each line it could not read listed as a gap; it says the
     * session is finished only when the journal's last line does.
     *
     * @throws IllegalStateException when the journal holds no session (no event, or no start)
     */
    public static SessionReport fromJournal(Journal journal, Redaction redaction) throws IOException {
        ReportBuilder builder = new ReportBuilder(redaction);
        RecoveryReport read = journal.read(entry -> builder.accept(entry.event()));
        read.problems().forEach(problem -> builder.gap(gap(problem)));
        if (read.finished()) {
            builder.sessionFinished();
        }
        return builder.build();
    }

    /**
     * Writes {@code report} to {@code target}, creating the folders it needs: beside it first, then moved into
     * place, so a failed export leaves no half a report and a reader never sees one.
     */
    public static void write(SessionReport report, ReportFormat format, ZoneId zone, Path target) throws IOException {
        Path file = target.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                format.write(report, out, zone);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A line of the journal that could not be read, as the report lists it. */
    private static String gap(RecoveryReport.Problem problem) {
        return "line " + problem.line() + ": " + problem.reason() + (problem.atTail() ? " (the damaged tail)" : "");
    }
}
