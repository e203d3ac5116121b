package dev.quarterdeck.probe;

import dev.quarterdeck.plan.Durations;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One track's metrics from Prometheus: each run asks one instant query per metric the plan has a query for,
 * {@code {{track}}} and {@code {{window}}} filled in, and reports each as a {@link MetricSample}: {@code
 * PASS} with the value, {@code NO_DATA} for no series or NaN, {@code ERROR} for several series or no usable
 * answer. Build it through {@link PrometheusMetricsSource}.
 *
 * <p>One deadline ({@link #timeout()}) bounds the whole run, not each query, so a slow Prometheus delays a
 * track by at most that. A server that cannot be reached (refused, timed out, TLS) is asked once per run:
 * the metrics after it get the same error instead of each waiting out its own timeout.
 */
public final class TrackQueries implements ProbeTask {
    private final Track track;
    private final MetricsSpec.Prometheus spec;
    private final List<Metric> metrics;
    private final String window;
    private final PrometheusApi api;
    private final Clock clock;
    private final Duration timeout;

    TrackQueries(Track track, MetricsSpec.Prometheus spec, List<Metric> metrics, String window, PrometheusApi api,
            Clock clock, Duration timeout) {
        this.track = Objects.requireNonNull(track, "track");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.metrics = List.copyOf(metrics);
        this.window = Objects.requireNonNull(window, "window");
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public Track track() {
        return track;
    }

    /** The query this track asks for {@code metric}, placeholders filled in. */
    public String query(Metric metric) {
        return spec.query(metric, track, window);
    }

    /** Asks every query once, now, in {@link Metric} order. Blocks for at most the timeout. */
    public List<MetricSample> sample() {
        Instant at = clock.instant();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MetricSample> samples = new ArrayList<>(metrics.size());
        PrometheusFailure down = null;
        for (Metric metric : metrics) {
            if (down != null) {
                samples.add(error(at, metric, down.getMessage()));
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                samples.add(error(at, metric, "not asked: the run's " + Durations.human(timeout)
                        + " deadline was used up by the queries before it"));
                continue;
            }
            try {
                samples.add(read(at, metric, api.query(query(metric), at, Duration.ofNanos(left))));
            } catch (PrometheusFailure e) {
                down = e.serverUnavailable() ? e : null;
                samples.add(error(at, metric, e.getMessage()));
            }
        }
        return samples;
    }

    /**
     * The metrics from {@code start} to {@code end}, one sample per {@code step} where Prometheus has a
     * value (NaN points are {@code NO_DATA}), oldest first. A query that cannot be read gives one sample at
     * {@code end} saying why, so a chart shows the reason instead of a silent gap.
     */
    List<MetricSample> history(Instant start, Instant end, Duration step) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MetricSample> samples = new ArrayList<>();
        PrometheusFailure down = null;
        for (Metric metric : metrics) {
            if (down != null) {
                samples.add(error(end, metric, down.getMessage()));
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                samples.add(error(end, metric, "not asked: the " + Durations.human(timeout)
                        + " deadline was used up by the queries before it"));
                continue;
            }
            try {
                PrometheusAnswer<PrometheusResult.Matrix> answer =
                        api.queryRange(query(metric), start, end, step, Duration.ofNanos(left));
                samples.addAll(points(end, metric, answer));
            } catch (PrometheusFailure e) {
                down = e.serverUnavailable() ? e : null;
                samples.add(error(end, metric, e.getMessage()));
            }
        }
        return samples;
    }

    private MetricSample read(Instant at, Metric metric, PrometheusAnswer<PrometheusResult> answer) {
        String warned = Readings.warned(answer.warnings());
        QueryReading reading = QueryReading.of(answer.result());
        if (reading instanceof QueryReading.NoData noData) {
            return new MetricSample(at, track, metric, Double.NaN, Outcome.NO_DATA, noData.reason() + warned);
        }
        if (reading instanceof QueryReading.Unusable unusable) {
            return error(at, metric, unusable.reason() + warned);
        }
        QueryReading.Value value = (QueryReading.Value) reading;
        String infinite = value.infinite()
                ? "; " + Readings.value(value.value(), null) + " compared as a value"
                : "";
        return new MetricSample(at, track, metric, value.value(), Outcome.PASS,
                "from Prometheus over " + window + infinite + warned);
    }

    private List<MetricSample> points(Instant end, Metric metric, PrometheusAnswer<PrometheusResult.Matrix> answer) {
        List<PrometheusResult.RangeSeries> series = answer.result().series();
        if (series.size() > 1) {
            return List.of(error(end, metric, QueryReading.tooMany(
                    series.stream().map(PrometheusResult.RangeSeries::labels).toList()).reason()));
        }
        if (series.isEmpty()) {
            return List.of(new MetricSample(end, track, metric, Double.NaN, Outcome.NO_DATA,
                    "query returned no series" + Readings.warned(answer.warnings())));
        }
        String detail = "from Prometheus over " + window + Readings.warned(answer.warnings());
        List<MetricSample> samples = new ArrayList<>();
        for (PrometheusResult.Point point : series.get(0).points()) {
            if (Double.isNaN(point.value())) {
                samples.add(new MetricSample(point.at(), track, metric, Double.NaN, Outcome.NO_DATA,
                        "query returned NaN (nothing to compute from, e.g. no requests in the window)"));
            } else {
                samples.add(new MetricSample(point.at(), track, metric, point.value(), Outcome.PASS, detail));
            }
        }
        return samples;
    }

    private MetricSample error(Instant at, Metric metric, String detail) {
        return new MetricSample(at, track, metric, Double.NaN, Outcome.ERROR, detail);
    }

    @Override
    public String name() {
        return "metrics " + track.label();
    }

    @Override
    public Duration interval() {
        return spec.interval();
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public List<MetricSample> run() {
        return sample();
    }

    @Override
    public List<MetricSample> missed(Instant at, String reason) {
        List<MetricSample> samples = new ArrayList<>(metrics.size());
        for (Metric metric : metrics) {
            samples.add(error(at, metric, "Prometheus at " + api.shownUrl() + ": " + reason));
        }
        return samples;
    }
}
