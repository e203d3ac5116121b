package dev.quarterdeck.ui;

import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.plan.Condition;
import dev.quarterdeck.plan.Gate;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

/**
 * One live chart: a metric of canary and stable over a sliding window, and the gates' ceilings for it. The x
 * axis is seconds since {@code origin}, so values stay small and exact; {@link #timeLabel} turns them back
 * into wall-clock times.
 *
 * <p>The window runs from the session's start (or its earliest sample) to now, at least
 * {@link #MIN_SPAN_SECONDS} and at most the full window: a fresh session shows its first seconds from the left
 * edge of a one-minute axis, not squeezed against the right edge of five empty minutes.
 */
public final class MetricChart {
    /** The narrowest the axis gets: less would stretch a few samples into lines that look like trends. */
    static final double MIN_SPAN_SECONDS = 60;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final Metric metric;
    private final String title;
    private final String unit;
    private final Instant origin;
    private final ZoneId zone;
    private final double windowSeconds;
    private final MetricTrace canary;
    private final MetricTrace stable;
    private final List<MetricThreshold> thresholds;
    private final ReadOnlyDoubleWrapper windowStart = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper windowEnd = new ReadOnlyDoubleWrapper();
    private double latestX = Double.NEGATIVE_INFINITY;
    private double sinceX = Double.POSITIVE_INFINITY;
    private double nowX = Double.NEGATIVE_INFINITY;

    MetricChart(
            Metric metric,
            String title,
            String unit,
            double scale,
            DoubleFunction<String> format,
            List<Gate> gates,
            List<AbortRule> abortRules,
            Instant origin,
            ZoneId zone,
            double windowSeconds,
            int maxPoints) {
        this.metric = metric;
        this.title = title;
        this.unit = unit;
        this.origin = origin;
        this.zone = zone;
        this.windowSeconds = windowSeconds;
        this.thresholds = thresholds(metric, gates, abortRules, scale, format);
        this.canary = new MetricTrace(Track.CANARY, scale, format, maxPoints, ceiling(Track.CANARY));
        this.stable = new MetricTrace(Track.STABLE, scale, format, maxPoints, ceiling(Track.STABLE));
        moveWindowTo(origin);
    }

    /**
     * Gate ceilings on this metric, and the ceilings of abort rules that roll back (an alerting rule's line would
     * only crowd the chart: the banner says it). Floors are not drawn, a dashed floor under a latency line reads
     * wrong.
     */
    private static List<MetricThreshold> thresholds(
            Metric metric, List<Gate> gates, List<AbortRule> abortRules, double scale, DoubleFunction<String> format) {
        List<MetricThreshold> found = new ArrayList<>();
        for (Gate gate : gates) {
            for (Condition c : gate.conditions()) {
                if (!(c instanceof Condition.Threshold condition) || condition.metric() != metric
                        || condition.bound() != Condition.Bound.MAX) {
                    continue;
                }
                double value = condition.threshold() * scale;
                boolean known = found.stream().anyMatch(t -> t.track() == condition.track() && t.value() == value);
                if (!known) {
                    found.add(new MetricThreshold(
                            condition.track(), value, condition.track().label() + " max " + format.apply(value)));
                }
            }
        }
        for (AbortRule rule : abortRules) {
            Condition.Threshold condition = rule.condition();
            if (rule.response() == AbortRule.Response.ALERT || condition.metric() != metric
                    || condition.bound() != Condition.Bound.MAX) {
                continue;
            }
            double value = condition.threshold() * scale;
            boolean known = found.stream().anyMatch(t -> t.kind() == MetricThreshold.Kind.ROLLBACK
                    && t.track() == condition.track() && t.value() == value);
            if (!known) {
                found.add(new MetricThreshold(condition.track(), value, rule.severity() + " rollback "
                        + (condition.track() == Track.CANARY ? "" : condition.track().label() + " ")
                        + format.apply(value), MetricThreshold.Kind.ROLLBACK));
            }
        }
        found.sort(Comparator.comparingDouble(MetricThreshold::value));
        return List.copyOf(found);
    }

    private double ceiling(Track track) {
        return thresholds.stream()
                .filter(t -> t.track() == track)
                .mapToDouble(MetricThreshold::value)
                .min()
                .orElse(Double.POSITIVE_INFINITY);
    }

    void accept(MetricSample sample) {
        double x = xOf(sample.at());
        latestX = Math.max(latestX, x);
        (sample.track() == Track.CANARY ? canary : stable).accept(sample, x);
    }

    /**
     * Ends a batch, or a second without one: slides the window to {@code now}, hands buffered points to the
     * chart, drops what left the window (so a quiet chart does not hold old points forever) and refreshes ages.
     */
    void flush(Instant now) {
        moveWindowTo(now);
        canary.flush(windowStart.get(), now);
        stable.flush(windowStart.get(), now);
    }

    /**
     * Where the session started, or its earliest sample: the axis reaches back this far (within its minimum
     * and maximum span). An earlier moment than one already known wins; a later one changes nothing.
     */
    void showSince(Instant since) {
        sinceX = Math.min(sinceX, xOf(since));
    }

    private void moveWindowTo(Instant now) {
        // A sample stamped a little ahead of our clock still belongs on the chart, not past its right edge.
        nowX = Math.max(Math.max(xOf(now), latestX), nowX);
        double minSpan = Math.min(MIN_SPAN_SECONDS, windowSeconds);
        // From the session's start while it is younger than the window (a young session's lines start at the
        // left edge and grow to the right), the last full window after that; the last minute while the start
        // is not known.
        double start = sinceX == Double.POSITIVE_INFINITY
                ? nowX - minSpan
                : Math.max(sinceX, nowX - windowSeconds);
        windowStart.set(start);
        windowEnd.set(Math.max(nowX, start + minSpan));
    }

    double xOf(Instant at) {
        return (at.toEpochMilli() - origin.toEpochMilli()) / 1000.0;
    }

    /** The wall-clock time of an x value: "14:03:20". */
    public String timeLabel(double x) {
        return CLOCK.format(origin.plusMillis(Math.round(x * 1000)).atZone(zone));
    }

    /**
     * An axis label at a tick {@code step} seconds apart: "14:03" when the ticks are whole minutes, "14:03:20"
     * when they are finer; nothing off the step, so a stray value never crowds the round ticks.
     */
    public String tickLabel(double x, double step) {
        if (!TimeTicks.isMultiple(x, step)) {
            return "";
        }
        return (TimeTicks.isMultiple(step, 60) ? MINUTE : CLOCK)
                .format(origin.plusMillis(Math.round(x * 1000)).atZone(zone));
    }

    public Metric metric() {
        return metric;
    }

    /** "Error rate", "p95 latency". */
    public String title() {
        return title;
    }

    /** "%", "ms". */
    public String unit() {
        return unit;
    }

    public MetricTrace canary() {
        return canary;
    }

    public MetricTrace stable() {
        return stable;
    }

    public List<MetricThreshold> thresholds() {
        return thresholds;
    }

    public ReadOnlyDoubleProperty windowStartProperty() {
        return windowStart.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty windowEndProperty() {
        return windowEnd.getReadOnlyProperty();
    }
}
