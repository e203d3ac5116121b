package dev.quarterdeck.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarterdeck.plan.Condition;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.probe.adapter.prometheus.PrometheusHttpApi;
import dev.quarterdeck.sandbox.CanaryFaults;
import dev.quarterdeck.sandbox.Sandbox;
import dev.quarterdeck.sandbox.SandboxConfig;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import dev.quarterdeck.testing.PrometheusServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Needs the real {@code prometheus} binary ({@code apt-get install prometheus}; {@code .ci/run} installs it).
 * It scrapes a real sandbox every second, stable and canary labelled by track, with canary traffic at 50 %
 * and the canary failing 20 % of its requests 300 ms late; real PromQL goes through the real HTTP adapter.
 * One Prometheus for the class: its first scrape takes about 5 s.
 */
class PrometheusAgainstSandboxTest {
    private static final OkHttpClient CLIENT = new OkHttpClient();
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Map<Metric, String> QUERIES = Map.of(
            Metric.ERROR_RATE,
            "sum(rate(http_requests_total{track=\"{{track}}\",code=~\"5..\"}[{{window}}]))"
                    + " / sum(rate(http_requests_total{track=\"{{track}}\"}[{{window}}]))",
            Metric.P95_LATENCY,
            "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{track=\"{{track}}\"}[{{window}}])))",
            Metric.REQUEST_RATE,
            "sum(rate(http_requests_total{track=\"{{track}}\"}[{{window}}]))");

    private static Sandbox sandbox;
    private static PrometheusServer prometheus;
    private static PrometheusApi api;

    private final Clock clock = Clock.systemUTC();

