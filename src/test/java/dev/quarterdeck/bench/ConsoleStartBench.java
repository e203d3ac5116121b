package dev.quarterdeck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cold start of {@code java -jar target/quarterdeck.jar} to the first rendered frame of the console on the
 * sandbox, and resident memory after 60 s of live sandbox traffic; each beside a bare JavaFX window started
 * the same way, in the same run. Figures go to target/bench/, nothing is asserted about them.
 */
class ConsoleStartBench {
    private static final int RUNS = 7;
    private static final Duration FIRST_FRAME_DEADLINE = Duration.ofSeconds(60);

    @Test
    void coldStartToFirstFrame() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "bench", "work"));
        List<Double> console = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        try (VirtualDisplay display = VirtualDisplay.start()) {
            for (int run = 0; run < RUNS; run++) {
                // Alternate, so a slow moment of the machine hurts both alike.
                try (ConsoleProcess p = ConsoleProcess.quarterdeck(display.name(), work)) {
                    console.add((double) p.awaitFirstFrame(FIRST_FRAME_DEADLINE));
                }
                try (ConsoleProcess p = ConsoleProcess.bareWindow(display.name(), work)) {
                    bare.add((double) p.awaitFirstFrame(FIRST_FRAME_DEADLINE));
                }
            }
        }
        double median = BenchReport.quantile(console, 0.5);
        double baseline = BenchReport.quantile(bare, 0.5);
        new BenchReport("console-cold-start", "ms", median, baseline, "bare JavaFX window (one Stage, one Label)",
                RUNS, median, BenchReport.quantile(console, 0.99),
                "java -jar target/quarterdeck.jar to the first rendered frame, sandbox started, on Xvfb; "
                        + "console runs " + console + ", baseline runs " + bare).write();
        assertThat(console).hasSize(RUNS);
    }

    @Test
    void residentMemoryAfterSixtySecondsOfLiveTraffic() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "bench", "work"));
        try (VirtualDisplay display = VirtualDisplay.start();
                ConsoleProcess console = ConsoleProcess.quarterdeck(display.name(), work);
                ConsoleProcess bare = ConsoleProcess.bareWindow(display.name(), work)) {
            console.awaitFirstFrame(FIRST_FRAME_DEADLINE);
            bare.awaitFirstFrame(FIRST_FRAME_DEADLINE);
            // CPU over the second half only: the first includes start-up and JIT compilation.
            console.runFor(Duration.ofSeconds(30));
            double cpuAtHalf = console.cpuSeconds();
            long halfNanos = System.nanoTime();
            console.runFor(Duration.ofSeconds(30));
            double cpuShare = (console.cpuSeconds() - cpuAtHalf) / ((System.nanoTime() - halfNanos) / 1e9);
            double rss = console.residentMiB();
            double bareRss = bare.residentMiB();
            double liveHeap = console.liveHeapMiB();
            new BenchReport("console-resident-memory-60s", "MiB", rss, bareRss,
                    "bare JavaFX window (one Stage, one Label) after the same 60 s", 1, null, null,
                    String.format("VmRSS after 60 s of the console on the live sandbox (50 requests/s, probes and "
                            + "scrapes every 1-2 s); live heap after a full GC %.1f MiB; the console used %.1f %% "
                            + "of one core over the second 30 s (sandbox included)", liveHeap, cpuShare * 100))
                    .write();
            assertThat(rss).isPositive();
        }
    }
}
