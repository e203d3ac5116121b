package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.Objects;

/** Where an environment's canary and stable metrics come from. */
public sealed interface MetricsSpec {

    /** How often metrics are sampled. */
    Duration interval();

    /** The window rates and quantiles are computed over. */
    Duration window();

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
}
