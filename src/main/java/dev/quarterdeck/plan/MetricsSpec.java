package dev.quarterdeck.plan;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** Where an environment's canary and stable metrics come from. */
public sealed interface MetricsSpec {

    /** How often metrics are sampled. */
    Duration interval();

    /** The window rates and quantiles are computed over. */
    Duration window();

    /**
     * No metrics: an environment released by checks alone (health endpoints, rollout state), without canary
     * charts or metric gates.
     */
    record None() implements MetricsSpec {
        @Override
        public Duration interval() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration window() {
            return Duration.ofSeconds(15);
        }
    }

    /**
     * Scrape Prometheus-text {@code /metrics} of the {@code stable} and {@code canary} services directly,
     * for environments without a Prometheus. Counters become rates, histograms quantiles, over {@code window}.
     */
    record Scrape(Duration interval, Duration window, String requestsCounter, String latencyHistogram, String path)
            implements MetricsSpec {
        public static final String DEFAULT_REQUESTS_COUNTER = "http_requests_total";
        public static final String DEFAULT_LATENCY_HISTOGRAM = "http_request_duration_seconds";
        public static final String DEFAULT_PATH = "/metrics";

        public Scrape {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(requestsCounter, "requestsCounter");
            Objects.requireNonNull(latencyHistogram, "latencyHistogram");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * Ask a Prometheus at {@code url}: one PromQL instant query per metric, evaluated for each track.
     * Queries may use {@link #TRACK} and {@link #WINDOW}, replaced by the track's label ({@code stable},
     * {@code canary}) and the window ({@code 5m}) before each query.
     */
    record Prometheus(URI url, Duration interval, Duration window, Map<Metric, String> queries) implements MetricsSpec {
        public static final String TRACK = "{{track}}";
        public static final String WINDOW = "{{window}}";

        public Prometheus {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(window, "window");
            queries = Map.copyOf(queries);
        }

        /** The query of {@code metric} for {@code track}, placeholders filled in; {@code window} as PromQL writes it. */
        public String query(Metric metric, Track track, String window) {
            String q = queries.get(metric);
            if (q == null) {
                throw new IllegalArgumentException("no query for " + metric.key());
            }
            return q.replace(TRACK, track.label()).replace(WINDOW, window);
        }
    }
}
