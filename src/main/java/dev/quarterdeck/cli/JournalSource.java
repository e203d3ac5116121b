package dev.quarterdeck.cli;

import dev.quarterdeck.session.SessionEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where {@code quarterdeck report} gets a session's events from: a journal file, read in order.
 *
 * <p>SEAM(journal): the crash-safe journal (issue 5, branch {@code journal}) brings its own reader. Once it is
 * on main, {@link ReportCommand} should be given
 * <pre>
 * (file, events) -&gt; SessionJournal.read(file, entry -&gt; events.accept(entry.event()))
 *         .problems().stream().map(Object::toString).toList()
 * </pre>
 * (or whatever {@code RecoveryReport} offers to word a problem) and {@link InterimJournalReader} deleted.
 */
@FunctionalInterface
interface JournalSource {
    /**
     * Hands every readable event of the journal at {@code file} to {@code events}, in order, and returns what
     * could not be read, one line each, for the report to say so. Throws when the file cannot be read at all.
     */
    List<String> read(Path file, Consumer<SessionEvent> events) throws IOException;
}
