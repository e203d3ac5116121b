package dev.quarterdeck.probe;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Canary-versus-stable metrics for an environment without a Prometheus: scrapes the {@code stable} and
 * {@code canary} services' Prometheus-text pages ({@link MetricsSpec.Scrape#path()}) and computes, per track
 * and over the window, what these PromQL expressions would show:
 *
 * <pre>
 *   error-rate    sum(increase(REQUESTS{code=~"5.."}[w])) / sum(increase(REQUESTS[w]))
 *   p95, p99      histogram_quantile(q, sum by (le) (increase(LATENCY_bucket[w])))
 *   request-rate  sum(increase(REQUESTS[w])) / seconds between the oldest and newest scrape
 * </pre>
 *
 * Drive it either by calling {@link #sample()} (tests, the headless {@code gate} command) or by adding
 * {@link #tasks()} to a {@link ProbeScheduler}, one task per track.
 */
public final class ScrapeMetricsSource {
    /** Prometheus' default scrape timeout; a shorter interval shortens it. */
    public static final Duration DEFAULT_SCRAPE_TIMEOUT = Duration.ofSeconds(10);

    private final List<TrackMetrics> tracks;

    /**
     * With a scrape timeout of the interval, at most {@link #DEFAULT_SCRAPE_TIMEOUT}.
     *
     * @throws IllegalArgumentException when the environment's metrics are not {@link MetricsSpec.Scrape}
     */
    public ScrapeMetricsSource(Environment environment, HttpTransport transport, Clock clock) {
        this(environment, transport, clock, null);
    }

    /**
     * @param scrapeTimeout deadline of one scrape; null for the interval, at most {@link
     *     #DEFAULT_SCRAPE_TIMEOUT}
     * @throws IllegalArgumentException when the environment's metrics are not {@link MetricsSpec.Scrape}
     */
    public ScrapeMetricsSource(Environment environment, HttpTransport transport, Clock clock,
            Duration scrapeTimeout) {
        Objects.requireNonNull(environment, "environment");
        if (!(environment.metrics() instanceof MetricsSpec.Scrape scrape)) {
            throw new IllegalArgumentException(
                    "environment '" + environment.name() + "' does not read metrics by scraping");
        }
        Duration timeout = scrapeTimeout != null
                ? scrapeTimeout
                : scrape.interval().compareTo(DEFAULT_SCRAPE_TIMEOUT) < 0 ? scrape.interval() : DEFAULT_SCRAPE_TIMEOUT;
        List<TrackMetrics> all = new ArrayList<>();
        for (Track track : Track.values()) {
            all.add(new TrackMetrics(track, environment, scrape, transport, clock, timeout));
        }
        this.tracks = List.copyOf(all);
    }

    /**
     * Scrapes every track once, now, one after the other, and returns each track's four metric samples
     * ({@link TrackMetrics#METRICS}), stable first.
     */
    public List<MetricSample> sample() {
        List<MetricSample> samples = new ArrayList<>();
        for (TrackMetrics track : tracks) {
            samples.addAll(track.sample());
        }
        return samples;
    }

    /** One track's scrape and readings. */
    public TrackMetrics track(Track track) {
        return tracks.stream().filter(t -> t.track() == track).findFirst().orElseThrow();
    }

    /** The scheduler's tasks: one per track, so a hung track never delays the other. */
    public List<ProbeTask> tasks() {
        return List.copyOf(tracks);
    }
}