    @BeforeAll
    static void startSandboxAndPrometheus() throws Exception {
        // No load until the faults are in, so every canary request in the window is a faulty one.
        sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(0).withInitialCanaryWeight(50));
        sandbox.setCanaryFaults(new CanaryFaults(0.2, Duration.ofMillis(300)));
        sandbox.setRequestsPerSecond(200);
        prometheus = PrometheusServer.builder()
                .target(sandbox.stableUrl(), Map.of("track", "stable"))
                .target(sandbox.canaryUrl(), Map.of("track", "canary"))
                .alert("CanaryBurning", "vector(1)", Duration.ZERO, Map.of("severity", "critical", "track", "canary"))
                .alert("SlowBurn", "vector(1)", Duration.ofHours(1), Map.of("severity", "warning"))
                .start();
        api = new PrometheusHttpApi(CLIENT, prometheus.url());
        // Eight scrapes a second apart: about 7 s of a 10 s window, some 700 canary requests.
        prometheus.awaitScrapes(8);
    }

    @AfterAll
    static void stopEverything() {
        if (prometheus != null) {
            prometheus.close();
            assertThat(prometheus.isRunning()).as("Prometheus stopped by close()").isFalse();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        CLIENT.dispatcher().executorService().shutdown();
        CLIENT.connectionPool().evictAll();
    }

    private PrometheusMetricsSource source() {
        Environment environment = new Environment("sandbox", false, new TrafficSpec.Sandbox(Optional.empty(), 50),
                new MetricsSpec.Prometheus(prometheus.url(), Duration.ofSeconds(1), WINDOW, QUERIES),
                sandbox.services());
        return new PrometheusMetricsSource(environment, api, clock, TIMEOUT);
    }

    private static MetricSample find(List<MetricSample> samples, Track track, Metric metric) {
        return samples.stream().filter(s -> s.track() == track && s.metric() == metric).findFirst().orElseThrow();
    }

    private static Probe probe(String id, ProbeSpec spec) {
        return new Probe(id, Duration.ofSeconds(5), TIMEOUT, spec);
    }

    @Test
    void theCanaryShowsItsErrorRateAndLatencyAndStableStaysClean() {
        PrometheusMetricsSource source = source();

        List<MetricSample> samples = source.sample();

        assertThat(source.metrics()).containsExactly(Metric.ERROR_RATE, Metric.P95_LATENCY, Metric.REQUEST_RATE);
        assertThat(samples).hasSize(6).allSatisfy(s -> assertThat(s.outcome())
                .as("%s %s: %s", s.track(), s.metric(), s.detail()).isEqualTo(Outcome.PASS));
        assertThat(find(samples, Track.CANARY, Metric.ERROR_RATE).value()).isCloseTo(0.2, within(0.07));
        assertThat(find(samples, Track.STABLE, Metric.ERROR_RATE).value()).isZero();
        double canaryP95 = find(samples, Track.CANARY, Metric.P95_LATENCY).value();
        double stableP95 = find(samples, Track.STABLE, Metric.P95_LATENCY).value();
        assertThat(canaryP95).as("canary p95 with 300 ms added").isGreaterThan(stableP95 + 0.2);
        assertThat(stableP95).isBetween(0.01, 0.2);
        assertThat(find(samples, Track.CANARY, Metric.REQUEST_RATE).value()).isGreaterThan(10.0);
        assertThat(find(samples, Track.CANARY, Metric.ERROR_RATE).detail()).isEqualTo("from Prometheus over 10s");
    }

    @Test
    void aQueryProbeFailsTheBadCanaryAndPassesStable() {
        String errorRate = "sum(rate(http_requests_total{track=\"%s\",code=~\"5..\"}[10s]))"
                + " / sum(rate(http_requests_total{track=\"%s\"}[10s]))";
        PrometheusQueryProbe canary = new PrometheusQueryProbe(probe("canary-errors",
                new ProbeSpec.PrometheusQuery(errorRate.formatted("canary", "canary"), Condition.Bound.MAX, 0.01)),
                Optional.of(Metric.Unit.RATIO), api, clock);
        PrometheusQueryProbe stable = new PrometheusQueryProbe(probe("stable-errors",
                new ProbeSpec.PrometheusQuery(errorRate.formatted("stable", "stable"), Condition.Bound.MAX, 0.01)),
                Optional.of(Metric.Unit.RATIO), api, clock);

        ProbeSample bad = canary.check();
        ProbeSample good = stable.check();

        assertThat(bad.outcome()).as(bad.observed()).isEqualTo(Outcome.FAIL);
        assertThat(bad.observed()).matches("\\d+(\\.\\d+)? % \\(max 1 %\\)");
        assertThat(good.outcome()).as(good.observed()).isEqualTo(Outcome.PASS);
        assertThat(good.observed()).isEqualTo("0 % (max 1 %)");
    }

    @Test
    void whatRealPrometheusCannotJudgeIsNoDataOrAnError() {
        ProbeSample nothing = new PrometheusQueryProbe(probe("ghost", new ProbeSpec.PrometheusQuery(
                "sum(rate(http_requests_total{track=\"ghost\"}[10s]))", Condition.Bound.MIN, 1)), api, clock).check();
        ProbeSample several = new PrometheusQueryProbe(probe("by-track", new ProbeSpec.PrometheusQuery(
                "sum by (track) (rate(http_requests_total[10s]))", Condition.Bound.MIN, 1)), api, clock).check();
        ProbeSample broken = new PrometheusQueryProbe(probe("typo", new ProbeSpec.PrometheusQuery(
                "sum(rate(http_requests_total[10s])", Condition.Bound.MIN, 1)), api, clock).check();

        assertThat(nothing.outcome()).isEqualTo(Outcome.NO_DATA);
        assertThat(nothing.observed()).isEqualTo("query returned no series");
        assertThat(several.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(several.observed()).startsWith("2 series; the condition needs one: {track=\"canary\"}, "
                + "{track=\"stable\"}");
        assertThat(broken.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(broken.observed()).startsWith("Prometheus at " + prometheus.url() + "/api/v1/query: HTTP 400, "
                + "bad_data: ");
    }

    @Test
    void historyReadsTheSameMetricsBackOverTime() {
        Instant before = clock.instant();

        List<MetricSample> history = source().history(Duration.ofSeconds(10), Duration.ofSeconds(1));

        assertThat(history).extracting(MetricSample::at).isSorted()
                .allSatisfy(at -> assertThat(at).isBetween(before.minusSeconds(11), clock.instant()));
        List<MetricSample> canaryErrors = history.stream()
                .filter(s -> s.track() == Track.CANARY && s.metric() == Metric.ERROR_RATE)
                .filter(MetricSample::hasValue)
                .toList();
        assertThat(canaryErrors).hasSizeGreaterThanOrEqualTo(5);
        // Early points cover fewer requests, so the bound is looser than for the live reading.
        assertThat(canaryErrors).allSatisfy(s -> assertThat(s.value()).isBetween(0.05, 0.4));
        assertThat(history.stream().filter(s -> s.track() == Track.STABLE && s.metric() == Metric.P95_LATENCY)
                .filter(MetricSample::hasValue)).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void aFiringAlertWithTheLabelsFailsAndPendingOrOtherAlertsDoNot() {
        AlertsProbe critical = new AlertsProbe(probe("quiet", new ProbeSpec.Alerts(Map.of("severity", "critical"))),
                api, clock);
        AlertsProbe warning = new AlertsProbe(probe("warnings", new ProbeSpec.Alerts(Map.of("severity", "warning"))),
                api, clock);
        AlertsProbe nobody = new AlertsProbe(probe("nobody", new ProbeSpec.Alerts(Map.of("team", "nobody"))),
                api, clock);
        AtomicReference<ProbeSample> last = new AtomicReference<>();

        // The rules are evaluated every second from start; waited for, not assumed.
        Eventually.await("CanaryBurning to fire", () -> {
            last.set(critical.check());
            return last.get().outcome() == Outcome.FAIL;
        });
        Eventually.await("SlowBurn to be pending", () -> warning.check().observed().contains("pending"));
        ProbeSample pendingOnly = warning.check();
        ProbeSample unmatched = nobody.check();

        assertThat(last.get().observed())
                .isEqualTo("1 firing with {severity=\"critical\"}: CanaryBurning{severity=\"critical\", track=\"canary\"}");
        assertThat(pendingOnly.outcome()).isEqualTo(Outcome.PASS);
        assertThat(pendingOnly.observed()).isEqualTo("no firing alert with {severity=\"warning\"}; 1 pending "
                + "(not counted until firing): SlowBurn{severity=\"warning\"}");
        assertThat(unmatched.outcome()).isEqualTo(Outcome.PASS);
        assertThat(unmatched.observed()).isEqualTo("no firing alert with {team=\"nobody\"}");
    }
}
