package dev.quarterdeck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Condition;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.probe.adapter.prometheus.PrometheusHttpApi;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The query and alert probes' outcomes, with answers served by MockWebServer through the real adapter. */
class PrometheusProbesTest {
    private static final OkHttpClient CLIENT = new OkHttpClient();
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private MockWebServer server;
    private PrometheusApi api;

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        server.start();
        api = new PrometheusHttpApi(CLIENT, base());
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

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    private void answer(String body) {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(body).build());
    }

    private void vector(String... series) {
        answer("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + String.join(",", series) + "]}}");
    }

    private static String series(String labels, String value) {
        return "{\"metric\":{" + labels + "},\"value\":[1748772000,\"" + value + "\"]}";
    }

    private ProbeSample check(Condition.Bound bound, double threshold) {
        return query(bound, threshold, Optional.empty()).check();
    }

    private PrometheusQueryProbe query(Condition.Bound bound, double threshold, Optional<Metric.Unit> unit) {
        Probe probe = new Probe("canary-errors", Duration.ofSeconds(30), Duration.ofSeconds(5),
                new ProbeSpec.PrometheusQuery("sum(rate(errors[5m]))", bound, threshold));
        return new PrometheusQueryProbe(probe, unit, api, clock);
    }

    private ProbeSample alerts(Map<String, String> labels) {
        Probe probe = new Probe("quiet", Duration.ofSeconds(30), Duration.ofSeconds(5), new ProbeSpec.Alerts(labels));
        return new AlertsProbe(probe, api, clock).check();
    }

    private void alertList(String... alerts) {
        answer("{\"status\":\"success\",\"data\":{\"alerts\":[" + String.join(",", alerts) + "]}}");
    }

    private static String alert(String name, String state, String labels) {
        return "{\"labels\":{\"alertname\":\"" + name + "\"" + (labels.isEmpty() ? "" : "," + labels) + "},"
                + "\"state\":\"" + state + "\",\"activeAt\":\"2025-06-01T09:58:00Z\",\"value\":\"1\"}";
    }

    @Test
    void oneSeriesWithinTheBoundPassesAndOutsideItFails() {
        vector(series("", "0.008"));
        vector(series("", "0.2"));
        vector(series("", "0.01"));

        ProbeSample pass = check(Condition.Bound.MAX, 0.01);
        ProbeSample fail = check(Condition.Bound.MAX, 0.01);
        ProbeSample atTheThreshold = check(Condition.Bound.MAX, 0.01);

        assertThat(pass.outcome()).isEqualTo(Outcome.PASS);
        assertThat(pass.observed()).isEqualTo("0.008 (max 0.01)");
        assertThat(pass.at()).isEqualTo(T0);
        assertThat(pass.probe()).isEqualTo("canary-errors");
        assertThat(pass.took()).isPositive();
        assertThat(fail.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(fail.observed()).isEqualTo("0.2 (max 0.01)");
        assertThat(atTheThreshold.outcome()).as("a maximum includes its threshold").isEqualTo(Outcome.PASS);
    }

    @Test
    void aUnitMakesTheTextReadAsTheCaptainWroteIt() {
        vector(series("", "0.008"));
        vector(series("", "0.25"));
        vector(series("", "3"));

        assertThat(query(Condition.Bound.MAX, 0.01, Optional.of(Metric.Unit.RATIO)).check().observed())
                .isEqualTo("0.8 % (max 1 %)");
        assertThat(query(Condition.Bound.MAX, 1, Optional.of(Metric.Unit.SECONDS)).check().observed())
                .isEqualTo("250 ms (max 1 s)");
        assertThat(query(Condition.Bound.MIN, 5, Optional.of(Metric.Unit.PER_SECOND)).check().observed())
                .isEqualTo("3/s (min 5/s)");
    }

    @Test
    void aMinimumFailsBelowIt() {
        vector(series("", "0.5"));

        ProbeSample sample = check(Condition.Bound.MIN, 1);

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).isEqualTo("0.5 (min 1)");
    }

    @Test
    void aScalarIsOneValue() {
        answer("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1748772000,\"0.004\"]}}");

        ProbeSample sample = check(Condition.Bound.MAX, 0.01);

        assertThat(sample.outcome()).isEqualTo(Outcome.PASS);
        assertThat(sample.observed()).isEqualTo("0.004 (max 0.01)");
    }

    @Test
    void anEmptyVectorIsNoDataNeverAPass() {
        vector();

        ProbeSample sample = check(Condition.Bound.MAX, 0.01);

        assertThat(sample.outcome()).isEqualTo(Outcome.NO_DATA);
        assertThat(sample.observed()).isEqualTo("query returned no series");
    }

    @Test
    void nanIsNoData() {
        vector(series("", "NaN"));

        ProbeSample sample = check(Condition.Bound.MAX, 0.01);

        assertThat(sample.outcome()).isEqualTo(Outcome.NO_DATA);
        assertThat(sample.observed()).startsWith("query returned NaN");
    }

    @Test
    void severalSeriesAreAnErrorNamingThem() {
        vector(series("\"code\":\"503\"", "0.1"), series("\"code\":\"500\"", "0.2"), series("\"code\":\"502\"", "0.3"));
        vector(series("\"pod\":\"a\"", "1"), series("\"pod\":\"b\"", "1"), series("\"pod\":\"c\"", "1"),
                series("\"pod\":\"d\"", "1"), series("\"pod\":\"e\"", "1"));

        ProbeSample three = check(Condition.Bound.MAX, 0.01);
        ProbeSample five = check(Condition.Bound.MAX, 0.01);

        assertThat(three.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(three.observed()).isEqualTo("3 series; the condition needs one: {code=\"500\"}, {code=\"502\"}, "
                + "{code=\"503\"} (aggregate them, e.g. with sum(...))");
        assertThat(five.observed()).startsWith("5 series; the condition needs one: {pod=\"a\"}, {pod=\"b\"}, "
                + "{pod=\"c\"} and 2 more");
    }

    @Test
    void infinitiesAreComparedAsValuesAndSaidToBe() {
        vector(series("", "+Inf"));
        vector(series("", "+Inf"));
        vector(series("", "-Inf"));

        ProbeSample overAMaximum = check(Condition.Bound.MAX, 1);
        ProbeSample overAMinimum = check(Condition.Bound.MIN, 1);
        ProbeSample underAMinimum = query(Condition.Bound.MIN, 0, Optional.of(Metric.Unit.PER_SECOND)).check();

        assertThat(overAMaximum.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(overAMaximum.observed()).isEqualTo("+Inf (max 1); +Inf compared as a value");
        assertThat(overAMinimum.outcome()).isEqualTo(Outcome.PASS);
        assertThat(underAMinimum.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(underAMinimum.observed()).isEqualTo("-Inf (min 0/s); -Inf compared as a value");
    }

    @Test
    void aMatrixOrAStringCannotBeJudged() {
        answer("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
        answer("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1,\"up\"]}}");

        ProbeSample matrix = check(Condition.Bound.MAX, 1);
        ProbeSample string = check(Condition.Bound.MAX, 1);

        assertThat(matrix.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(matrix.observed()).startsWith("query returned a matrix");
        assertThat(string.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(string.observed()).isEqualTo("query returned a string; the condition needs a number");
    }

    @Test
    void warningsFollowTheReading() {
        answer("{\"status\":\"success\",\"warnings\":[\"partial result\"],"
                + "\"data\":{\"resultType\":\"vector\",\"result\":[" + series("", "0.5") + "]}}");

        assertThat(check(Condition.Bound.MAX, 1).observed()).isEqualTo("0.5 (max 1); Prometheus warned: partial result");
    }

    @Test
    void prometheusErrorsAreErrorsInItsOwnWords() {
        server.enqueue(new MockResponse.Builder().code(422).body(
                "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"many-to-many matching not allowed\"}")
                .build());
        server.enqueue(new MockResponse.Builder().code(503).body("upstream connect error").build());
        answer("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{}}]}}");

        ProbeSample rejected = check(Condition.Bound.MAX, 1);
        ProbeSample proxy = check(Condition.Bound.MAX, 1);
        ProbeSample malformed = check(Condition.Bound.MAX, 1);

        assertThat(rejected.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(rejected.observed()).isEqualTo("Prometheus at " + base() + "/api/v1/query: HTTP 422, execution: "
                + "many-to-many matching not allowed");
        assertThat(proxy.observed()).isEqualTo("Prometheus at " + base() + "/api/v1/query: HTTP 503: "
                + "upstream connect error");
        assertThat(malformed.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(malformed.observed()).endsWith("not a Prometheus API answer: data.result[0].value should be an "
                + "array, got nothing");
    }

    @Test
    void aHangingPrometheusIsAnErrorAtTheProbesTimeout() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        Probe probe = new Probe("p95", Duration.ofSeconds(30), Duration.ofMillis(300),
                new ProbeSpec.PrometheusQuery("x", Condition.Bound.MAX, 1));

        ProbeSample sample = new PrometheusQueryProbe(probe, api, clock).check();

        assertThat(sample.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(sample.observed()).startsWith("Prometheus at " + base() + "/api/v1/query: timed out after ");
    }

    @Test
    void aMissedBeatNamesTheServer() {
        PrometheusQueryProbe probe = query(Condition.Bound.MAX, 1, Optional.empty());

        assertThat(probe.missed(T0, "previous run still running after 5 s; skipped"))
                .containsExactly(new ProbeSample(T0, "canary-errors", Outcome.ERROR,
                        "Prometheus at " + base() + ": previous run still running after 5 s; skipped", Duration.ZERO));
    }

    @Test
    void noFiringAlertWithTheLabelsPasses() {
        alertList();
        alertList(alert("CanaryErrors", "firing", "\"severity\":\"warning\""));

        ProbeSample none = alerts(Map.of());
        ProbeSample otherSeverity = alerts(Map.of("severity", "critical"));

        assertThat(none.outcome()).isEqualTo(Outcome.PASS);
        assertThat(none.observed()).isEqualTo("no alert firing");
        assertThat(otherSeverity.outcome()).isEqualTo(Outcome.PASS);
        assertThat(otherSeverity.observed()).isEqualTo("no firing alert with {severity=\"critical\"}");
    }

    @Test
    void aFiringAlertWithAllTheLabelsFailsNamingIt() {
        alertList(alert("CanaryErrors", "firing", "\"severity\":\"critical\",\"track\":\"canary\""),
                alert("DiskFull", "firing", "\"severity\":\"critical\""),
                alert("SlowBurn", "pending", "\"severity\":\"critical\",\"track\":\"canary\""));

        ProbeSample sample = alerts(Map.of("severity", "critical", "track", "canary"));

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).isEqualTo("1 firing with {severity=\"critical\", track=\"canary\"}: "
                + "CanaryErrors{severity=\"critical\", track=\"canary\"}; 1 pending (not counted until firing): "
                + "SlowBurn{severity=\"critical\", track=\"canary\"}");
    }

    @Test
    void manyFiringAlertsAreCountedAndTheFirstFewNamed() {
        String[] firing = new String[7];
        for (int i = 0; i < firing.length; i++) {
            firing[i] = alert("Alert" + i, "firing", "");
        }
        alertList(firing);

        ProbeSample sample = alerts(Map.of());

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).isEqualTo("7 firing: Alert0, Alert1, Alert2, Alert3, Alert4 and 2 more");
    }

    @Test
    void alertsThatCannotBeListedAreAnError() {
        server.enqueue(new MockResponse.Builder().code(500).body("").build());

        ProbeSample sample = alerts(Map.of("severity", "critical"));

        assertThat(sample.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(sample.observed()).isEqualTo("Prometheus at " + base() + "/api/v1/alerts: HTTP 500");
    }
}
