package dev.quarterdeck.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionJournalTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Actor ANA = new Actor("ana");

    @TempDir
    Path dir;

    private static SessionEvent note(int n) {
        return new SessionEvent.NoteAdded(T0.plusSeconds(n), ANA, "note " + n);
    }

    private static List<JournalEntry> entries(Path file) throws IOException {
        List<JournalEntry> entries = new ArrayList<>();
        RecoveryReport report = SessionJournal.read(file, entries::add);
        assertThat(report.clean()).as(report.describe()).isTrue();
        return entries;
    }

    @Test
    void everyKindIsWrittenAsOneChecksummedLineAndReplaysEqualAfterReopening() throws IOException {
        Path file = dir.resolve("s.jsonl");
        List<SessionEvent> samples = SampleEvents.everyKind();
        try (SessionJournal journal = SessionJournal.create(file, Redactor.standard())) {
            for (SessionEvent e : samples) {
                journal.append(e);
            }
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(samples.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("v").intValue()).isEqualTo(JournalLine.VERSION);
        assertThat(first.get("seq").longValue()).isEqualTo(1);
        assertThat(first.get("type").textValue()).isEqualTo(EventCodec.kindOf(samples.get(0)));
        assertThat(first.get("event").isObject()).isTrue();
        assertThat(first.get("crc").textValue()).matches("[0-9a-f]{8}");

        try (SessionJournal reopened = SessionJournal.open(file, Redactor.standard())) {
            assertThat(reopened.recovery().clean()).isTrue();
            List<SessionEvent> replayed = new ArrayList<>();
            reopened.replay(replayed::add);
            assertThat(replayed).containsExactlyElementsOf(samples);
            assertThat(reopened.count()).isEqualTo(samples.size());
            assertThat(reopened.submit(note(99)).sequence()).isEqualTo(samples.size() + 1L);
        }
        assertThat(entries(file)).extracting(JournalEntry::sequence).last().isEqualTo(samples.size() + 1L);
    }

    @Test
    void anAcknowledgedEventIsInTheFileForAnyReader() throws IOException {
        Path file = dir.resolve("s.jsonl");
        try (SessionJournal journal = SessionJournal.create(file, Redactor.standard())) {
            for (int i = 1; i <= 3; i++) {
                journal.append(note(i));
                assertThat(entries(file)).hasSize(i).last().extracting(JournalEntry::event).isEqualTo(note(i));
            }
        }
    }

    @Test
    void concurrentAppendersAreAllWrittenInOneGaplessSequenceEachInItsOwnOrder() throws Exception {
        Path file = dir.resolve("s.jsonl");
        int threads = 8;
        int each = 300;
        try (SessionJournal journal = SessionJournal.create(file, Redactor.standard())) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<Long>>> sequences = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                sequences.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        JournalReceipt receipt = journal.submit(new SessionEvent.NoteAdded(T0, ANA, thread + ":" + i));
                        receipt.await();
                        mine.add(receipt.sequence());
                    }
                    return mine;
                }));
            }
            for (Future<List<Long>> f : sequences) {
                assertThat(f.get()).isSorted().hasSize(each);
            }
            pool.shutdown();
        }
        List<JournalEntry> entries = entries(file);
        assertThat(entries).extracting(JournalEntry::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, threads * each).boxed().toList());
        for (int t = 0; t < threads; t++) {
            String prefix = t + ":";
            assertThat(entries.stream().map(e -> ((SessionEvent.NoteAdded) e.event()).text())
                    .filter(text -> text.startsWith(prefix)).toList())
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, each).mapToObj(i -> prefix + i).toList());
        }
    }

    @Test
    void closeWritesEverythingSubmittedBeforeIt() throws IOException {
        Path file = dir.resolve("s.jsonl");
        SessionJournal journal = SessionJournal.create(file, Redactor.standard());
        for (int i = 0; i < 2000; i++) {
            journal.submit(note(i));
        }
        journal.close();
        assertThat(entries(file)).hasSize(2000);
        assertThatThrownBy(() -> journal.append(note(1))).isInstanceOf(IOException.class)
                .hasMessage("journal " + file + " is closed");
    }

    @Test
    void aFinishedJournalSaysSoInItsLastLineUntilSomethingIsAppendedAgain() throws IOException {
        Path file = dir.resolve("s.jsonl");
        SessionJournal journal = SessionJournal.create(file, Redactor.standard());
        journal.append(note(1));
        assertThat(SessionJournals.finished(file)).isFalse();
        journal.finish(T0.plusSeconds(60));
        assertThat(SessionJournals.finished(file)).isTrue();
        assertThat(entries(file)).extracting(JournalEntry::event).containsExactly(note(1));
        assertThatThrownBy(() -> journal.append(note(2))).isInstanceOf(IOException.class);

        try (SessionJournal again = SessionJournal.open(file, Redactor.standard())) {
            assertThat(again.recovery().clean()).isTrue();
            again.append(note(3));
        }
        assertThat(SessionJournals.finished(file)).isFalse();
        assertThat(entries(file)).extracting(JournalEntry::sequence).containsExactly(1L, 3L);
    }

    @Test
    void aJournalHasOneWriterAtATime() throws IOException {
        Path file = dir.resolve("s.jsonl");
        try (SessionJournal journal = SessionJournal.create(file, Redactor.standard())) {
            journal.append(note(1));
            assertThatThrownBy(() -> SessionJournal.open(file, Redactor.standard()))
                    .isInstanceOf(IOException.class)
                    .hasMessage("journal " + file + " is already open for appending (in this or another "
                            + "Quarterdeck); a journal has one writer at a time");
            journal.replay(e -> {}); // reading the journal must not release the writer's lock
            assertThatThrownBy(() -> SessionJournal.open(file, Redactor.standard())).isInstanceOf(IOException.class);
        }
        try (SessionJournal next = SessionJournal.open(file, Redactor.standard())) {
            assertThat(next.count()).isEqualTo(1);
        }
    }

    @Test
    void aFailedWriteFailsTheAppendAndEveryLaterOneNamingTheFile() throws Exception {
        Path file = dir.resolve("broken.jsonl");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.close(); // every write from now on fails, as on a disk that went away
        GroupCommit commit = new GroupCommit(channel, file, 0, 0, 0, 16);
        JournalReceipt first = commit.submit("NoteAdded", "{}".getBytes(StandardCharsets.UTF_8), true);
        assertThatThrownBy(first::await).isInstanceOf(IOException.class)
                .hasMessageStartingWith("could not write 1 line(s) to journal " + file + " at byte 0");
        assertThatThrownBy(() -> commit.submit("NoteAdded", "{}".getBytes(StandardCharsets.UTF_8), true))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("journal " + file + " stopped after a failed write");
        assertThatThrownBy(commit::close).isInstanceOf(IOException.class);
    }

    @Test
    void plantedSecretsInEveryKindOfEventNeverReachTheFile() throws IOException {
        Path file = dir.resolve("s.jsonl");
        List<String> planted = new ArrayList<>();
        Redactor redactor = Redactor.standard();
        List<SessionEvent> events = SampleEvents.everyKind(path -> {
            String secret = "pl4nted" + Integer.toHexString(path.hashCode()) + "x" + planted.size();
            planted.add(secret);
            switch (planted.size() % 8) {
                case 0:
                    return "curl -H 'Authorization: Bearer " + secret + "' http://api.internal";
                case 1:
                    return "password=" + secret + " for " + path;
                case 2:
                    return "pulled https://deploy:" + secret + "@registry.example.com/v2/";
                case 3:
                    return "alert sent to https://hooks.slack.com/services/T000/B000/" + secret;
                case 4:
                    return "users:\n- user:\n    client-key-data: " + secret + "\n    token: " + secret;
                case 5:
                    return "{\"api_key\": \"" + secret + "\"}";
                case 6:
                    redactor.addSecret(secret); // the value of a variable the plan reads a secret from
                    return "Kong said 401 to " + secret;
                default:
                    return "https://discord.com/api/webhooks/1234/" + secret;
            }
        });
        assertThat(planted).hasSizeGreaterThan(40);
        try (SessionJournal journal = SessionJournal.create(file, redactor)) {
            for (SessionEvent e : events) {
                journal.append(e);
            }
        }
        String bytes = Files.readString(file, StandardCharsets.UTF_8);
        for (String secret : planted) {
            assertThat(bytes).doesNotContain(secret);
        }
        assertThat(bytes).contains(Redactor.MARK);
        assertThat(entries(file)).hasSize(events.size());
    }
}
