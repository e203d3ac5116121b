package dev.quarterdeck.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sandbox's users: sends evenly spaced requests to the router at a rate that can change while it runs.
 * Requests are asynchronous, and at most {@code maxInFlight} wait for an answer at once: when the router
 * is slow (a latency fault), ticks beyond that are skipped and counted instead of piling up without bound.
 */
final class LoadGenerator implements PrometheusText.Source, AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);

    private final HttpRequest request;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final int maxInFlight;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder sent = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder failed = new LongAdder();

    // Guarded by this: the rate and the ticking schedule change together.
    private int requestsPerSecond;
    private ScheduledFuture<?> ticking;
    private boolean closed;

    LoadGenerator(URI target, HttpClient http, ScheduledExecutorService timer, int maxInFlight) {
        this.request = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT).GET().build();
        this.http = http;
        this.timer = timer;
        this.maxInFlight = maxInFlight;
    }

    synchronized int requestsPerSecond() {
        return requestsPerSecond;
    }

    /** Changes the rate from the next tick on; 0 stops sending (requests already sent still complete). */
    synchronized void setRequestsPerSecond(int rps) {
        if (rps < 0 || rps > SandboxConfig.MAX_REQUESTS_PER_SECOND) {
            throw new IllegalArgumentException(
                    "requests per second must be 0.." + SandboxConfig.MAX_REQUESTS_PER_SECOND + ", was " + rps);
        }
        if (closed) {
            throw new IllegalStateException("the load generator is closed");
        }
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
        requestsPerSecond = rps;
        if (rps > 0) {
            long period = TimeUnit.SECONDS.toNanos(1) / rps;
            ticking = timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * One tick of the schedule: sends one request, or counts a skip when too many are still waiting.
     * The returned future completes when the request is done (at once for a skip); the schedule ignores it.
     */
    CompletableFuture<Void> tick() {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            skipped.increment();
            return CompletableFuture.completedFuture(null);
        }
        sent.increment();
        try {
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        inFlight.decrementAndGet();
                        if (failure != null) {
                            failed.increment();
                        }
                        return null;
                    });
        } catch (RuntimeException e) {
            // A closing client refuses new work; a dead tick must not cancel the whole schedule.
            inFlight.decrementAndGet();
            failed.increment();
            return CompletableFuture.completedFuture(null);
        }
    }

    long sent() {
        return sent.sum();
    }

    long skipped() {
        return skipped.sum();
    }

    long failed() {
        return failed.sum();
    }

    int inFlight() {
        return inFlight.get();
    }

    @Override
    public void writeMetrics(PrometheusText out) {
        out.family("sandbox_load_requests_sent_total", "counter", "Requests the load generator sent to the router.");
        out.sample("sandbox_load_requests_sent_total", sent());
        out.family("sandbox_load_requests_skipped_total", "counter",
                "Load ticks skipped because too many requests were still waiting for an answer.");
        out.sample("sandbox_load_requests_skipped_total", skipped());
        out.family("sandbox_load_requests_failed_total", "counter",
                "Generated requests that got no HTTP answer at all (connection error or timeout).");
        out.sample("sandbox_load_requests_failed_total", failed());
        out.family("sandbox_load_requests_in_flight", "gauge", "Generated requests waiting for an answer now.");
        out.sample("sandbox_load_requests_in_flight", inFlight());
        out.family("sandbox_load_target_requests_per_second", "gauge", "The load generator's target rate.");
        out.sample("sandbox_load_target_requests_per_second", requestsPerSecond());
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }
}
