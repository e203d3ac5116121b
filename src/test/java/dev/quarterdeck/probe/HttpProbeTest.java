package dev.quarterdeck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.probe.adapter.OkHttpTransport;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpProbeTest {
    private static final OkHttpClient CLIENT = new OkHttpClient();
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final HttpTransport transport = new OkHttpTransport(CLIENT);
    private LoopbackServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @AfterAll
    static void releaseClient() {
        CLIENT.dispatcher().executorService().shutdown();
        CLIENT.connectionPool().evictAll();
    }

    static Environment environment(Map<String, URI> services) {
        return new Environment("staging", false, new TrafficSpec.Sandbox(Optional.empty(), 50),
                new MetricsSpec.Scrape(Duration.ofSeconds(10), Duration.ofMinutes(1),
                        MetricsSpec.Scrape.DEFAULT_REQUESTS_COUNTER, MetricsSpec.Scrape.DEFAULT_LATENCY_HISTOGRAM,
                        MetricsSpec.Scrape.DEFAULT_PATH),
                services);
    }

    static Probe probe(String service, String path, int expect, Duration timeout) {
        return new Probe("canary-health", Duration.ofSeconds(5), timeout, new ProbeSpec.Http(service, path, expect));
    }

    private HttpProbe probeOn(URI canaryBase, Duration timeout) {
        return new HttpProbe(probe("canary", "/health", 200, timeout), environment(Map.of("canary", canaryBase)),
                transport, clock);
    }

    @Test
    void theExpectedStatusPasses() {
        server.answer("/health", 200, "ok\n");

        ProbeSample sample = probeOn(server.base(), Duration.ofSeconds(5)).check();

        assertThat(sample.outcome()).isEqualTo(Outcome.PASS);
        assertThat(sample.probe()).isEqualTo("canary-health");
        assertThat(sample.at()).isEqualTo(T0);
        assertThat(sample.observed()).matches("HTTP 200 in \\d+ ms");
        assertThat(sample.took()).isPositive();
        assertThat(server.hits("/health")).isEqualTo(1);
    }

    @Test
    void anotherStatusFailsSayingWhatWasExpected() {
        server.answer("/health", 503, "draining\n");

        ProbeSample sample = probeOn(server.base(), Duration.ofSeconds(5)).check();

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).startsWith("HTTP 503, expected 200");
    }

    @Test
    void aRefusedConnectionIsAnErrorNamingTheUrl() throws Exception {
        URI refused = SilentServer.refusedUrl("");

        ProbeSample sample = probeOn(refused, Duration.ofSeconds(5)).check();

        assertThat(sample.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(sample.observed()).isEqualTo("GET " + refused + "/health: connection refused");
    }

    @Test
    void credentialsInAServiceUrlNeverReachTheTimeline() throws Exception {
        URI refused = SilentServer.refusedUrl("");
        URI withSecrets = URI.create("http://probe:s3cret@" + refused.getAuthority());

        ProbeSample sample = new HttpProbe(probe("canary", "/health?token=t0ken", 200, Duration.ofSeconds(5)),
                environment(Map.of("canary", withSecrets)), transport, clock).check();

        assertThat(sample.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(sample.observed()).isEqualTo("GET " + refused + "/health?...: connection refused")
                .doesNotContain("s3cret").doesNotContain("t0ken");
    }

    @Test
    void aTargetThatNeverAnswersIsAnErrorAtTheProbeTimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            ProbeSample sample = probeOn(silent.base(), Duration.ofMillis(200)).check();

            assertThat(sample.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(sample.observed()).startsWith("GET " + silent.url("/health") + ": timed out after ");
        }
    }

    @Test
    void aServiceTheEnvironmentDoesNotBindIsAnError() {
        HttpProbe probe = new HttpProbe(probe("canary", "/health", 200, Duration.ofSeconds(1)),
                environment(Map.of("stable", server.base())), transport, clock);

        ProbeSample sample = probe.check();

        assertThat(sample.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(sample.observed())
                .isEqualTo("environment 'staging' binds no service 'canary' (it binds stable)");
        assertThat(server.hits("/health")).isZero();
    }

    @Test
    void aServiceWhoseVariableIsNotSetSaysWhichToSet() {
        Environment declared = environment(Map.of());
        Environment fromVariables = new Environment(declared.name(), false, declared.traffic(), declared.metrics(),
                Map.of(), Optional.empty(), Optional.empty(), false,
                Map.of("canary", dev.quarterdeck.plan.ValueTemplate.of("${env:CANARY_BASE_URL}")));
        HttpProbe probe = new HttpProbe(probe("canary", "/health", 200, Duration.ofSeconds(1)),
                fromVariables.bindVariables(Map.<String, String>of()::get), transport, clock);

        ProbeSample sample = probe.check();

        assertThat(sample.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(sample.observed()).isEqualTo("environment 'staging' takes service 'canary' from "
                + "${env:CANARY_BASE_URL}: set CANARY_BASE_URL to an http(s) URL");
    }

    @Test
    void aBaseUrlWithAPathKeepsIt() {
        server.answer("/shop/health", 200, "ok\n");

        ProbeSample sample = probeOn(URI.create(server.base() + "/shop/"), Duration.ofSeconds(5)).check();

        assertThat(sample.outcome()).isEqualTo(Outcome.PASS);
        assertThat(server.hits("/shop/health")).isEqualTo(1);
    }

    @Test
    void aMissedBeatIsAnErrorNamingTheUrl() {
        HttpProbe probe = probeOn(server.base(), Duration.ofSeconds(1));

        assertThat(probe.missed(T0, "previous run still running after 2 s; skipped")).singleElement()
                .satisfies(s -> {
                    assertThat(s.outcome()).isEqualTo(Outcome.ERROR);
                    assertThat(s.observed()).isEqualTo(
                            "GET " + server.url("/health") + ": previous run still running after 2 s; skipped");
                });
    }
}
