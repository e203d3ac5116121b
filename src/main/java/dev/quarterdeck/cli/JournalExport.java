package dev.quarterdeck.cli;

import dev.quarterdeck.report.Redaction;
import dev.quarterdeck.report.ReportExport;
import dev.quarterdeck.report.ReportFormat;
import dev.quarterdeck.report.SessionReport;
import dev.quarterdeck.session.Redactor;
import dev.quarterdeck.ui.SessionExport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * The console's Export: the session's own journal, as far as it is on disk, made into a report the way
 * {@code quarterdeck report} makes one, redacted by the session's redactor (the one that knows the plan's secret
 * values), with times in the console's zone. Reports go to {@code ~/.quarterdeck/reports/} unless the captain
 * says otherwise, named {@code PLAN-ENVIRONMENT-START.EXT} with the session's start in local time.
 */
final class JournalExport implements SessionExport {
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT);

    private final ReportExport.Journal journal;
    private final Redaction redaction;
    private final ZoneId zone;
    private final Path folder;
    private final String name;

    JournalExport(ReportExport.Journal journal, Redactor redactor, ZoneId zone, Path folder, String plan,
            String environment, Instant startedAt) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.redaction = Redaction.of(redactor);
        this.zone = Objects.requireNonNull(zone, "zone");
        this.folder = folder.toAbsolutePath();
        this.name = safe(plan) + "-" + safe(environment) + "-" + START.format(startedAt.atZone(zone));
    }

    /** {@code ~/.quarterdeck/reports/} under {@code home}. */
    static Path folder(Path home) {
        return home.resolve(".quarterdeck").resolve("reports");
    }

    @Override
    public Path suggestedFile(ReportFormat format) {
        return folder.resolve(name + "." + format.key());
    }

    @Override
    public Written write(ReportFormat format, Path file) throws IOException {
        SessionReport report = ReportExport.fromJournal(journal, redaction);
        ReportExport.write(report, format, zone, file);
        return new Written(file.toAbsolutePath(), report.events(), report.gaps().size());
    }

    /** A name that is a file name anywhere: plans and environments are named freely. */
    private static String safe(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }
}
