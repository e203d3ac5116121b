package dev.quarterdeck.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLogTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Actor ANA = new Actor("ana");

    @TempDir
    Path dir;

    @Test
    void aLateSubscriberSeesEverythingOnceAndInOrder() {
        SessionLog log = SessionLog.inMemory();
        log.append(new SessionEvent.NoteAdded(T0, ANA, "first"));

        List<SessionEvent> seen = new ArrayList<>();
        try (Subscription ignored = log.subscribe(seen::add)) {
            log.append(new SessionEvent.NoteAdded(T0.plusSeconds(1), ANA, "second"));
        }
        log.append(new SessionEvent.NoteAdded(T0.plusSeconds(2), ANA, "after close"));

        assertThat(seen)
                .extracting(e -> ((SessionEvent.NoteAdded) e).text())
                .containsExactly("first", "second");
        assertThat(log.events()).hasSize(3);
    }

    @Test
    void threadsAppendingAtOnceThroughAJournalAreSeenByEveryListenerInTheJournalsOrder() throws Exception {
        Path file = dir.resolve("s.jsonl");
        int threads = 8;
        int each = 200;
        List<SessionEvent> early = Collections.synchronizedList(new ArrayList<>());
        List<SessionEvent> late = Collections.synchronizedList(new ArrayList<>());
        try (SessionJournal journal = SessionJournal.create(file, Redactor.standard());
                SessionLog log = new SessionLog(journal)) {
            log.subscribe(early::add);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        SessionEvent e = new SessionEvent.NoteAdded(T0, ANA, thread + ":" + i);
                        log.append(e);
                        assertThat(early.contains(e)).as("its listeners have run when append returns").isTrue();
                        if (thread == 0 && i == each / 2) {
                            log.subscribe(late::add); // while the others append: nothing missed, nothing twice
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();

            List<SessionEvent> recorded = new ArrayList<>();
            journal.replay(recorded::add);
            assertThat(recorded).hasSize(threads * each);
            assertThat(early).containsExactlyElementsOf(recorded);
            assertThat(late).containsExactlyElementsOf(recorded);
            assertThat(log.events()).containsExactlyElementsOf(recorded);
            for (int t = 0; t < threads; t++) {
                String prefix = t + ":";
                assertThat(recorded.stream().map(e -> ((SessionEvent.NoteAdded) e).text()).filter(s -> s.startsWith(prefix)))
                        .containsExactlyElementsOf(IntStream.range(0, each).mapToObj(i -> prefix + i).toList());
            }
        }
    }

    @Test
    void aLogOverAReopenedJournalStartsFromWhatWasRecorded() throws Exception {
        Path file = dir.resolve("s.jsonl");
        try (SessionLog log = new SessionLog(SessionJournal.create(file, Redactor.standard()))) {
            for (int i = 0; i < 3; i++) {
                log.append(new SessionEvent.NoteAdded(T0.plusSeconds(i), ANA, "before " + i));
            }
        }
        try (SessionLog log = new SessionLog(SessionJournal.open(file, Redactor.standard()))) {
            List<SessionEvent> seen = new ArrayList<>();
            log.subscribe(seen::add);
            log.append(new SessionEvent.NoteAdded(T0.plusSeconds(9), ANA, "after"));
            assertThat(seen).extracting(e -> ((SessionEvent.NoteAdded) e).text())
                    .containsExactly("before 0", "before 1", "before 2", "after");
            assertThat(log.events()).containsExactlyElementsOf(seen);
        }
    }

    @Test
    void aListenerThatThrowsFailsItsAppendButNotTheOnesAfter() {
        SessionLog log = SessionLog.inMemory();
        List<String> seen = new ArrayList<>();
        log.subscribe(e -> {
            if (((SessionEvent.NoteAdded) e).text().equals("bad")) {
                throw new IllegalStateException("listener broke");
            }
        });
        log.subscribe(e -> seen.add(((SessionEvent.NoteAdded) e).text()));
        assertThatThrownBy(() -> log.append(new SessionEvent.NoteAdded(T0, ANA, "bad")))
                .hasMessage("listener broke");
        log.append(new SessionEvent.NoteAdded(T0, ANA, "good"));
        assertThat(seen).containsExactly("bad", "good");
        assertThat(log.events()).hasSize(2);
    }
}
