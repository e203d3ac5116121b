package dev.quarterdeck.probe;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Canary-versus-stable metrics from an environment's Prometheus ({@link MetricsSpec.Prometheus}): for each
 * track and each metric the plan has a query for, the query with {@code {{track}}} and {@code {{window}}}
 * filled in ({@code 30s}, {@code 5m}, {@code 1h}), asked as an instant query.
 *
 * <p>Outcomes as everywhere in Quarterdeck: {@code PASS} carries the value (infinities included, and said),
 * {@code NO_DATA} an empty result or NaN (no requests is not a 0 % error rate), {@code ERROR} several series
 * or no usable answer, with the server named.
 *
 * <p>Drive it like {@link ScrapeMetricsSource}: {@link #sample()} now, or {@link #tasks()} on a {@link
 * ProbeScheduler}, one task per track so a slow query for one never delays the other. {@link #history}
 * reads the same metrics back over time with range queries, for charts that start full.
 */
public final class PrometheusMetricsSource {
    /** Prometheus' default query timeout is 2 min; a gate needs its answer well before that. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);
    /** Prometheus refuses range queries with more points per series than this. */
    public static final long MAX_POINTS = 11_000;

    private final List<TrackQueries> tracks;
    private final List<Metric> metrics;
    private final String window;
    private final Clock clock;

    /**
     * With a run deadline of the interval, at most {@link #DEFAULT_QUERY_TIMEOUT}.
     *
     * @throws IllegalArgumentException when the environment's metrics are not {@link MetricsSpec.Prometheus}
     */
    public PrometheusMetricsSource(Environment environment, PrometheusApi api, Clock clock) {
        this(environment, api, clock, null);
    }

    /**
     * @param timeout deadline of one track's run (all its queries); null for the interval, at most {@link
     *     #DEFAULT_QUERY_TIMEOUT}
     * @throws IllegalArgumentException when the environment's metrics are not {@link MetricsSpec.Prometheus},
     *     or its window is not a whole number of milliseconds
     */
    public PrometheusMetricsSource(Environment environment, PrometheusApi api, Clock clock, Duration timeout) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(clock, "clock");
        if (!(environment.metrics() instanceof MetricsSpec.Prometheus spec)) {
            throw new IllegalArgumentException(
                    "environment '" + environment.name() + "' does not read metrics from Prometheus");
        }
        Duration deadline = timeout != null
                ? timeout
                : spec.interval().compareTo(DEFAULT_QUERY_TIMEOUT) < 0 ? spec.interval() : DEFAULT_QUERY_TIMEOUT;
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("query timeout must be positive, was " + deadline);
        }
        this.clock = clock;
        this.window = PromqlDuration.format(spec.window());
        this.metrics = Arrays.stream(Metric.values()).filter(spec.queries()::containsKey).toList();
        List<TrackQueries> all = new ArrayList<>();
        for (Track track : Track.values()) {
            all.add(new TrackQueries(track, spec, metrics, window, api, clock, deadline));
        }
        this.tracks = List.copyOf(all);
    }

    /** The metrics the plan has queries for, in {@link Metric} order; each track reports these. */
    public List<Metric> metrics() {
        return metrics;
    }

    /** The window as the queries say it: {@code 30s}, {@code 5m}, {@code 1h30m}. */
    public String window() {
        return window;
    }

    /** Asks every track's queries once, now, one track after the other, stable first. */
    public List<MetricSample> sample() {
        List<MetricSample> samples = new ArrayList<>();
        for (TrackQueries track : tracks) {
            samples.addAll(track.sample());
        }
        return samples;
    }

    /** One track's queries. */
    public TrackQueries track(Track track) {
        return tracks.stream().filter(t -> t.track() == track).findFirst().orElseThrow();
    }

    /** The scheduler's tasks: one per track, named {@code metrics stable} and {@code metrics canary}. */
    public List<ProbeTask> tasks() {
        return List.copyOf(tracks);
    }

    /**
     * The metrics over the last {@code lookback}, one point per {@code step}, as samples stamped with their
     * own times, oldest first (stable before canary at the same time): what the charts would have shown had
     * the console been watching. Each track is bounded by the query timeout. A query that cannot be read
     * gives one {@code ERROR} or {@code NO_DATA} sample at the end of the range saying why. These are past
     * readings for display; whether they belong in the journal is the caller's decision.
     *
     * @throws IllegalArgumentException for a non-positive lookback or step, or more than {@link #MAX_POINTS}
     *     points
     */
    public List<MetricSample> history(Duration lookback, Duration step) {
        if (lookback.isNegative() || lookback.isZero() || step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("lookback and step must be positive, were " + lookback + ", " + step);
        }
        if (lookback.dividedBy(step) >= MAX_POINTS) {
            throw new IllegalArgumentException("a " + lookback + " lookback at a " + step + " step is over the "
                    + MAX_POINTS + " points Prometheus answers per series");
        }
        Instant end = clock.instant();
        Instant start = end.minus(lookback);
        List<MetricSample> samples = new ArrayList<>();
        for (TrackQueries track : tracks) {
            samples.addAll(track.history(start, end, step));
        }
        // A stable sort: at one instant, stable's samples stay before canary's, metrics in plan order.
        samples.sort(Comparator.comparing(MetricSample::at));
        return samples;
    }
}
