package dev.quarterdeck.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.session.RecoveryReport.Action;
import dev.quarterdeck.session.RecoveryReport.Kind;
import dev.quarterdeck.session.RecoveryReport.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged journals, made by hand from good ones: what opening keeps, cuts, reports and leaves alone. Line
 * numbers count from 1; the ten-line journal here has events "note 1" to "note 10" at sequence 1 to 10.
 */
class JournalRecoveryTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    private Path file;

    private Path tenNotes() throws IOException {
        file = dir.resolve("s.jsonl");
        try (SessionJournal journal = SessionJournal.create(file, Redactor.standard())) {
            for (int i = 1; i <= 10; i++) {
                journal.append(note(i));
            }
        }
        return file;
    }

    private static SessionEvent note(int n) {
        return new SessionEvent.NoteAdded(T0.plusSeconds(n), new Actor("ana"), "note " + n);
    }

    private List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(file, UTF_8));
    }

    private void write(List<String> lines, String tail) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n" + tail, UTF_8);
    }

    private long offsetOfLine(int number) throws IOException {
        List<String> lines = lines();
        long offset = 0;
        for (int i = 0; i < number - 1; i++) {
            offset += lines.get(i).getBytes(UTF_8).length + 1;
        }
        return offset;
    }

    /** Opens for appending, checks what replays, appends one more and checks its sequence number. */
    private RecoveryReport reopen(List<Long> expectedSequences, long nextSequence) throws IOException {
        List<JournalEntry> before = new ArrayList<>();
        try (SessionJournal journal = SessionJournal.open(file, Redactor.standard())) {
            SessionJournal.read(file, before::add);
            assertThat(before).extracting(JournalEntry::sequence).containsExactlyElementsOf(expectedSequences);
            assertThat(journal.count()).isEqualTo(expectedSequences.size());
            assertThat(journal.submit(note(99)).sequence()).isEqualTo(nextSequence);
            return journal.recovery();
        }
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void aTornLastLineIsCutAndNothingElseIsLost() throws IOException {
        tenNotes();
        long goodLength = Files.size(file);
        String eleventh = new String(JournalLine.frame(11, "NoteAdded", "{\"text\":\"half\"}".getBytes(UTF_8)), UTF_8);
        Files.writeString(file, eleventh.substring(0, 30), UTF_8, StandardOpenOption.APPEND);

        RecoveryReport report = reopen(range(1, 10), 11);

        assertThat(report.problems()).containsExactly(new Problem(11, goodLength, Kind.TORN_TAIL,
                "the last line stops after 30 bytes without a newline: a write cut short", Action.CUT, true));
        assertThat(report.onlyTornTail()).isTrue();
        assertThat(report.lostLines()).isFalse();
        assertThat(report.cutAt()).isEqualTo(goodLength);
        assertThat(report.cutBytes()).isEqualTo(30);
        assertThat(report.cutCopy()).as("a torn fragment was never acknowledged: not kept").isEmpty();
        assertThat(report.describe()).startsWith(file + ":11 (byte " + goodLength + "): the last line stops after 30 "
                + "bytes without a newline: a write cut short; cut (damaged tail)");
        assertThat(SessionJournal.read(file, e -> {}).clean()).as("cut for good").isTrue();
    }

    @Test
    void aCompleteLastLineWithABadChecksumIsCutAndItsBytesKeptAside() throws IOException {
        tenNotes();
        List<String> lines = lines();
        String tenth = lines.get(9);
        lines.set(9, tenth.replace("note 10", "note 1O"));
        write(lines, "");
        long offset = offsetOfLine(10);

        RecoveryReport report = reopen(range(1, 9), 10);

        Problem problem = report.problems().get(0);
        assertThat(report.problems()).hasSize(1);
        assertThat(problem.line()).isEqualTo(10);
        assertThat(problem.offset()).isEqualTo(offset);
        assertThat(problem.kind()).isEqualTo(Kind.CORRUPT_LINE);
        assertThat(problem.reason()).startsWith("checksum mismatch: the line says ");
        assertThat(problem.action()).isEqualTo(Action.CUT);
        assertThat(report.lostLines()).isTrue();
        assertThat(report.cutCopy()).hasValueSatisfying(copy -> {
            assertThat(copy).hasFileName("s.jsonl.cut-at-" + offset);
            try {
                assertThat(Files.readString(copy, UTF_8)).isEqualTo(tenth.replace("note 10", "note 1O") + "\n");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aLastLineThatIsNotJsonOrHasNoChecksumOrJumpsInSequenceIsCut() throws IOException {
        tenNotes();
        List<String> good = lines();
        String garbage = "{\"v\":2,\"seq\":11,\"type\":\"NoteAdded\",\"event\":{oops";
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(garbage.getBytes(UTF_8));
        write(good, garbage + String.format(",\"crc\":\"%08x\"}", crc.getValue()) + "\n");
        assertThat(reopen(range(1, 10), 11).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.CORRUPT_LINE);
            assertThat(p.reason()).startsWith("not JSON although its checksum matches");
        });

        write(good, "hello, I am not a journal line\n");
        assertThat(reopen(range(1, 10), 11).problems()).singleElement().satisfies(p ->
                assertThat(p.reason()).isEqualTo("no checksum at the end of the line (not written by a Quarterdeck "
                        + "journal?)"));

        String jump = new String(JournalLine.frame(13, "NoteAdded", "{\"text\":\"from the future\"}".getBytes(UTF_8)),
                UTF_8);
        write(good, jump);
        assertThat(reopen(range(1, 10), 11).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.SEQUENCE_BREAK);
            assertThat(p.reason()).isEqualTo("sequence number 13 where 11 was expected: 2 line(s) missing before it");
            assertThat(p.action()).isEqualTo(Action.CUT);
        });
    }

    @Test
    void aBadLineInTheMiddleIsReportedAndLeftAloneAndEveryGoodLineAfterItIsKept() throws IOException {
        tenNotes();
        List<String> lines = lines();
        lines.set(4, lines.get(4).replace("note 5", "note S"));
        write(lines, "");
        long size = Files.size(file);

        RecoveryReport report = reopen(List.of(1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L, 10L), 11);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.offset()).isEqualTo(offsetOfLine(5));
            assertThat(p.kind()).isEqualTo(Kind.CORRUPT_LINE);
            assertThat(p.action()).isEqualTo(Action.SKIPPED);
            assertThat(p.atTail()).isFalse();
        });
        assertThat(report.cutBytes()).isZero();
        assertThat(Files.size(file)).as("nothing cut; one line appended").isGreaterThan(size);
        assertThat(Files.readAllLines(file, UTF_8).get(4)).as("the bad line stays for whoever investigates")
                .contains("note S");
        assertThat(SessionJournal.read(file, e -> {}).problems()).as("the same report on every read").hasSize(1);
    }

    @Test
    void linesThatVanishedFromTheMiddleLeaveAGapThatIsReportedWhileTheLinesAfterAreKept() throws IOException {
        tenNotes();
        List<String> lines = lines();
        lines.remove(4);
        lines.remove(4);
        write(lines, "");
        RecoveryReport report = reopen(List.of(1L, 2L, 3L, 4L, 7L, 8L, 9L, 10L), 11);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.kind()).isEqualTo(Kind.SEQUENCE_BREAK);
            assertThat(p.reason()).isEqualTo("sequence number 7 where 5 was expected: 2 line(s) missing before it");
            assertThat(p.action()).isEqualTo(Action.KEPT);
        });
    }

    @Test
    void aRepeatedLineIsSkipped() throws IOException {
        tenNotes();
        List<String> lines = lines();
        lines.add(5, lines.get(2));
        write(lines, "");
        RecoveryReport report = reopen(range(1, 10), 11);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.reason()).isEqualTo("sequence number 3 comes after 5: repeated or out of order (two writers?)");
            assertThat(p.action()).isEqualTo(Action.SKIPPED);
        });
    }

    @Test
    void readingWithoutOpeningChangesNothing() throws IOException {
        tenNotes();
        Files.writeString(file, "{\"v\":2,\"seq\":11,\"ty", UTF_8, StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(file);
        List<JournalEntry> entries = new ArrayList<>();
        RecoveryReport report = SessionJournal.read(file, entries::add);
        assertThat(entries).hasSize(10);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.TORN_TAIL);
            assertThat(p.action()).isEqualTo(Action.SKIPPED);
            assertThat(p.atTail()).isTrue();
        });
        assertThat(report.cutBytes()).isZero();
        assertThat(Arrays.equals(Files.readAllBytes(file), before)).isTrue();
    }

    @Test
    void anEmptyFileIsAnEmptyJournal() throws IOException {
        file = dir.resolve("empty.jsonl");
        Files.createFile(file);
        assertThat(reopen(List.of(), 1).clean()).isTrue();
    }
}
