package dev.quarterdeck.testing;

import java.util.Locale;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * One track's {@code /metrics} for a real Prometheus to scrape, under the names the runbook plans query:
 * OpsConductor's {@code ai_requests_total}, {@code ai_request_errors_total} and {@code
 * ai_request_duration_seconds}, and OneSource's {@code http_requests_total{code}} and {@code
 * http_request_duration_seconds{route="/chat"}}. The counters grow with the time since the fixture started
 * ({@code requestsPerSecond}, none of them errors), so a {@code rate()} has something to read whenever
 * Prometheus scrapes, and the latencies fall in fixed shares of the buckets, so the p95 is known. The labels
 * that tell the tracks apart ({@code instance}, {@code version}) are the scrape target's.
 */
public final class TrackMetrics extends Dispatcher {
    /** Bucket bounds in seconds, and the share of requests at or below each (the last is +Inf). */
    private static final double[] BOUNDS = {0.1, 0.25, 0.5, 1, 2.5};

    private final double[] cumulativeShares;
    private final long requestsPerSecond;
    private final long startedNanos = System.nanoTime();

    private TrackMetrics(long requestsPerSecond, double[] cumulativeShares) {
        this.requestsPerSecond = requestsPerSecond;
        this.cumulativeShares = cumulativeShares.clone();
    }

    /**
     * Half the requests within 100 ms, 40 % more within 250 ms, the rest within 500 ms: p95 = 375 ms by
     * Prometheus' linear interpolation in the (0.25, 0.5] bucket.
     */
    public static TrackMetrics stable() {
        return new TrackMetrics(100, new double[] {0.5, 0.9, 1, 1, 1});
    }

    /** A little slower than {@link #stable()}: 85 % within 250 ms, so p95 ≈ 417 ms, 42 ms over stable's. */
    public static TrackMetrics canary() {
        return new TrackMetrics(100, new double[] {0.5, 0.85, 1, 1, 1});
    }

    /** The p95 Prometheus computes from these buckets, in seconds. */
    public double p95() {
        double rank = 0.95;
        double lowerBound = 0;
        double lowerShare = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (cumulativeShares[i] >= rank) {
                return lowerBound + (BOUNDS[i] - lowerBound) * (rank - lowerShare) / (cumulativeShares[i] - lowerShare);
            }
            lowerBound = BOUNDS[i];
            lowerShare = cumulativeShares[i];
        }
        return BOUNDS[BOUNDS.length - 1];
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!"/metrics".equals(request.getUrl().encodedPath())) {
            return new MockResponse.Builder().code(404).body("not found").build();
        }
        long requests = (System.nanoTime() - startedNanos) / 1_000_000 * requestsPerSecond / 1000;
        StringBuilder out = new StringBuilder();
        out.append("# TYPE ai_requests_total counter\n").append("ai_requests_total ").append(requests).append('\n');
        out.append("# TYPE ai_request_errors_total counter\n").append("ai_request_errors_total 0\n");
        histogram(out, "ai_request_duration_seconds", "", requests);
        out.append("# TYPE http_requests_total counter\n")
                .append("http_requests_total{code=\"200\"} ").append(requests).append('\n')
                .append("http_requests_total{code=\"500\"} 0\n");
        histogram(out, "http_request_duration_seconds", "route=\"/chat\",", requests);
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain; version=0.0.4")
                .body(out.toString()).build();
    }

    private void histogram(StringBuilder out, String name, String labels, long requests) {
        out.append("# TYPE ").append(name).append(" histogram\n");
        for (int i = 0; i < BOUNDS.length; i++) {
            out.append(name).append("_bucket{").append(labels).append("le=\"")
                    .append(String.format(Locale.ROOT, "%s", BOUNDS[i])).append("\"} ")
                    .append(Math.round(requests * cumulativeShares[i])).append('\n');
        }
        out.append(name).append("_bucket{").append(labels).append("le=\"+Inf\"} ").append(requests).append('\n');
        String own = labels.isEmpty() ? "" : "{" + labels.substring(0, labels.length() - 1) + "}";
        out.append(name).append("_count").append(own).append(' ').append(requests).append('\n');
        out.append(name).append("_sum").append(own).append(' ').append(requests / 5).append('\n');
    }
}
