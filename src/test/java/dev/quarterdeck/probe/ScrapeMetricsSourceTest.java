package dev.quarterdeck.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.probe.adapter.OkHttpTransport;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.assertj.core.api.ObjectAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ticks are driven by calling the source with a manual clock; the pages are served by real loopback servers. */
class ScrapeMetricsSourceTest {
    private static final OkHttpClient CLIENT = new OkHttpClient();
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock(T0);
    private LoopbackServer stable;
    private LoopbackServer canary;

    @BeforeEach
    void startServers() throws Exception {
        stable = new LoopbackServer();
        canary = new LoopbackServer();
    }

    @AfterEach
    void stopServers() {
        stable.close();
        canary.close();
    }

    @AfterAll
    static void releaseClient() {
        CLIENT.dispatcher().executorService().shutdown();
        CLIENT.connectionPool().evictAll();
    }

    /** A service's page: 2xx and 5xx request counts, and cumulative latency buckets 0.1, 0.25, 0.5, 1, +Inf. */
    static String page(double ok, double errors, double... buckets) {
        StringBuilder page = new StringBuilder()
                .append("# HELP http_requests_total Requests served.\n")
                .append("# TYPE http_requests_total counter\n")
                .append("http_requests_total{code=\"200\",method=\"get\"} ").append(ok).append('\n')
                .append("http_requests_total{code=\"500\",method=\"get\"} ").append(errors).append('\n')
                .append("# TYPE http_request_duration_seconds histogram\n");
        String[] bounds = {"0.1", "0.25", "0.5", "1", "+Inf"};
        for (int i = 0; i < buckets.length; i++) {
            page.append("http_request_duration_seconds_bucket{le=\"").append(bounds[i]).append("\"} ")
                    .append(buckets[i]).append('\n');
        }
        return page.append("process_start_time_seconds 1.7e9\n").toString();
    }

    private ScrapeMetricsSource source(Duration window, Map<String, URI> services) {
        Environment environment = new Environment("staging", false, new TrafficSpec.Sandbox(Optional.empty(), 50),
                new MetricsSpec.Scrape(TEN_SECONDS, window, MetricsSpec.Scrape.DEFAULT_REQUESTS_COUNTER,
                        MetricsSpec.Scrape.DEFAULT_LATENCY_HISTOGRAM, MetricsSpec.Scrape.DEFAULT_PATH),
                services);
        return new ScrapeMetricsSource(environment, new OkHttpTransport(CLIENT), clock, Duration.ofSeconds(5));
    }

    private ScrapeMetricsSource source(Duration window) {
        return source(window, Map.of("stable", stable.base(), "canary", canary.base()));
    }

    private static MetricSample find(List<MetricSample> samples, Track track, Metric metric) {
        return samples.stream().filter(s -> s.track() == track && s.metric() == metric).findFirst().orElseThrow();
    }

    private static ObjectAssert<MetricSample> assertPass(List<MetricSample> samples, Track track, Metric metric,
            double value) {
        MetricSample sample = find(samples, track, metric);
        assertThat(sample.outcome()).as("%s %s: %s", track, metric, sample.detail()).isEqualTo(Outcome.PASS);
        assertThat(sample.value()).as("%s %s", track, metric).isCloseTo(value, within(1e-9));
        return assertThat(sample);
    }

    private static void assertOutcome(List<MetricSample> samples, Track track, Metric metric, Outcome outcome,
            String detail) {
        MetricSample sample = find(samples, track, metric);
        assertThat(sample.outcome()).as("%s %s: %s", track, metric, sample.detail()).isEqualTo(outcome);
        assertThat(sample.value()).isNaN();
        assertThat(sample.detail()).contains(detail);
    }

