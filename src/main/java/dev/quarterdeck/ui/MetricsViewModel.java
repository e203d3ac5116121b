package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import dev.quarterdeck.session.SessionEvent.SessionStarted;
import dev.quarterdeck.session.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Canary against stable, live: error rate in percent and p95 latency in milliseconds since the session started
 * (at least a minute, at most the last few minutes), with the plan's gate ceilings. History is bounded by time and by count, so a 48-hour session costs what a
 * five-minute one does.
 */
public final class MetricsViewModel implements AutoCloseable {
    /** What the charts show; long enough to see a trend after a step, short enough to read a spike. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final MetricChart errorRate;
    private final MetricChart p95Latency;
    private final Subscription subscription;

    public MetricsViewModel(ReleasePlan plan, Clock clock, FxBridge events) {
        this(plan, clock, events, DEFAULT_WINDOW);
    }

    public MetricsViewModel(ReleasePlan plan, Clock clock, FxBridge events, Duration window) {
        this.clock = Objects.requireNonNull(clock, "clock");
        // A whole minute, so the time axis' ticks (multiples of 10 s … 5 min from the origin) fall on round times.
        Instant origin = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        double seconds = window.toMillis() / 1000.0;
        // Several samples a second at most; the cap only guards against a runaway writer.
        int maxPoints = (int) Math.max(100, seconds * 10);
        errorRate = new MetricChart(
                Metric.ERROR_RATE, "Error rate", "%", 100, MetricsViewModel::percent,
                plan.gates(), plan.abortRules(), origin, clock.getZone(), seconds, maxPoints);
        p95Latency = new MetricChart(
                Metric.P95_LATENCY, "p95 latency", "ms", 1000, MetricsViewModel::millis,
                plan.gates(), plan.abortRules(), origin, clock.getZone(), seconds, maxPoints);
        subscription = events.listen(this::onEvents);
    }

    static String percent(double value) {
        if (value == 0) {
            return "0 %";
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2f %%" : "%.1f %%", value);
    }

    static String millis(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.1f ms" : "%.0f ms", value);
    }

    private void onEvents(List<SessionEvent> batch) {
        boolean sampled = false;
        for (SessionEvent event : batch) {
            if (event instanceof SessionStarted started) {
                showSince(started.at());
            } else if (event instanceof MetricSample sample) {
                // Both charts reach back to the same moment, so their time axes line up one above the other.
                showSince(sample.at());
                if (sample.metric() == Metric.ERROR_RATE) {
                    errorRate.accept(sample);
                    sampled = true;
                } else if (sample.metric() == Metric.P95_LATENCY) {
                    p95Latency.accept(sample);
                    sampled = true;
                }
            }
        }
        if (sampled) {
            Instant now = clock.instant();
            errorRate.flush(now);
            p95Latency.flush(now);
        }
    }

    private void showSince(Instant since) {
        errorRate.showSince(since);
        p95Latency.showSince(since);
    }

    /** Slides the window and refreshes the "2 s ago" captions; the window calls it every second. */
    public void tick() {
        Instant now = clock.instant();
        errorRate.flush(now);
        p95Latency.flush(now);
    }

    public MetricChart errorRate() {
        return errorRate;
    }

    public MetricChart p95Latency() {
        return p95Latency;
    }

    public List<MetricChart> charts() {
        return List.of(errorRate, p95Latency);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
