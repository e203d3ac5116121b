package dev.quarterdeck.cli;

import dev.quarterdeck.report.Redaction;
import dev.quarterdeck.report.ReportExport;
import dev.quarterdeck.report.ReportFormat;
import dev.quarterdeck.report.SessionReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
            SessionReport report;
            try {
                report = ReportExport.fromJournal(ReportExport.Journal.file(session), Redaction.standard());
            } catch (NoSuchFileException e) {
                return error(err, session + ": no such journal");
            } catch (IllegalStateException e) {
                return error(err, session + ": " + e.getMessage());
            }
            if (output == null) {
                chosen.get().write(report, spec.commandLine().getOut(), zoneId);
            } else {
                ReportExport.write(report, chosen.get(), zoneId, output);
            }
            List<String> gaps = report.gaps();
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

    private static int error(PrintWriter err, String message) {
        err.println("quarterdeck: " + message);
        return QuarterdeckCommand.ERROR;
    }
}
