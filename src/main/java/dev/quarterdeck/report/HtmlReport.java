package dev.quarterdeck.report;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The postmortem draft as one self-contained HTML file, with SVG charts of canary against stable and of the
 * canary weight, that prints on A4. Long sessions stay small and quick: lines are drawn per pixel column.
 */
public final class HtmlReport {
    private final ZoneId zone;
    private final SvgChart.Detail detail;

    private HtmlReport(ZoneId zone, SvgChart.Detail detail) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.detail = detail;
    }

    public HtmlReport(ZoneId zone) {
        this(zone, SvgChart.Detail.PER_PIXEL);
    }

    /**
     * Charts with every sample as a vertex of its line: the obvious way, for comparison in the benchmark. A day
     * sampled every second makes each line 86,400 vertices.
     */
    public static HtmlReport everySample(ZoneId zone) {
        return new HtmlReport(zone, SvgChart.Detail.EVERY_SAMPLE);
    }

    public void write(SessionReport report, Writer out) throws IOException {
        new PostmortemDocument(report, new HtmlPage(out, zone, detail), zone).write();
    }
}
