package dev.quarterdeck.cli;

import dev.quarterdeck.report.Redaction;
import dev.quarterdeck.report.ReportBuilder;
import dev.quarterdeck.report.ReportFormat;
import dev.quarterdeck.report.SessionReport;
import dev.quarterdeck.session.RecoveryReport;
import dev.quarterdeck.session.SessionJournal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quarterdeck report SESSION --format json|md|html [--output FILE]}: a session's journal as a report.
 * Exit 0 when it is written, 2 when it cannot be (no such journal, no session in it, a bad option, nowhere to
 * write). Lines of the journal that cannot be read do not stop it: the report lists them as gaps.
 */
@Command(name = "report", description = {
        "Export a session's journal as a report: JSON for tools, a Markdown postmortem draft, or self-contained "
                + "HTML with charts that prints on A4.",
        "Exit 0 when the report is written, 2 otherwise."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SESSION", description = "the session's journal (a .jsonl file)")
    Path session;

    @Option(names = {"-f", "--format"}, required = true, paramLabel = "FORMAT",
            description = "json, md or html")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write (default: standard output)")
    Path output;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "the time zone of the times shown (default: ${DEFAULT-VALUE})")
    String zone;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Optional<ReportFormat> chosen = ReportFormat.byKey(format);
            if (chosen.isEmpty()) {
                return error(err, "unknown format '" + format + "': json, md or html");
            }
            ZoneId zoneId;
            try {
                zoneId = ZoneId.of(zone);
            } catch (DateTimeException e) {
                return error(err, "unknown time zone '" + zone + "'");
            }
            if (!Files.isRegularFile(session)) {
                return error(err, session + ": no such journal");
            }
            ReportBuilder builder = new ReportBuilder(Redaction.standard());
            List<String> gaps;
            try {
                // Read as it is, without the lock or the cut of opening it: a journal still being written, or
                // copied from another machine, reports as far as it is readable.
                gaps = SessionJournal.read(session, entry -> builder.accept(entry.event())).problems().stream()
                        .map(ReportCommand::gap).toList();
            } catch (NoSuchFileException e) {
                return error(err, session + ": no such journal");
            }
            gaps.forEach(builder::gap);
            SessionReport report;
            try {
                report = builder.build();
            } catch (IllegalStateException e) {
                return error(err, session + ": " + e.getMessage());
            }
            write(report, chosen.get(), zoneId);
            gaps.forEach(g -> err.println("quarterdeck: " + session + ": skipped " + g));
            if (output != null) {
                spec.commandLine().getOut().printf("%s: %s report of %s %s to %s, %d events%s%n", output,
                        chosen.get().key(), report.summary().plan(), report.summary().planVersion(),
                        report.summary().environment(), report.events(), gaps.isEmpty() ? ""
                                : ", " + gaps.size() + " unreadable line" + (gaps.size() == 1 ? "" : "s"));
            }
            return QuarterdeckCommand.OK;
        } catch (IOException e) {
            return error(err, e.getMessage());
        } finally {
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }

    /** To a file: written beside it first, then moved into place, so a failed export leaves no half a report. */
    private void write(SessionReport report, ReportFormat chosen, ZoneId zoneId) throws IOException {
        if (output == null) {
            chosen.write(report, spec.commandLine().getOut(), zoneId);
            return;
        }
        Path target = output.toAbsolutePath();
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                chosen.write(report, out, zoneId);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A line of the journal that could not be read, as the report lists it. */
    private static String gap(RecoveryReport.Problem problem) {
        return "line " + problem.line() + ": " + problem.reason() + (problem.atTail() ? " (the damaged tail)" : "");
    }

    private static int error(PrintWriter err, String message) {
        err.println("quarterdeck: " + message);
        return QuarterdeckCommand.ERROR;
    }
}
