package dev.quarterdeck.ui;

import dev.quarterdeck.report.ReportFormat;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The console's one way to a report of its session: it never reads the journal itself. The composition root
 * implements it with the session's own journal and redactor.
 */
public interface SessionExport {

    /** Where a report in {@code format} goes unless the captain says otherwise; its folder may not exist yet. */
    Path suggestedFile(ReportFormat format);

    /**
     * Writes the session as far as it has gone, as a report in {@code format}, to {@code file}: whole or not at
     * all, creating the folders it needs. Blocks on the disk: the console calls it off the FX thread.
     */
    Written write(ReportFormat format, Path file) throws IOException;

    /** A report on disk: where, how many events it was built from, and how many journal lines it could not read. */
    record Written(Path file, long events, int unreadableLines) {}
}
