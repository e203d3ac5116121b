package dev.quarterdeck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarterdeck.session.JournalReceipt;
import dev.quarterdeck.session.Redactor;
import dev.quarterdeck.session.SessionJournal;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recovery of a journal of a million events: {@link SessionJournal#open} reads every line, checks its CRC32C,
 * parses it, checks its sequence number and reads the event back into its record, then is ready to append.
 * Against the obvious alternative: read each line and parse it with Jackson's {@code readTree}, checking
 * nothing. Both read the same file, warm in the page cache, {@value #RUNS} runs each after one warm-up.
 */
class JournalRecoveryBench {
    private static final int EVENTS = 1_000_000;
    private static final int RUNS = 5;

    @Test
    void openingAMillionEventJournal() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "journal-recovery-bench");
        try {
            Path file = work.resolve("million.jsonl");
            long writeStart = System.nanoTime();
            try (SessionJournal journal = SessionJournal.create(file, Redactor.standard())) {
                JournalReceipt last = null;
                for (int i = 0; i < EVENTS; i++) {
                    last = journal.submit(JournalAppendBench.event(i % 8, i));
                }
                last.await();
            }
            double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
            long bytes = Files.size(file);

            List<Double> ours = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            long events = 0;
            for (int run = -1; run < RUNS; run++) { // run -1 warms both up
                long began = System.nanoTime();
                try (SessionJournal journal = SessionJournal.open(file, Redactor.standard())) {
                    assertThat(journal.recovery().clean()).isTrue();
                    events = journal.count();
                }
                double oursMs = (System.nanoTime() - began) / 1e6;
                began = System.nanoTime();
                long lines = 0;
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        json.readTree(line);
                        lines++;
                    }
                }
                double plainMs = (System.nanoTime() - began) / 1e6;
                assertThat(lines).isEqualTo(EVENTS);
                if (run >= 0) {
                    ours.add(oursMs);
                    plain.add(plainMs);
                }
            }
            assertThat(events).isEqualTo(EVENTS);
            double p50 = BenchReport.quantile(ours, 0.5);
            new BenchReport("journal-recovery-1m-events", "ms", p50, BenchReport.quantile(plain, 0.5),
                    "BufferedReader.readLine + Jackson readTree per line, no checksum, no sequence check, no events",
                    RUNS, p50, BenchReport.quantile(ours, 0.99),
                    String.format("%d events, %.0f MiB; open = lock, read every line, CRC32C, parse, sequence check, "
                            + "decode into SessionEvent records, ready to append. Runs (ms), open: %s; readTree: %s. "
                            + "Writing the journal with group commit took %.1f s (%.0f events/s).", EVENTS,
                            bytes / 1048576.0, round(ours), round(plain), writeSeconds, EVENTS / writeSeconds)).write();
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<Long> round(List<Double> ms) {
        return ms.stream().map(Math::round).toList();
    }
}