    @Test
    void readsErrorRateLatencyAndRequestRatePerTrackOverTheWindow() {
        ScrapeMetricsSource source = source(Duration.ofMinutes(1));
        stable.answer("/metrics", 200, page(1000, 0, 500, 800, 950, 990, 1000));
        canary.answer("/metrics", 200, page(0, 0, 0, 0, 0, 0, 0));

        List<MetricSample> first = source.sample();

        assertThat(first).hasSize(8).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.NO_DATA);
            assertThat(s.at()).isEqualTo(T0);
        });
        assertThat(find(first, Track.CANARY, Metric.ERROR_RATE).detail())
                .isEqualTo("1 good scrape of " + canary.url("/metrics") + " in the last 1 min; need two");

        // Stable: 95 more 2xx and 5 more 5xx; bucket increases 50, 80, 95, 99, 100 (cumulative).
        stable.answer("/metrics", 200, page(1095, 5, 550, 880, 1045, 1089, 1100));
        // Canary: 10 fast requests, no errors.
        canary.answer("/metrics", 200, page(10, 0, 10, 10, 10, 10, 10));
        clock.advance(TEN_SECONDS);

        List<MetricSample> second = source.sample();

        assertThat(second).extracting(MetricSample::at).containsOnly(T0.plus(TEN_SECONDS));
        assertPass(second, Track.STABLE, Metric.ERROR_RATE, 0.05)
                .extracting(MetricSample::detail).isEqualTo("5 of 100 requests were 5xx over 10 s");
        assertPass(second, Track.STABLE, Metric.REQUEST_RATE, 10.0);
        assertPass(second, Track.STABLE, Metric.P95_LATENCY, 0.5); // rank 95 tops (0.25, 0.5]
        assertPass(second, Track.STABLE, Metric.P99_LATENCY, 1.0); // rank 99 tops (0.5, 1]
        assertPass(second, Track.CANARY, Metric.ERROR_RATE, 0.0);
        assertPass(second, Track.CANARY, Metric.REQUEST_RATE, 1.0);
        assertPass(second, Track.CANARY, Metric.P95_LATENCY, 0.095); // 0.1 * 9.5/10
        assertPass(second, Track.CANARY, Metric.P99_LATENCY, 0.099);
    }

    @Test
    void aRestartedTargetCountsItsNewValuesAsTheIncrease() {
        ScrapeMetricsSource source = source(Duration.ofMinutes(1));
        canary.answer("/metrics", 200, page(500, 10, 400, 450, 500, 505, 510));
        source.sample();
        clock.advance(TEN_SECONDS);
        canary.answer("/metrics", 200, page(600, 20, 480, 540, 600, 615, 620));
        source.sample();
        // The canary restarted: every counter dropped, so each one's whole new value is its increase.
        canary.answer("/metrics", 200, page(40, 2, 30, 36, 40, 41, 42));
        clock.advance(TEN_SECONDS);

        List<MetricSample> samples = source.track(Track.CANARY).sample();

        // 2xx: 100 before the restart + 40 after; 5xx: 10 + 2.
        assertPass(samples, Track.CANARY, Metric.ERROR_RATE, 12.0 / 152);
        assertPass(samples, Track.CANARY, Metric.REQUEST_RATE, 152.0 / 20);
        // Bucket increases: 80+30, 90+36, 100+40, 110+41, 110+42 -> rank 0.95 * 152 = 144.4 in (0.5, 1]:
        // 0.5 + 0.5 * (144.4 - 140) / (151 - 140).
        assertPass(samples, Track.CANARY, Metric.P95_LATENCY, 0.5 + 0.5 * 4.4 / 11);
    }

    @Test
    void aCounterResetToZeroAddsOnlyWhatCameAfter() {
        ScrapeMetricsSource source = source(Duration.ofMinutes(1));
        canary.answer("/metrics", 200, page(500, 10, 0, 0, 0, 0, 510));
        source.sample();
        clock.advance(TEN_SECONDS);
        canary.answer("/metrics", 200, page(0, 0, 0, 0, 0, 0, 0));
        source.sample();
        clock.advance(TEN_SECONDS);
        canary.answer("/metrics", 200, page(8, 2, 10, 10, 10, 10, 10));

        List<MetricSample> samples = source.track(Track.CANARY).sample();

        assertPass(samples, Track.CANARY, Metric.ERROR_RATE, 0.2);
        assertPass(samples, Track.CANARY, Metric.REQUEST_RATE, 0.5);
    }

    @Test
    void noRequestsInTheWindowIsNoDataNeverAZeroErrorRate() {
        ScrapeMetricsSource source = source(Duration.ofMinutes(1));
        canary.answer("/metrics", 200, page(100, 3, 50, 80, 95, 99, 103));
        source.sample();
        clock.advance(TEN_SECONDS);

        List<MetricSample> samples = source.track(Track.CANARY).sample();

        assertOutcome(samples, Track.CANARY, Metric.ERROR_RATE, Outcome.NO_DATA, "no requests in the last 1 min");
        assertOutcome(samples, Track.CANARY, Metric.P95_LATENCY, Outcome.NO_DATA,
                "no requests observed by http_request_duration_seconds in the last 1 min");
        assertOutcome(samples, Track.CANARY, Metric.P99_LATENCY, Outcome.NO_DATA, "no requests observed");
        // A canary getting no traffic has a request rate, and it is zero.
        assertPass(samples, Track.CANARY, Metric.REQUEST_RATE, 0.0);
    }

    @Test
    void scrapesOlderThanTheWindowDropOut() {
        ScrapeMetricsSource source = source(Duration.ofSeconds(30));
        double[] requests = {0, 1000, 1100, 1200, 1300};
        List<MetricSample> samples = List.of();
        for (double total : requests) {
            canary.answer("/metrics", 200, page(total, 0, total, total, total, total, total));
            samples = source.track(Track.CANARY).sample();
            clock.advance(TEN_SECONDS);
        }
        // At t=40 s the window is (10 s, 40 s]: the scrapes at 20, 30 and 40 s; the burst before 10 s is gone.
        assertPass(samples, Track.CANARY, Metric.REQUEST_RATE, 200.0 / 20);
    }

    @Test
    void aSeriesSeenInOnlyOneScrapeCountsFromItsSecondAsInPrometheus() {
        ScrapeMetricsSource source = source(Duration.ofMinutes(1));
        canary.answer("/metrics", 200, "http_requests_total{code=\"200\"} 100\n"
                + "http_request_duration_seconds_bucket{le=\"+Inf\"} 100\n");
        source.sample();
        clock.advance(TEN_SECONDS);
        // The first 5xx creates the code="500" series: one sample of it in the window, so no increase yet.
        canary.answer("/metrics", 200, "http_requests_total{code=\"200\"} 110\n"
                + "http_requests_total{code=\"500\"} 4\n"
                + "http_request_duration_seconds_bucket{le=\"+Inf\"} 114\n");
        List<MetricSample> second = source.track(Track.CANARY).sample();
        assertPass(second, Track.CANARY, Metric.ERROR_RATE, 0.0);
        clock.advance(TEN_SECONDS);
        canary.answer("/metrics", 200, "http_requests_total{code=\"200\"} 120\n"
                + "http_requests_total{code=\"500\"} 10\n"
                + "http_request_duration_seconds_bucket{le=\"+Inf\"} 130\n");

        List<MetricSample> third = source.track(Track.CANARY).sample();

        // 2xx grew 20 over three scrapes; 5xx grew 6 over its two.
        assertPass(third, Track.CANARY, Metric.ERROR_RATE, 6.0 / 26);
    }

    @Test
    void aFailedScrapeIsAnErrorNamingTheUrlAndStatusAndDoesNotPoisonTheWindow() {
        ScrapeMetricsSource source = source(Duration.ofMinutes(1));
        canary.answer("/metrics", 200, page(100, 0, 100, 100, 100, 100, 100));
        source.sample();
        clock.advance(TEN_SECONDS);
        canary.answer("/metrics", 500, "internal error\n");

        List<MetricSample> failed = source.track(Track.CANARY).sample();

        assertThat(failed).hasSize(4).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(s.value()).isNaN();
            assertThat(s.detail()).isEqualTo("GET " + canary.url("/metrics") + ": HTTP 500, expected 200");
        });

        clock.advance(TEN_SECONDS);
        canary.answer("/metrics", 200, page(300, 0, 300, 300, 300, 300, 300));
        List<MetricSample> recovered = source.track(Track.CANARY).sample();

        // From the good scrapes at 0 s and 20 s: 200 requests in 20 s.
        assertPass(recovered, Track.CANARY, Metric.REQUEST_RATE, 10.0);
        assertPass(recovered, Track.CANARY, Metric.ERROR_RATE, 0.0);
    }

    @Test
    void aGarbagePageIsAnErrorNamingTheUrlLineAndColumn() {
        ScrapeMetricsSource source = source(Duration.ofMinutes(1));
        canary.answer("/metrics", 200, "http_requests_total{code=\"200\"} 1\n<html>oops</html>\n");

        List<MetricSample> samples = source.track(Track.CANARY).sample();

        assertThat(samples).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(s.detail()).isEqualTo("GET " + canary.url("/metrics")
                    + ": not Prometheus text: line 2, column 1: expected a metric name, found '<'");
        });
    }

    @Test
    void aRefusedScrapeIsAnErrorNamingTheUrl() throws Exception {
        URI refused = SilentServer.refusedUrl("");
        ScrapeMetricsSource source = source(Duration.ofMinutes(1), Map.of("stable", stable.base(), "canary", refused));
        stable.answer("/metrics", 200, page(1, 0, 1, 1, 1, 1, 1));

        List<MetricSample> samples = source.sample();

        assertThat(samples.stream().filter(s -> s.track() == Track.CANARY)).hasSize(4).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(s.detail()).isEqualTo("GET " + refused + "/metrics: connection refused");
        });
        // The stable track is read all the same.
        assertThat(samples.stream().filter(s -> s.track() == Track.STABLE))
                .hasSize(4).allSatisfy(s -> assertThat(s.outcome()).isEqualTo(Outcome.NO_DATA));
    }

    @Test
    void anUnboundTrackIsAnErrorSayingSo() {
        ScrapeMetricsSource source = source(Duration.ofMinutes(1), Map.of("stable", stable.base()));

        assertThat(source.track(Track.CANARY).sample()).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(s.detail()).isEqualTo("environment 'staging' binds no service 'canary' (it binds stable)");
        });
    }

    @Test
    void missingEmptyAndNaNSeriesAreNamedNotGuessed() {
        ScrapeMetricsSource source = source(Duration.ofMinutes(1));
        // Stable: no requests counter, and a histogram without its +Inf bucket.
        stable.answer("/metrics", 200, "http_request_duration_seconds_bucket{le=\"0.1\"} 1\nup 1\n");
        // Canary: counter without a code label, and a histogram whose +Inf count is NaN.
        canary.answer("/metrics", 200, "http_requests_total 5\n"
                + "http_request_duration_seconds_bucket{le=\"0.1\"} 1\n"
                + "http_request_duration_seconds_bucket{le=\"+Inf\"} NaN\n");
        source.sample();
        clock.advance(TEN_SECONDS);
        stable.answer("/metrics", 200, "http_request_duration_seconds_bucket{le=\"0.1\"} 9\nup 1\n");
        canary.answer("/metrics", 200, "http_requests_total 15\n"
                + "http_request_duration_seconds_bucket{le=\"0.1\"} 9\n"
                + "http_request_duration_seconds_bucket{le=\"+Inf\"} NaN\n");

        List<MetricSample> samples = source.sample();

        String stableUrl = stable.url("/metrics").toString();
        assertOutcome(samples, Track.STABLE, Metric.ERROR_RATE, Outcome.NO_DATA,
                stableUrl + " exposes no http_requests_total");
        assertOutcome(samples, Track.STABLE, Metric.REQUEST_RATE, Outcome.NO_DATA, "exposes no http_requests_total");
        assertOutcome(samples, Track.STABLE, Metric.P95_LATENCY, Outcome.ERROR,
                "http_request_duration_seconds at " + stableUrl + " has no le=\"+Inf\" bucket");
        assertOutcome(samples, Track.CANARY, Metric.ERROR_RATE, Outcome.NO_DATA, "has no 'code' label");
        assertPass(samples, Track.CANARY, Metric.REQUEST_RATE, 1.0);
        assertOutcome(samples, Track.CANARY, Metric.P99_LATENCY, Outcome.NO_DATA, "went NaN");
    }

    @Test
    void aNaNCounterIsNoData() {
        ScrapeMetricsSource source = source(Duration.ofMinutes(1));
        canary.answer("/metrics", 200, page(10, 0, 10, 10, 10, 10, 10));
        source.sample();
        clock.advance(TEN_SECONDS);
        canary.answer("/metrics", 200, page(Double.NaN, 0, 20, 20, 20, 20, 20));

        List<MetricSample> samples = source.track(Track.CANARY).sample();

        assertOutcome(samples, Track.CANARY, Metric.ERROR_RATE, Outcome.NO_DATA, "went NaN or backwards");
        assertOutcome(samples, Track.CANARY, Metric.REQUEST_RATE, Outcome.NO_DATA, "went NaN or backwards");
    }

    @Test
    void aTargetThatExposesNothingWeUseIsNoData() {
        ScrapeMetricsSource source = source(Duration.ofMinutes(1));
        canary.answer("/metrics", 200, "");
        source.sample();
        clock.advance(TEN_SECONDS);

        List<MetricSample> samples = source.track(Track.CANARY).sample();

        assertOutcome(samples, Track.CANARY, Metric.REQUEST_RATE, Outcome.NO_DATA, "exposes no http_requests_total");
        assertOutcome(samples, Track.CANARY, Metric.P95_LATENCY, Outcome.NO_DATA,
                "exposes no http_request_duration_seconds_bucket");
    }

    @Test
    void oneTaskPerTrackForTheScheduler() {
        ScrapeMetricsSource source = source(Duration.ofMinutes(1));

        assertThat(source.tasks()).extracting(ProbeTask::name).containsExactly("metrics stable", "metrics canary");
        assertThat(source.tasks()).allSatisfy(t -> {
            assertThat(t.interval()).isEqualTo(TEN_SECONDS);
            assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(5));
        });
    }
}
