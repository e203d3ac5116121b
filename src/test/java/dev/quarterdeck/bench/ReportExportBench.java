package dev.quarterdeck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.report.HtmlReport;
import dev.quarterdeck.report.LongSessions;
import dev.quarterdeck.report.Redaction;
import dev.quarterdeck.report.ReportBuilder;
import dev.quarterdeck.report.SessionReport;
import dev.quarterdeck.session.SessionEvent;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Export time of a 24-hour session sampled every second (345,600 metric samples and some 35,000 other events)
 * to an HTML file: from the events in memory, through redaction and the fold, to the file written. Beside it,
 * the obvious alternative in the same run: the same report with every sample a vertex of its chart line.
 * Both are run alternately after a warm-up; the figures are medians.
 */
class ReportExportBench {
    private static final int WARM_UP = 2;
    private static final int RUNS = 7;

    /** One export: all of it, and the part that only draws and writes (the fold excluded). */
    private record Run(double millis, double renderMillis, long bytes) {}

    @Test
    void aDaySampledEverySecondToHtml() throws Exception {
        List<SessionEvent> day = LongSessions.sampledEverySecond(24);
        Path dir = Path.of(System.getProperty("quarterdeck.bench.dir", "target/bench"));
        Files.createDirectories(dir);
        Path ours = dir.resolve("report-day.html");
        Path obvious = dir.resolve("report-day-every-sample.html");

        for (int i = 0; i < WARM_UP; i++) {
            export(day, HtmlReport::new, ours);
            export(day, HtmlReport::everySample, obvious);
        }
        List<Double> oursMillis = new ArrayList<>();
        List<Double> obviousMillis = new ArrayList<>();
        List<Double> oursRender = new ArrayList<>();
        List<Double> obviousRender = new ArrayList<>();
        Run last = null;
        Run lastObvious = null;
        for (int i = 0; i < RUNS; i++) {
            System.gc(); // each run starts from the same heap, so one does not pay for the other's garbage
            last = export(day, HtmlReport::new, ours);
            oursMillis.add(last.millis());
            oursRender.add(last.renderMillis());
            System.gc();
            lastObvious = export(day, HtmlReport::everySample, obvious);
            obviousMillis.add(lastObvious.millis());
            obviousRender.add(lastObvious.renderMillis());
        }
        double p50 = BenchReport.quantile(oursMillis, 0.5);
        double baseline = BenchReport.quantile(obviousMillis, 0.5);
        new BenchReport("report-html-24h-export", "ms", p50, baseline,
                "the same report with every sample a vertex of its chart line (no downsampling)", RUNS, p50,
                BenchReport.quantile(oursMillis, 0.99), String.format(java.util.Locale.ROOT, "%,d events (4 metric "
                        + "series sampled every second for 24 h, probes, lease renewals and gate judgements every "
                        + "10 s); events in memory -> redaction, fold, HTML file; per-pixel min/max: %,d bytes, "
                        + "every sample: %,d bytes (p50 %.0f ms, p99 %.0f ms)", day.size(), last.bytes(),
                        lastObvious.bytes(), baseline, BenchReport.quantile(obviousMillis, 0.99))).write();
        new BenchReport("report-html-24h-render", "ms", BenchReport.quantile(oursRender, 0.5),
                BenchReport.quantile(obviousRender, 0.5), "every sample a vertex of its chart line", RUNS,
                BenchReport.quantile(oursRender, 0.5), BenchReport.quantile(oursRender, 0.99),
                "drawing and writing the HTML only, from the folded report (what the chart strategy changes)")
                .write();
        new BenchReport("report-html-24h-size", "bytes", last.bytes(), (double) lastObvious.bytes(),
                "the same report with every sample a vertex of its chart line (no downsampling)", RUNS, null, null,
                "size of the HTML file of a 24 h session sampled every second").write();
        assertThat(last.bytes()).isPositive();
    }

    private interface Format {
        HtmlReport make(java.time.ZoneId zone);
    }

    private static Run export(List<SessionEvent> events, Format format, Path file) throws IOException {
        long start = System.nanoTime();
        SessionReport report = ReportBuilder.build(events, Redaction.standard());
        long folded = System.nanoTime();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            format.make(ZoneOffset.UTC).write(report, out);
        }
        long end = System.nanoTime();
        return new Run((end - start) / 1e6, (end - folded) / 1e6, Files.size(file));
    }
}
