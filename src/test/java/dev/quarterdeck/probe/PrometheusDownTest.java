package dev.quarterdeck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Condition;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.probe.adapter.OkHttpTransport;
import dev.quarterdeck.probe.adapter.prometheus.PrometheusHttpApi;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import dev.quarterdeck.session.SessionLog;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prometheus down: nothing listening, or a server that accepts and never answers. Every Prometheus probe and
 * metric is an ERROR naming the server, nothing throws, and the scheduler keeps every other probe running.
 */
class PrometheusDownTest {
    private static final OkHttpClient CLIENT = new OkHttpClient();
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final Map<Metric, String> QUERIES = Map.of(
            Metric.ERROR_RATE, "sum(rate(errors{track=\"{{track}}\"}[{{window}}]))",
            Metric.P95_LATENCY, "histogram_quantile(0.95, rate(latency{track=\"{{track}}\"}[{{window}}]))");

    private final ManualClock clock = new ManualClock(T0);
    private URI refused;
    private SilentServer silent;
    private LoopbackServer service;

    @BeforeEach
    void startServers() throws Exception {
        refused = SilentServer.refusedUrl("");
        silent = new SilentServer();
        service = new LoopbackServer();
        service.answer("/health", 200, "ok\n");
    }

    @AfterEach
    void stopServers() throws Exception {
        silent.close();
        service.close();
    }

    @AfterAll
    static void releaseClient() {
        CLIENT.dispatcher().executorService().shutdown();
        CLIENT.connectionPool().evictAll();
    }

    private static Probe query(String id, Duration timeout) {
        return new Probe(id, TEN_SECONDS, timeout,
                new ProbeSpec.PrometheusQuery("sum(rate(errors[5m]))", Condition.Bound.MAX, 0.01));
    }

    private static Probe alerts(String id, Duration timeout) {
        return new Probe(id, TEN_SECONDS, timeout, new ProbeSpec.Alerts(Map.of("severity", "critical")));
    }

    private PrometheusMetricsSource metrics(URI prometheus, Duration timeout) {
        Environment environment = new Environment("production", true, new TrafficSpec.Sandbox(Optional.empty(), 50),
                new MetricsSpec.Prometheus(prometheus, TEN_SECONDS, Duration.ofMinutes(5), QUERIES), Map.of());
        return new PrometheusMetricsSource(environment, new PrometheusHttpApi(CLIENT, prometheus), clock, timeout);
    }

    @Test
    void withNothingListeningEveryReadingIsAnErrorNamingTheServer() {
        PrometheusApi api = new PrometheusHttpApi(CLIENT, refused);

        ProbeSample query = new PrometheusQueryProbe(query("errors", TEN_SECONDS), api, clock).check();
        ProbeSample firing = new AlertsProbe(alerts("quiet", TEN_SECONDS), api, clock).check();
        PrometheusMetricsSource source = metrics(refused, TEN_SECONDS);
        List<MetricSample> live = source.sample();
        List<MetricSample> history = source.history(Duration.ofMinutes(10), Duration.ofMinutes(1));

        assertThat(query.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(query.observed()).isEqualTo("Prometheus at " + refused + "/api/v1/query: connection refused");
        assertThat(firing.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(firing.observed()).isEqualTo("Prometheus at " + refused + "/api/v1/alerts: connection refused");
        assertThat(live).hasSize(4).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(s.value()).isNaN();
            assertThat(s.detail()).isEqualTo("Prometheus at " + refused + "/api/v1/query: connection refused");
        });
        assertThat(history).hasSize(4).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(s.at()).isEqualTo(T0);
            assertThat(s.detail()).isEqualTo("Prometheus at " + refused + "/api/v1/query_range: connection refused");
        });
    }

    @Test
    void theSchedulerKeepsProbingEverythingElseWhilePrometheusIsDownOrHung() {
        SessionLog log = SessionLog.inMemory();
        PrometheusApi down = new PrometheusHttpApi(CLIENT, refused);
        PrometheusApi hung = new PrometheusHttpApi(CLIENT, silent.base());
        try (ProbeScheduler scheduler = new ProbeScheduler(log, clock, 8)) {
            scheduler.add(new PrometheusQueryProbe(query("errors-refused", TEN_SECONDS), down, clock));
            // Hung for longer than the test: every later beat of these finds the previous run in flight.
            scheduler.add(new AlertsProbe(alerts("alerts-hung", Duration.ofMinutes(1)), hung, clock));
            metrics(silent.base(), Duration.ofMinutes(1)).tasks().forEach(scheduler::add);
            Probe health = new Probe("health", TEN_SECONDS, TEN_SECONDS, new ProbeSpec.Http("svc", "/health", 200));
            scheduler.add(new HttpProbe(health, HttpProbeTest.environment(Map.of("svc", service.base())),
                    new OkHttpTransport(CLIENT), clock));

            scheduler.tick();
            Eventually.await("the health probe and the refused query to report",
                    () -> samples(log, "health").size() == 1 && samples(log, "errors-refused").size() == 1);
            clock.advance(TEN_SECONDS);
            scheduler.tick();
            Eventually.await("the second beat of the health probe",
                    () -> samples(log, "health").size() == 2 && samples(log, "errors-refused").size() == 2);

            assertThat(samples(log, "health")).extracting(ProbeSample::outcome).containsExactly(Outcome.PASS, Outcome.PASS);
            assertThat(samples(log, "errors-refused")).allSatisfy(s -> {
                assertThat(s.outcome()).isEqualTo(Outcome.ERROR);
                assertThat(s.observed()).isEqualTo("Prometheus at " + refused + "/api/v1/query: connection refused");
            });
            assertThat(samples(log, "alerts-hung")).singleElement().satisfies(s -> {
                assertThat(s.outcome()).isEqualTo(Outcome.ERROR);
                assertThat(s.observed()).isEqualTo("Prometheus at " + silent.base()
                        + ": previous run still running after 10 s; skipped");
            });
            assertThat(log.events()).filteredOn(MetricSample.class::isInstance).map(MetricSample.class::cast)
                    .hasSize(4)
                    .allSatisfy(s -> assertThat(s.detail()).isEqualTo("Prometheus at " + silent.base()
                            + ": previous run still running after 10 s; skipped"));
            assertThat(scheduler.counts().get("health")).isEqualTo(new RunCounts(2, 2, 0));
            assertThat(scheduler.counts().get("metrics canary")).isEqualTo(new RunCounts(1, 0, 1));
        }
    }

    private static List<ProbeSample> samples(SessionLog log, String probe) {
        return log.events().stream()
                .filter(ProbeSample.class::isInstance)
                .map(ProbeSample.class::cast)
                .filter(s -> s.probe().equals(probe))
                .toList();
    }
}
