package dev.quarterdeck.session;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The process {@link JournalKillTest} kills: opens (or creates) a journal, prints {@code ready}, then appends
 * from several threads as fast as it can, printing {@code SEQUENCE KEY} for each event only after its append
 * returned. It never stops by itself; it is killed. With a third argument, {@code warm-up}, it appends a few
 * hundred events, reopens the journal and exits: a run that loads every class the others will, for a
 * class-data archive that makes the hundred starts after it quicker.
 */
final class JournalHammer {
    private JournalHammer() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        SessionJournal journal = Files.exists(file)
                ? SessionJournal.open(file, Redactor.standard())
                : SessionJournal.create(file, Redactor.standard());
        if (args.length > 2 && args[2].equals("warm-up")) {
            warmUp(journal, file, threads);
            return;
        }
        print(out, "ready");
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread appender = new Thread(() -> hammer(journal, thread, out), "appender-" + t);
            appender.start();
        }
    }

    private static void hammer(SessionJournal journal, int thread, OutputStream out) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        try {
            for (long i = 0; ; i++) {
                String key = ProcessHandle.current().pid() + "-t" + thread + "-" + i;
                JournalReceipt receipt = journal.submit(event(key, at.plusMillis(i), random));
                receipt.await();
                print(out, receipt.sequence() + " " + key);
            }
        } catch (IOException e) {
            e.printStackTrace();
            System.exit(3);
        }
    }

    private static void warmUp(SessionJournal journal, Path file, int threads) throws Exception {
        Thread[] appenders = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            appenders[t] = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try {
                    for (int i = 0; i < 100; i++) {
                        journal.submit(event("warm-up", Instant.EPOCH, random)).await();
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            appenders[t].start();
        }
        for (Thread appender : appenders) {
            appender.join();
        }
        journal.close();
        SessionJournal.open(file, Redactor.standard()).close();
        System.exit(0);
    }

    /** Events of a few kinds and sizes (up to a few pages), each carrying its key. */
    private static SessionEvent event(String key, Instant at, ThreadLocalRandom random) {
        switch (random.nextInt(3)) {
            case 0:
                return new SessionEvent.NoteAdded(at, new Actor("hammer"), key + " " + "x".repeat(random.nextInt(6000)));
            case 1:
                return new SessionEvent.ProbeSample(at, "health", Outcome.PASS, key, Duration.ofNanos(random.nextLong(1, 1_000_000_000)));
            default:
                return new SessionEvent.MetricSample(at, Track.CANARY, Metric.ERROR_RATE, random.nextDouble(),
                        Outcome.PASS, key);
        }
    }

    /** The key an event was given. */
    static String keyOf(SessionEvent event) {
        if (event instanceof SessionEvent.NoteAdded note) {
            return note.text().split(" ", 2)[0];
        }
        if (event instanceof SessionEvent.ProbeSample probe) {
            return probe.observed();
        }
        return ((SessionEvent.MetricSample) event).detail();
    }

    private static void print(OutputStream out, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            try {
                out.write(bytes);
            } catch (IOException e) {
                System.exit(4);
            }
        }
    }
}
