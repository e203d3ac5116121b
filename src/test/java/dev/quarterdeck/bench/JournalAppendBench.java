package dev.quarterdeck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.JournalReceipt;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.Redactor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Events appended per second to a session journal, each acknowledged only once fsynced: group commit (one
 * writer batches what {@value #THREADS} appender threads queued, one fsync per batch) against one write and
 * one fsync per event, with the same threads, the same events and the same code otherwise
 * ({@link SessionJournal.Commit#EACH_EVENT}). Rounds alternate between the two on fresh files on the
 * project's disk. Also: one appender alone, where there is nothing to group.
 */
class JournalAppendBench {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 1500;
    private static final int ROUNDS = 5;
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private record Round(double eventsPerSecond, List<Double> latenciesMicros, long forces) {}

    @Test
    void groupCommitAgainstOneFsyncPerEvent() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "journal-append-bench");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            round(work, pool, SessionJournal.Commit.GROUPED, THREADS); // warm-up
            round(work, pool, SessionJournal.Commit.EACH_EVENT, THREADS);
            List<Round> grouped = new ArrayList<>();
            List<Round> each = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                grouped.add(round(work, pool, SessionJournal.Commit.GROUPED, THREADS));
                each.add(round(work, pool, SessionJournal.Commit.EACH_EVENT, THREADS));
            }
            Round alone = round(work, pool, SessionJournal.Commit.GROUPED, 1);

            double groupedRate = median(grouped);
            double eachRate = median(each);
            List<Double> groupedLatency = latencies(grouped);
            List<Double> eachLatency = latencies(each);
            long events = (long) THREADS * PER_THREAD;
            String note = String.format("%d appender threads x %d events per round, %d rounds each, alternating; "
                    + "every append returns after FileChannel.force. Group commit: %.1f events per fsync on average; "
                    + "one fsync per event: %.1f. Rates per round, grouped: %s; one fsync per event: %s. One "
                    + "appender alone (nothing to group): %.0f events/s. Per-append latency p50/p99, one fsync per "
                    + "event: %.0f/%.0f us.", THREADS, PER_THREAD, ROUNDS,
                    events * ROUNDS / (double) grouped.stream().mapToLong(Round::forces).sum(),
                    events * ROUNDS / (double) each.stream().mapToLong(Round::forces).sum(),
                    rates(grouped), rates(each), alone.eventsPerSecond(),
                    BenchReport.quantile(eachLatency, 0.5), BenchReport.quantile(eachLatency, 0.99));
            new BenchReport("journal-append-fsync", "events/s", groupedRate, eachRate,
                    "one write + fsync per event (Commit.EACH_EVENT), same threads and events", ROUNDS,
                    BenchReport.quantile(grouped.stream().map(Round::eventsPerSecond).toList(), 0.5),
                    BenchReport.quantile(grouped.stream().map(Round::eventsPerSecond).toList(), 0.99), note).write();
            new BenchReport("journal-append-latency", "us", BenchReport.quantile(groupedLatency, 0.5),
                    BenchReport.quantile(eachLatency, 0.5), "one write + fsync per event (Commit.EACH_EVENT)",
                    groupedLatency.size(), BenchReport.quantile(groupedLatency, 0.5),
                    BenchReport.quantile(groupedLatency, 0.99),
                    "time from submit to acknowledgement (after fsync) of each append, group commit, "
                            + THREADS + " appender threads").write();
            assertThat(groupedRate).isPositive();
            assertThat(eachRate).isPositive();
        } finally {
            pool.shutdownNow();
            try (var files = Files.walk(work)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Round round(Path work, ExecutorService pool, SessionJournal.Commit commit, int threads)
            throws Exception {
        Path file = Files.createTempFile(work, "round", ".jsonl");
        Files.delete(file);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        try (SessionJournal journal = SessionJournal.create(file, Redactor.standard(), commit)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> appenders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                appenders.add(pool.submit(() -> {
                    start.await();
                    List<Double> mine = new ArrayList<>(PER_THREAD);
                    for (int i = 0; i < PER_THREAD; i++) {
                        long began = System.nanoTime();
                        JournalReceipt receipt = journal.submit(event(thread, i));
                        receipt.await();
                        mine.add((System.nanoTime() - began) / 1e3);
                    }
                    latencies.addAll(mine);
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> appender : appenders) {
                appender.get();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            return new Round(threads * PER_THREAD / seconds, latencies, journal.forces());
        }
    }

    /** What a session mostly records: metric and probe samples, now and then a note. */
    static SessionEvent event(int thread, int i) {
        Instant at = T0.plusMillis(i);
        switch (i % 10) {
            case 0:
                return new SessionEvent.NoteAdded(at, new Actor("ana"), "holding at 25 %: p95 steady, thread " + thread);
            case 1:
            case 2:
                return new SessionEvent.ProbeSample(at, "canary-health", Outcome.PASS, "HTTP 200 in 12 ms",
                        Duration.ofMillis(12));
            default:
                return new SessionEvent.MetricSample(at, i % 2 == 0 ? Track.CANARY : Track.STABLE, Metric.P95_LATENCY,
                        0.1 + i % 7 / 100.0, Outcome.PASS, "");
        }
    }

    private static double median(List<Round> rounds) {
        return BenchReport.quantile(rounds.stream().map(Round::eventsPerSecond).toList(), 0.5);
    }

    private static List<Double> latencies(List<Round> rounds) {
        List<Double> all = new ArrayList<>();
        rounds.forEach(r -> all.addAll(r.latenciesMicros()));
        return all;
    }

    private static String rates(List<Round> rounds) {
        return rounds.stream().map(r -> String.format("%.0f", r.eventsPerSecond())).toList().toString();
    }
}
