package dev.quarterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.rollout.RecordedSessions;
import dev.quarterdeck.session.SessionEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code quarterdeck report}: a journal written by the real journal in, a report out, exit 0 or 2, never a
 * stack trace.
 */
class ReportCommandTest {
    private static List<SessionEvent> events;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void record() throws Exception {
        events = RecordedSessions.canaryRolledBackAfterOverride();
    }

    private int run(String... args) {
        CommandLine cli = QuarterdeckCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path journal() throws Exception {
        return JournalLines.write(dir.resolve("session.jsonl"), events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "md", "html"})
    void aJournalReadBackMakesTheSameReportAsItsEvents(String format) throws Exception {
        Path session = journal();
        Path report = dir.resolve("report." + format);

        int exit = run("report", session.toString(), "--format", format, "--output", report.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).isEqualTo(Files.readString(
                Path.of("src/test/resources/reports/onesource-chat-rolled-back." + format), StandardCharsets.UTF_8));
        assertThat(out.toString()).startsWith(report + ": " + format + " report of onesource-chat 3.4.0 to "
                + "production, " + events.size() + " events");
        assertThat(err.toString()).isEmpty();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no part file left behind")
                    .contains("report." + format).noneMatch(name -> name.endsWith(".part"));
        }
    }

    @Test
    void withoutOutputTheReportGoesToStandardOutput() throws Exception {
        int exit = run("report", journal().toString(), "-f", "md");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("# Postmortem draft: onesource-chat 3.4.0 to production");
    }

    @Test
    void damagedAndUnknownLinesAreSkippedAndListedAsGaps() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(journal(), StandardCharsets.UTF_8));
        lines.set(20, retyped(lines.get(20), "SomethingNewer"));
        lines.set(30, lines.get(30).replace("\"v\":2", "\"v\":3")); // the checksum no longer matches
        lines.remove(lines.size() - 1); // not finished: the console died
        Path session = dir.resolve("damaged.jsonl");
        Files.writeString(session, String.join("\n", lines) + "\n" + lines.get(5).substring(0, 40),
                StandardCharsets.UTF_8);

        int exit = run("report", session.toString(), "--format", "md", "--output", dir.resolve("r.md").toString());

        assertThat(exit).as(err.toString()).isZero();
        String report = Files.readString(dir.resolve("r.md"));
        Files.createDirectories(Path.of("target/reports"));
        Files.writeString(Path.of("target/reports/damaged-journal.md"), report); // to read
        assertThat(report).contains("Gaps in the record")
                .contains("- line 21: an event of kind \"SomethingNewer\"")
                .contains("- line 31: ")
                .contains("- line " + (lines.size() + 1) + ": ");
        assertThat(out.toString()).contains("3 unreadable lines");
        assertThat(err.toString()).contains("skipped line 21");
    }

    @Test
    void aJournalNotFinishedReportsASessionStillInProgressInEveryFormat() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(journal(), StandardCharsets.UTF_8));
        lines.remove(lines.size() - 1); // the journal's "finished" line: the console is still open
        Path session = dir.resolve("open.jsonl");
        Files.writeString(session, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        for (String format : List.of("json", "md", "html")) {
            assertThat(run("report", session.toString(), "-f", format, "-o", dir.resolve("r." + format).toString()))
                    .as(err.toString()).isZero();
        }

        assertThat(Files.readString(dir.resolve("r.json"))).contains("\"finished\" : false");
        assertThat(Files.readString(dir.resolve("r.md")))
                .contains("| **Session** | still in progress, not finished: this report holds the record up to "
                        + "09:30:00, and more may follow |")
                .doesNotContain("Gaps in the record");
        assertThat(Files.readString(dir.resolve("r.html"))).contains("<th scope=\"row\">Session</th><td>still in "
                + "progress, not finished");
        assertThat(Files.readString(Path.of("src/test/resources/reports/onesource-chat-rolled-back.md")))
                .as("the golden session was finished").contains("| **Session** | finished: ");
    }

    /** The same line, of another kind, its checksum made right again: a kind a newer version wrote. */
    private static String retyped(String line, String kind) {
        Matcher m = Pattern.compile("^\\{\"v\":2,\"seq\":(\\d+),\"type\":\"[^\"]+\",\"event\":(.*),"
                + "\"crc\":\"[0-9a-f]{8}\"}$").matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        return JournalLines.line(Long.parseLong(m.group(1)), kind, m.group(2));
    }

    @Test
    void aMissingJournalIsAnErrorNotAStackTrace() {
        int exit = run("report", dir.resolve("nope.jsonl").toString(), "--format", "html");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("nope.jsonl: no such journal").doesNotContain("\tat ");
    }

    @Test
    void anUnknownFormatOrZoneIsAnError() throws Exception {
        Path session = journal();

        assertThat(run("report", session.toString(), "--format", "pdf")).isEqualTo(2);
        assertThat(run("report", session.toString(), "--format", "md", "--zone", "Mars/Olympus")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown format 'pdf': json, md or html")
                .contains("unknown time zone 'Mars/Olympus'");
    }

    @Test
    void aJournalWithoutASessionStartIsAnError() throws Exception {
        Path session = JournalLines.write(dir.resolve("session.jsonl"), events.subList(5, 40));

        int exit = run("report", session.toString(), "--format", "json");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("the record does not say how the session started");
    }
}
