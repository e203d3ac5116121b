package dev.quarterdeck.report;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Chart} as inline SVG, written as it goes. A line of many samples is drawn per pixel column:
 * the lowest and the highest value of each column, in the order they came, so a spike of one second in a day
 * still shows while the path holds at most two points per column. {@link Detail#EVERY_SAMPLE} draws every
 * sample instead (the obvious way, kept for comparison: a day at one sample a second is 86,400 vertices a line).
 */
final class SvgChart {
    /** How much of a line is drawn. */
    enum Detail {
        PER_PIXEL,
        EVERY_SAMPLE
    }

    static final int WIDTH = 760;
    static final int HEIGHT = 250;
    private static final int LEFT = 62;
    private static final int RIGHT = 744;
    private static final int TOP = 40;
    private static final int BOTTOM = 218;
    /** The plot's width in pixels: one column of a downsampled line each. */
    static final int COLUMNS = RIGHT - LEFT;
    private static final long[] TIME_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
        21600, 43200, 86400};

    private final Writer out;
    private final ZoneId zone;
    private final Detail detail;
    private final StringBuilder buffer = new StringBuilder(16 * 1024);

    SvgChart(Writer out, ZoneId zone, Detail detail) {
        this.out = out;
        this.zone = zone;
        this.detail = detail;
    }

    void draw(Chart chart) throws IOException {
        double top = top(chart);
        double step = niceStep(top / 4);
        double max = Math.max(step, Math.ceil(top / step - 1e-9) * step);
        Scale scale = new Scale(chart.fromMillis(), chart.toMillis(), max);
        out.write("<figure class=\"chart\" id=\"" + chart.id() + "\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" role=\"img\" aria-label=\""
                + HtmlPage.escape(chart.title()) + "\">\n");
        out.write("<rect class=\"plot\" x=\"" + LEFT + "\" y=\"" + TOP + "\" width=\"" + COLUMNS + "\" height=\""
                + (BOTTOM - TOP) + "\"/>\n");
        yAxis(chart, scale, step);
        xAxis(scale);
        for (Chart.Line line : chart.lines()) {
            out.write("<path class=\"line " + line.style() + "\" d=\"");
            if (line.stepped()) {
                stepped(line.points(), scale);
            } else if (detail == Detail.PER_PIXEL) {
                perPixel(line.points(), scale);
            } else {
                everySample(line.points(), scale);
            }
            flush();
            out.write("\"/>\n");
        }
        levels(chart, scale);
        markers(chart, scale);
        legend(chart);
        out.write("</svg>\n<figcaption><strong>" + HtmlPage.escape(chart.title()) + "</strong> — "
                + HtmlPage.escape(chart.caption()) + ". " + HtmlPage.escape(drawnAs(chart)) + "</figcaption>\n"
                + "</figure>\n");
    }

    /** What the lines are made of, so a reader knows a spike is real and a flat stretch is not hidden. */
    private String drawnAs(Chart chart) {
        int most = chart.lines().stream().filter(l -> !l.stepped()).mapToInt(l -> l.points().size()).max().orElse(0);
        if (most == 0) {
            return "";
        }
        return detail == Detail.PER_PIXEL && most > COLUMNS
                ? String.format(Locale.ROOT, "Up to %,d samples a line, drawn as the lowest and highest value of each "
                        + "of %d pixel columns.", most, COLUMNS)
                : String.format(Locale.ROOT, "Up to %,d samples a line, each drawn.", most);
    }

    private record Scale(long from, long to, double max) {
        double x(long millis) {
            return LEFT + (millis - from) * (double) COLUMNS / Math.max(1, to - from);
        }

        double y(double value) {
            double y = BOTTOM - value / max * (BOTTOM - TOP);
            return Math.max(TOP, Math.min(BOTTOM, y));
        }
    }

    private static double top(Chart chart) {
        double top = 0;
        for (Chart.Line line : chart.lines()) {
            if (line.style().equals("weight")) {
                return 100;
            }
            Chart.Points p = line.points();
            if (p instanceof MetricSeries s) {
                top = Math.max(top, Double.isNaN(s.max()) ? 0 : s.max());
            } else {
                for (int i = 0; i < p.size(); i++) {
                    double v = p.valueAt(i);
                    top = Double.isNaN(v) ? top : Math.max(top, v);
                }
            }
        }
        for (Chart.Level level : chart.levels()) {
            top = Math.max(top, level.value());
        }
        return top <= 0 || Double.isNaN(top) || Double.isInfinite(top) ? 1 : top * 1.08;
    }

    static double niceStep(double rough) {
        double exp = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / exp;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * exp;
    }

    private void yAxis(Chart chart, Scale scale, double step) throws IOException {
        for (double v = 0; v <= scale.max() + step / 1000; v += step) {
            String y = fixed(scale.y(v));
            out.write("<line class=\"grid\" x1=\"" + LEFT + "\" x2=\"" + RIGHT + "\" y1=\"" + y + "\" y2=\"" + y
                    + "\"/><text class=\"tick\" x=\"" + (LEFT - 6) + "\" y=\"" + fixed(scale.y(v) + 4)
                    + "\" text-anchor=\"end\">" + HtmlPage.escape(chart.format().apply(v)) + "</text>\n");
        }
    }

    private void xAxis(Scale scale) throws IOException {
        long spanSeconds = Math.max(1, (scale.to() - scale.from()) / 1000);
        long step = TIME_STEPS[TIME_STEPS.length - 1];
        for (long candidate : TIME_STEPS) {
            if (spanSeconds / candidate <= 8) {
                step = candidate;
                break;
            }
        }
        long stepMillis = step * 1000;
        long offset = zone.getRules().getOffset(Instant.ofEpochMilli(scale.from())).getTotalSeconds() * 1000L;
        long first = Math.floorDiv(scale.from() + offset + stepMillis - 1, stepMillis) * stepMillis - offset;
        DateTimeFormatter label = DateTimeFormatter.ofPattern(step < 60 ? "HH:mm:ss" : "HH:mm", Locale.ROOT);
        DateTimeFormatter day = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);
        for (long t = first; t <= scale.to(); t += stepMillis) {
            String x = fixed(scale.x(t));
            var time = Instant.ofEpochMilli(t).atZone(zone);
            String text = step >= 3600 && time.getHour() == 0 && time.getMinute() == 0 ? day.format(time)
                    : label.format(time);
            out.write("<line class=\"tick-line\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + BOTTOM + "\" y2=\""
                    + (BOTTOM + 4) + "\"/><text class=\"tick\" x=\"" + x + "\" y=\"" + (BOTTOM + 17)
                    + "\" text-anchor=\"middle\">" + text + "</text>\n");
        }
    }

    private void levels(Chart chart, Scale scale) throws IOException {
        List<Double> used = new ArrayList<>();
        for (Chart.Level level : chart.levels()) {
            double y = scale.y(level.value());
            double labelY = y - 4;
            for (double u : used) {
                if (Math.abs(u - labelY) < 11) {
                    labelY = u - 11; // two bounds close together: stack their labels
                }
            }
            used.add(labelY);
            out.write("<line class=\"level\" x1=\"" + LEFT + "\" x2=\"" + RIGHT + "\" y1=\"" + fixed(y) + "\" y2=\""
                    + fixed(y) + "\"/><text class=\"level-label\" x=\"" + (RIGHT - 4) + "\" y=\""
                    + fixed(Math.max(TOP + 9, labelY)) + "\" text-anchor=\"end\">" + HtmlPage.escape(level.label())
                    + "</text>\n");
        }
    }

    private void markers(Chart chart, Scale scale) throws IOException {
        double[] rowEnds = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Chart.Marker marker : chart.markers()) {
            if (marker.millis() < scale.from() || marker.millis() > scale.to()) {
                continue;
            }
            double x = scale.x(marker.millis());
            int row = 0;
            while (row < rowEnds.length - 1 && x - rowEnds[row] < 4) {
                row++;
            }
            double width = marker.label().length() * 5.6 + 8;
            boolean left = x + width > RIGHT;
            rowEnds[row] = left ? x : x + width;
            out.write("<line class=\"marker\" x1=\"" + fixed(x) + "\" x2=\"" + fixed(x) + "\" y1=\"" + TOP
                    + "\" y2=\"" + BOTTOM + "\"/><text class=\"marker-label\" x=\"" + fixed(left ? x - 3 : x + 3)
                    + "\" y=\"" + (TOP - 24 + row * 11) + "\" text-anchor=\"" + (left ? "end" : "start") + "\">"
                    + HtmlPage.escape(marker.label()) + "</text>\n");
        }
    }

    private void legend(Chart chart) throws IOException {
        double x = LEFT;
        for (Chart.Line line : chart.lines()) {
            out.write("<line class=\"line " + line.style() + "\" x1=\"" + fixed(x) + "\" x2=\"" + fixed(x + 18)
                    + "\" y1=\"8\" y2=\"8\"/><text class=\"legend\" x=\"" + fixed(x + 22) + "\" y=\"12\">"
                    + HtmlPage.escape(line.label()) + "</text>\n");
            x += 34 + line.label().length() * 6.5;
        }
        if (!chart.levels().isEmpty()) {
            out.write("<line class=\"level\" x1=\"" + fixed(x) + "\" x2=\"" + fixed(x + 18) + "\" y1=\"8\" y2=\"8\"/>"
                    + "<text class=\"legend\" x=\"" + fixed(x + 22) + "\" y=\"12\">bound judged by</text>\n");
        }
    }

    /** The lowest and highest value of each pixel column, in time order; gaps where there was no value. */
    private void perPixel(Chart.Points points, Scale scale) throws IOException {
        int n = points.size();
        if (n == 0) {
            return;
        }
        double[] min = new double[COLUMNS];
        double[] max = new double[COLUMNS];
        long[] minAt = new long[COLUMNS];
        long[] maxAt = new long[COLUMNS];
        boolean[] valued = new boolean[COLUMNS];
        boolean[] empty = new boolean[COLUMNS];
        double span = Math.max(1, scale.to() - scale.from());
        for (int i = 0; i < n; i++) {
            long t = points.millisAt(i);
            if (t < scale.from() || t > scale.to()) {
                continue;
            }
            int c = Math.min(COLUMNS - 1, (int) ((t - scale.from()) * COLUMNS / span));
            double v = points.valueAt(i);
            if (Double.isNaN(v)) {
                empty[c] = true;
                continue;
            }
            if (!valued[c]) {
                valued[c] = true;
                min[c] = max[c] = v;
                minAt[c] = maxAt[c] = t;
            } else if (v < min[c]) {
                min[c] = v;
                minAt[c] = t;
            } else if (v > max[c]) {
                max[c] = v;
                maxAt[c] = t;
            }
        }
        int gapColumns = (int) Math.ceil(maxGap(points) * COLUMNS / span);
        int last = -1;
        for (int c = 0; c < COLUMNS; c++) {
            if (!valued[c]) {
                if (empty[c]) {
                    last = -1;
                }
                continue;
            }
            boolean move = last < 0 || c - last > Math.max(1, gapColumns);
            double x = LEFT + c + 0.5;
            boolean minFirst = minAt[c] <= maxAt[c];
            point(move, x, scale.y(minFirst ? min[c] : max[c]));
            if (min[c] != max[c]) {
                point(false, x, scale.y(minFirst ? max[c] : min[c]));
            }
            last = c;
        }
    }

    private void everySample(Chart.Points points, Scale scale) throws IOException {
        long gap = (long) maxGap(points);
        long lastAt = Long.MIN_VALUE;
        boolean move = true;
        for (int i = 0; i < points.size(); i++) {
            long t = points.millisAt(i);
            double v = points.valueAt(i);
            if (t < scale.from() || t > scale.to()) {
                continue;
            }
            if (Double.isNaN(v)) {
                move = true;
                continue;
            }
            point(move || t - lastAt > gap, scale.x(t), scale.y(v));
            move = false;
            lastAt = t;
        }
    }

    private void stepped(Chart.Points points, Scale scale) throws IOException {
        for (int i = 0; i < points.size(); i++) {
            double x = scale.x(points.millisAt(i));
            double y = scale.y(points.valueAt(i));
            if (i == 0) {
                point(true, x, y);
            } else {
                buffer.append(" H").append(fixed(x)).append(" V").append(fixed(y));
            }
        }
    }

    /** Longer than this between two samples and the line breaks: the console was closed, or nothing was read. */
    private static double maxGap(Chart.Points points) {
        int n = points.size();
        if (n < 2) {
            return Double.MAX_VALUE;
        }
        double mean = (points.millisAt(n - 1) - points.millisAt(0)) / (double) (n - 1);
        return Math.max(60_000, 10 * mean);
    }

    private void point(boolean move, double x, double y) throws IOException {
        buffer.append(move ? (buffer.length() == 0 ? "M" : " M") : " L");
        appendFixed(buffer, x);
        buffer.append(' ');
        appendFixed(buffer, y);
        if (buffer.length() > 8192) {
            flush();
            buffer.append(' ');
        }
    }

    private void flush() throws IOException {
        out.append(buffer);
        buffer.setLength(0);
    }

    /** One decimal, without String.format: a day of samples drawn whole is hundreds of thousands of these. */
    static void appendFixed(StringBuilder b, double v) {
        long tenths = Math.round(v * 10);
        if (tenths < 0) {
            b.append('-');
            tenths = -tenths;
        }
        b.append(tenths / 10).append('.').append(tenths % 10);
    }

    private static String fixed(double v) {
        StringBuilder b = new StringBuilder(8);
        appendFixed(b, v);
        return b.toString();
    }
}
