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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code quarterdeck report}: a journal file in, a report out, exit 0 or 2, never a stack trace. */
class ReportCommandTest {
    private static List<String> journal;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void record() throws Exception {
        journal = JournalLines.lines(RecordedSessions.canaryRolledBackAfterOverride());
    }

    private int run(String... args) {
        CommandLine cli = QuarterdeckCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "md", "html"})
    void aJournalReadBackMakesTheSameReportAsItsEvents(String format) throws Exception {
        Path session = JournalLines.write(dir.resolve("session.jsonl"), journal);
        Path report = dir.resolve("report." + format);

        int exit = run("report", session.toString(), "--format", format, "--output", report.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).isEqualTo(Files.readString(
                Path.of("src/test/resources/reports/onesource-chat-rolled-back." + format), StandardCharsets.UTF_8));
        assertThat(out.toString()).startsWith(report + ": " + format + " report of onesource-chat 3.4.0 to "
                + "production, " + journal.size() + " events");
        assertThat(err.toString()).isEmpty();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no part file left behind")
                    .containsExactlyInAnyOrder("session.jsonl", "report." + format);
        }
    }

    @Test
    void withoutOutputTheReportGoesToStandardOutput() throws Exception {
        Path session = JournalLines.write(dir.resolve("session.jsonl"), journal);

        int exit = run("report", session.toString(), "-f", "md");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("# Postmortem draft: onesource-chat 3.4.0 to production");
    }

    @Test
    void damagedAndUnknownLinesAreSkippedAndListedAsGaps() throws Exception {
        List<String> lines = new ArrayList<>(journal);
        lines.add(20, JournalLines.line(999, "SomethingNewer", "{\"at\":\"2026-11-22T09:01:00Z\"}"));
        lines.set(30, lines.get(30).replace("\"v\":2", "\"v\":3")); // the checksum no longer matches
        Path session = dir.resolve("session.jsonl");
        Files.writeString(session, String.join("\n", lines) + "\n" + lines.get(5).substring(0, 40),
                StandardCharsets.UTF_8);

        int exit = run("report", session.toString(), "--format", "md", "--output", dir.resolve("r.md").toString());

        assertThat(exit).isZero();
        String report = Files.readString(dir.resolve("r.md"));
        assertThat(report).contains("Gaps in the record")
                .contains("line 21: an event of kind \"SomethingNewer\", unknown to this version")
                .contains("line 31: checksum does not match: the line is damaged")
                .contains("line " + (lines.size() + 1) + ": ");
        assertThat(out.toString()).contains("3 unreadable lines");
        assertThat(err.toString()).contains("skipped line 21");
    }

    @Test
    void aMissingJournalIsAnErrorNotAStackTrace() {
        int exit = run("report", dir.resolve("nope.jsonl").toString(), "--format", "html");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("nope.jsonl: no such journal").doesNotContain("\tat ");
    }

    @Test
    void anUnknownFormatOrZoneIsAnError() throws Exception {
        Path session = JournalLines.write(dir.resolve("session.jsonl"), journal);

        assertThat(run("report", session.toString(), "--format", "pdf")).isEqualTo(2);
        assertThat(run("report", session.toString(), "--format", "md", "--zone", "Mars/Olympus")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown format 'pdf': json, md or html")
                .contains("unknown time zone 'Mars/Olympus'");
    }

    @Test
    void aJournalWithoutASessionStartIsAnError() throws Exception {
        Path session = JournalLines.write(dir.resolve("session.jsonl"), journal.subList(5, 40));

        int exit = run("report", session.toString(), "--format", "json");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("the record does not say how the session started");
    }

    @Test
    void aLineOfAnOlderJournalWithoutEvidenceStillReads() throws Exception {
        // As branch journal's version-1 fixture writes it: no evidence on ChecklistItemMarked.
        List<SessionEvent> read = new ArrayList<>();
        Path file = JournalLines.write(dir.resolve("v1.jsonl"), List.of("{\"v\":1,\"seq\":5,\"type\":"
                + "\"ChecklistItemMarked\",\"event\":{\"at\":\"2026-03-02T09:01:00Z\",\"who\":{\"name\":\"ana\"},"
                + "\"item\":\"database-backed-up\",\"done\":true,\"note\":\"snapshot 2026-03-02 08:55\"},"
                + "\"crc\":\"f8ba0718\"}"));

        List<String> problems = new InterimJournalReader().read(file, read::add);

        assertThat(problems).isEmpty();
        assertThat(read).singleElement().isInstanceOfSatisfying(SessionEvent.ChecklistItemMarked.class,
                m -> assertThat(m.evidence()).isEmpty());
    }
}
