package dev.quarterdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarterdeck.plan.Track;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A sick canary, as the service's own answers and /metrics show it. Each test starts a fresh sandbox with
 * a fixed seed: the service's dice are a pure function of (seed, request number), so the counts below are
 * the same on every run, and the tolerances are there for the reader, not for luck.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CanaryFaultsTest {
    private static final String LATENCY = "http_request_duration_seconds";

    private final Burst burst = new Burst(200);
    private Sandbox sandbox;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(0).withSeed(7));
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @AfterAll
    void stopSending() {
        burst.close();
    }

    @Test
    void anErrorRatioOfTenPercentAnswersAboutOneInTenWith500() throws Exception {
        sandbox.setCanaryFaults(new CanaryFaults(0.1, Duration.ZERO));

        List<Integer> statuses = burst.send(sandbox.canaryUrl(), 1_000);

        int errors = Collections.frequency(statuses, 500);
        assertThat(statuses).containsOnly(200, 500);
        // Binomial(1000, 0.1) has a standard deviation of 0.95 %: ±3 % is three of them.
        assertThat(errors / 1_000.0).isCloseTo(0.10, within(0.03));
        Scrape metrics = Scrape.of(http, sandbox.canaryUrl());
        assertThat(metrics.value("http_requests_total", "code", "500")).isEqualTo(errors);
        assertThat(metrics.value("http_requests_total", "code", "200")).isEqualTo(1_000 - errors);
    }

    @Test
    void theStableServiceIsUntouchedByCanaryFaults() throws Exception {
        sandbox.setCanaryFaults(new CanaryFaults(1.0, Duration.ZERO));

        assertThat(burst.send(sandbox.stableUrl(), 100)).containsOnly(200);
        assertThat(burst.send(sandbox.canaryUrl(), 100)).containsOnly(500);
    }

    @Test
    void faultsCanBeInjectedIntoStableToo() throws Exception {
        sandbox.service(Track.STABLE).injectFaults(new CanaryFaults(1.0, Duration.ZERO));

        assertThat(burst.send(sandbox.stableUrl(), 50)).containsOnly(500);
    }

    @Test
    void addedLatencyMovesTheCanarysP95AsItsHistogramShowsIt() throws Exception {
        burst.send(sandbox.canaryUrl(), 200);
        List<Scrape.Bucket> healthy = Scrape.of(http, sandbox.canaryUrl()).buckets(LATENCY);

        sandbox.setCanaryFaults(new CanaryFaults(0, Duration.ofMillis(500)));
        burst.send(sandbox.canaryUrl(), 200);
        List<Scrape.Bucket> sick = Scrape.delta(Scrape.of(http, sandbox.canaryUrl()).buckets(LATENCY), healthy);

        double p95Healthy = Scrape.quantile(0.95, healthy);
        double p95Sick = Scrape.quantile(0.95, sick);
        // A timer never answers early, so every sick answer took at least the added 500 ms.
        assertThat(bucketAt(sick, 0.5)).isZero();
        assertThat(p95Sick).isGreaterThanOrEqualTo(0.5);
        // The healthy p95 is ~75 ms simulated (RequestDiceTest pins the distribution); half a second of
        // margin keeps this a statement about the fault, not about how busy the machine is.
        assertThat(p95Sick).isGreaterThan(p95Healthy);
    }

    private static double bucketAt(List<Scrape.Bucket> buckets, double le) {
        return buckets.stream().filter(b -> b.le() == le).findFirst().orElseThrow().count();
    }
}
