package dev.quarterdeck.ui;

import dev.quarterdeck.report.Redaction;
import dev.quarterdeck.report.ReportBuilder;
import dev.quarterdeck.report.ReportExport;
import dev.quarterdeck.report.ReportFormat;
import dev.quarterdeck.report.SessionReport;
import dev.quarterdeck.session.SessionLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Export for console tests: a report of the events in a log held in memory, written as the real export writes
 * one. A test may hold the writing back ({@link #holdWrites()}) to see the console while a report is being written.
 */
final class LogExport implements SessionExport {
    private final SessionLog log;
    private final Path folder;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch started = new CountDownLatch(1);

    LogExport(SessionLog log, Path folder) {
        this.log = log;
        this.folder = folder;
    }

    /** For tests that do not export: nothing is written unless one does. */
    static LogExport unused(SessionLog log) {
        return new LogExport(log, Path.of("target", "console-reports"));
    }

    /** Writes wait until {@link #release()}. */
    void holdWrites() {
        gate = new CountDownLatch(1);
        started = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    /** Waits until a write has begun (and, when held, is waiting). */
    boolean awaitWriteStarted() throws InterruptedException {
        return started.await(30, TimeUnit.SECONDS);
    }

    @Override
    public Path suggestedFile(ReportFormat format) {
        return folder.resolve("checkout-api-production-20260302-1000." + format.key());
    }

    @Override
    public Written write(ReportFormat format, Path file) throws IOException {
        started.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IOException("the test never released the write");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        SessionReport report = ReportBuilder.build(log.events(), Redaction.standard());
        ReportExport.write(report, format, java.time.ZoneOffset.UTC, file);
        return new Written(file, report.events(), 0);
    }
}
