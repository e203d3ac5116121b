package dev.quarterdeck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.session.SessionEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A day sampled every second exports to HTML that stays readable and small: lines drawn per pixel column, a
 * short spike still drawn, the timeline free of samples and renewals. Sizes and contents, never times: speed
 * is the benchmark's ({@code ReportExportBench}).
 */
class LongSessionExportTest {
    private static List<SessionEvent> day;
    private static SessionReport report;

    @BeforeAll
    static void make() {
        day = LongSessions.sampledEverySecond(24);
        report = ReportBuilder.build(day, Redaction.standard());
    }

    @Test
    void everySampleIsCountedAndKeptAsSeries() {
        assertThat(day.size()).isGreaterThan(4 * 86_400);
        assertThat(report.metrics()).hasSize(4).allSatisfy(m -> assertThat(m.samples()).isEqualTo(86_400));
        assertThat(report.metrics().stream().filter(m -> m.metric() == dev.quarterdeck.plan.Metric.P95_LATENCY
                && m.track() == dev.quarterdeck.plan.Track.CANARY).findFirst().orElseThrow().max())
                .isEqualTo(LongSessions.SPIKE_SECONDS);
    }

    @Test
    void theHtmlDrawsEachLineWithAtMostTwoPointsAPixelColumnAndStaysSmall() throws IOException {
        StringWriter out = new StringWriter();
        new HtmlReport(ZoneOffset.UTC).write(report, out);
        String html = out.toString();
        java.nio.file.Files.createDirectories(Goldens.ACTUAL);
        java.nio.file.Files.writeString(Goldens.ACTUAL.resolve("day-sampled-every-second.html"), html);

        assertThat(html.length()).as("characters").isLessThan(400_000);
        Matcher paths = Pattern.compile("<path class=\"line (canary|stable)\" d=\"([^\"]*)\"").matcher(html);
        int lines = 0;
        while (paths.find()) {
            lines++;
            long vertices = paths.group(2).chars().filter(c -> c == 'L' || c == 'M').count();
            assertThat(vertices).as("vertices of a line").isBetween(600L, 2L * SvgChart.COLUMNS);
        }
        assertThat(lines).as("canary and stable in two charts").isEqualTo(4);
        assertThat(html).contains("Up to 86,400 samples a line, drawn as the lowest and highest value of each of "
                + SvgChart.COLUMNS + " pixel columns.");
        assertThat(html).as("the spike sets the p95 chart's scale").contains(">3 s</text>").contains(">4 s</text>");
        assertThat(html).as("nothing fetched from anywhere").doesNotContain("<script").doesNotContain("<link")
                .doesNotContain("src=").doesNotContain("url(").doesNotContain("@import").doesNotContain("href=\"http");
    }

    @Test
    void theTimelineHoldsNoSamplesRenewalsOrRepeatedVerdicts() throws IOException {
        assertThat(report.timeline()).hasSizeLessThan(40);
        assertThat(report.timeline()).filteredOn(e -> e.kind().equals("gate")).hasSize(2);
        assertThat(report.timeline()).filteredOn(e -> e.kind().equals("lease")).hasSize(1);
        StringWriter md = new StringWriter();
        new MarkdownReport(ZoneOffset.UTC).write(report, md);
        assertThat(md.toString().length()).isLessThan(40_000);
        assertThat(md.toString()).contains("| 11-23 00:00:00 | note | dana.okafor | a day at 100 %, closing |");
    }

    @Test
    void everySampleAsAVertexIsTheObviousAlternativeAndMuchBigger() throws IOException {
        StringWriter out = new StringWriter();
        HtmlReport.everySample(ZoneOffset.UTC).write(report, out);

        assertThat(out.toString().length()).isGreaterThan(4 * 86_400 * 10);
        assertThat(out.toString()).contains("Up to 86,400 samples a line, each drawn.");
    }
}
