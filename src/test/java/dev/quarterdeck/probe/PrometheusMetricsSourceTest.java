package dev.quarterdeck.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.probe.adapter.prometheus.PrometheusHttpApi;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Prometheus metrics source with a MockWebServer answering each query by what it asks for. */
class PrometheusMetricsSourceTest {
    private static final OkHttpClient CLIENT = new OkHttpClient();
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Map<Metric, String> QUERIES = Map.of(
            Metric.ERROR_RATE, "errors{track=\"{{track}}\"}[{{window}}]",
            Metric.P95_LATENCY, "p95{track=\"{{track}}\"}[{{window}}]",
            Metric.REQUEST_RATE, "requests{track=\"{{track}}\"}[{{window}}]");

    private final ManualClock clock = new ManualClock(T0);
    /** What the server answers, by the query it is asked (path and form alike); 404 for any other. */
    private final Map<String, Function<RecordedRequest, MockResponse>> answers = new ConcurrentHashMap<>();
    private final List<RecordedRequest> asked = new CopyOnWriteArrayList<>();
    private MockWebServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                asked.add(request);
                String query = request.getUrl().queryParameter("query");
                Function<RecordedRequest, MockResponse> answer = query == null ? null : answers.get(query);
                return answer == null ? new MockResponse.Builder().code(404).build() : answer.apply(request);
            }
        });
        server.start();
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

    private PrometheusMetricsSource source(Duration window, Map<Metric, String> queries, Duration timeout) {
        Environment environment = new Environment("production", true, new TrafficSpec.Sandbox(Optional.empty(), 50),
                new MetricsSpec.Prometheus(base(), Duration.ofSeconds(15), window, queries), Map.of());
        return new PrometheusMetricsSource(environment, new PrometheusHttpApi(CLIENT, base()), clock, timeout);
    }

    private PrometheusMetricsSource source() {
        return source(Duration.ofSeconds(30), QUERIES, Duration.ofSeconds(5));
    }

    private void answer(String query, String body) {
        answers.put(query, request -> json(body));
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    private static String vector(String... values) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            result.append(i == 0 ? "" : ",").append("{\"metric\":{\"pod\":\"p").append(i)
                    .append("\"},\"value\":[1748772000,\"").append(values[i]).append("\"]}");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}";
    }

    private static MetricSample find(List<MetricSample> samples, Track track, Metric metric) {
        return samples.stream().filter(s -> s.track() == track && s.metric() == metric).findFirst().orElseThrow();
    }

    @Test
    void asksEachTracksQueriesWithTrackAndWindowFilledInAtTheClocksTime() {
        answer("errors{track=\"stable\"}[30s]", vector("0"));
        answer("errors{track=\"canary\"}[30s]", vector("0.2"));
        answer("p95{track=\"stable\"}[30s]", vector("0.07"));
        answer("p95{track=\"canary\"}[30s]", vector("+Inf"));
        answer("requests{track=\"stable\"}[30s]", vector("40"));
        answer("requests{track=\"canary\"}[30s]", vector("NaN"));
        PrometheusMetricsSource source = source();

        List<MetricSample> samples = source.sample();

        assertThat(source.metrics()).containsExactly(Metric.ERROR_RATE, Metric.P95_LATENCY, Metric.REQUEST_RATE);
        assertThat(source.window()).isEqualTo("30s");
        assertThat(samples).extracting(MetricSample::track, MetricSample::metric).containsExactly(
                tuple(Track.STABLE, Metric.ERROR_RATE),
                tuple(Track.STABLE, Metric.P95_LATENCY),
                tuple(Track.STABLE, Metric.REQUEST_RATE),
                tuple(Track.CANARY, Metric.ERROR_RATE),
                tuple(Track.CANARY, Metric.P95_LATENCY),
                tuple(Track.CANARY, Metric.REQUEST_RATE));
        assertThat(samples).extracting(MetricSample::at).containsOnly(T0);
        assertThat(asked).extracting(r -> r.getUrl().queryParameter("time")).containsOnly("1748772000");
        assertThat(find(samples, Track.CANARY, Metric.ERROR_RATE))
                .isEqualTo(new MetricSample(T0, Track.CANARY, Metric.ERROR_RATE, 0.2, Outcome.PASS,
                        "from Prometheus over 30s"));
        assertThat(find(samples, Track.STABLE, Metric.ERROR_RATE).value()).isZero();
        MetricSample infinite = find(samples, Track.CANARY, Metric.P95_LATENCY);
        assertThat(infinite.outcome()).isEqualTo(Outcome.PASS);
        assertThat(infinite.value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(infinite.detail()).isEqualTo("from Prometheus over 30s; +Inf compared as a value");
        MetricSample nan = find(samples, Track.CANARY, Metric.REQUEST_RATE);
        assertThat(nan.outcome()).isEqualTo(Outcome.NO_DATA);
        assertThat(nan.value()).isNaN();
    }

    @Test
    void noSeriesIsNoDataAndSeveralAreAnError() {
        answer("errors{track=\"canary\"}[5m]", vector());
        answer("p95{track=\"canary\"}[5m]", vector("0.1", "0.2"));

        List<MetricSample> samples = source(Duration.ofMinutes(5), QUERIES, Duration.ofSeconds(5))
                .track(Track.CANARY).sample();

        assertThat(find(samples, Track.CANARY, Metric.ERROR_RATE).outcome()).isEqualTo(Outcome.NO_DATA);
        assertThat(find(samples, Track.CANARY, Metric.ERROR_RATE).detail()).isEqualTo("query returned no series");
        MetricSample several = find(samples, Track.CANARY, Metric.P95_LATENCY);
        assertThat(several.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(several.detail()).startsWith("2 series; the condition needs one: {pod=\"p0\"}, {pod=\"p1\"}");
        // Not answered (404 with no body): an error of that query only, the others are still asked.
        assertThat(find(samples, Track.CANARY, Metric.REQUEST_RATE).detail())
                .isEqualTo("Prometheus at " + base() + "/api/v1/query: HTTP 404");
        assertThat(asked).hasSize(3);
    }

    @Test
    void onlyMetricsThePlanHasAQueryForAreReported() {
        answer("errors{track=\"stable\"}[1h30m]", vector("0.01"));
        answer("errors{track=\"canary\"}[1h30m]", vector("0.02"));

        PrometheusMetricsSource source = source(Duration.ofMinutes(90),
                Map.of(Metric.ERROR_RATE, QUERIES.get(Metric.ERROR_RATE)), Duration.ofSeconds(5));

        assertThat(source.sample()).extracting(MetricSample::metric).containsOnly(Metric.ERROR_RATE).hasSize(2);
    }

    @Test
    void aServerThatDoesNotAnswerIsAskedOncePerTrackRun() {
        answers.put("errors{track=\"canary\"}[30s]",
                request -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        PrometheusMetricsSource source = source(Duration.ofSeconds(30), QUERIES, Duration.ofMillis(300));

        List<MetricSample> samples = source.track(Track.CANARY).sample();

        assertThat(samples).hasSize(3).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(s.detail()).startsWith("Prometheus at " + base() + "/api/v1/query: timed out after ");
        });
        assertThat(asked).hasSize(1);
    }

    @Test
    void historyGivesEachPointAtItsOwnTimeOldestFirst() {
        String matrix = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
                + "\"values\":[[1748771940,\"%s\"],[1748771970,\"NaN\"],[1748772000,\"%s\"]]}]}}";
        answer("errors{track=\"stable\"}[30s]", matrix.formatted("0", "0.01"));
        answer("errors{track=\"canary\"}[30s]", matrix.formatted("0.1", "0.2"));
        answer("p95{track=\"stable\"}[30s]", "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
        PrometheusMetricsSource source = source(Duration.ofSeconds(30),
                Map.of(Metric.ERROR_RATE, QUERIES.get(Metric.ERROR_RATE), Metric.P95_LATENCY,
                        QUERIES.get(Metric.P95_LATENCY)), Duration.ofSeconds(5));

        List<MetricSample> history = source.history(Duration.ofMinutes(1), Duration.ofSeconds(30));

        Instant start = T0.minusSeconds(60);
        assertThat(history).filteredOn(s -> s.metric() == Metric.ERROR_RATE)
                .extracting(MetricSample::at, MetricSample::track, MetricSample::value, MetricSample::outcome)
                .containsExactly(
                        tuple(start, Track.STABLE, 0.0, Outcome.PASS),
                        tuple(start, Track.CANARY, 0.1, Outcome.PASS),
                        tuple(start.plusSeconds(30), Track.STABLE, Double.NaN, Outcome.NO_DATA),
                        tuple(start.plusSeconds(30), Track.CANARY, Double.NaN, Outcome.NO_DATA),
                        tuple(T0, Track.STABLE, 0.01, Outcome.PASS),
                        tuple(T0, Track.CANARY, 0.2, Outcome.PASS));
        assertThat(history).extracting(MetricSample::at).isSorted();
        assertThat(history).filteredOn(s -> s.metric() == Metric.P95_LATENCY)
                .extracting(MetricSample::at, MetricSample::track, MetricSample::outcome)
                .containsExactly(
                        tuple(T0, Track.STABLE, Outcome.NO_DATA),
                        tuple(T0, Track.CANARY, Outcome.ERROR));
        RecordedRequest first = asked.get(0);
        assertThat(first.getUrl().encodedPath()).isEqualTo("/api/v1/query_range");
        assertThat(first.getUrl().queryParameter("start")).isEqualTo("1748771940");
        assertThat(first.getUrl().queryParameter("end")).isEqualTo("1748772000");
        assertThat(first.getUrl().queryParameter("step")).isEqualTo("30");
    }

    @Test
    void historyRefusesARangeNoPrometheusAnswers() {
        PrometheusMetricsSource source = source();

        assertThatThrownBy(() -> source.history(Duration.ofMinutes(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> source.history(Duration.ofDays(7), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11000 points");
    }

    @Test
    void oneTaskPerTrackWithTheIntervalAndADeadlineNoLongerThanIt() {
        Environment environment = new Environment("production", true, new TrafficSpec.Sandbox(Optional.empty(), 50),
                new MetricsSpec.Prometheus(base(), Duration.ofSeconds(3), Duration.ofMinutes(1), QUERIES), Map.of());

        List<ProbeTask> tasks = new PrometheusMetricsSource(environment, new PrometheusHttpApi(CLIENT, base()), clock)
                .tasks();

        assertThat(tasks).extracting(ProbeTask::name).containsExactly("metrics stable", "metrics canary");
        assertThat(tasks).extracting(ProbeTask::interval).containsOnly(Duration.ofSeconds(3));
        assertThat(tasks).extracting(ProbeTask::timeout).containsOnly(Duration.ofSeconds(3));
        assertThat(tasks.get(1).missed(T0, "no free I/O thread (all 16 busy); skipped"))
                .hasSize(3)
                .allSatisfy(s -> assertThat(s).isInstanceOfSatisfying(MetricSample.class, m -> {
                    assertThat(m.outcome()).isEqualTo(Outcome.ERROR);
                    assertThat(m.track()).isEqualTo(Track.CANARY);
                    assertThat(m.detail()).isEqualTo("Prometheus at " + base() + ": no free I/O thread (all 16 busy);"
                            + " skipped");
                }));
    }

    @Test
    void anEnvironmentWithoutPrometheusIsRefusedAtWiring() {
        Environment scraped = HttpProbeTest.environment(Map.of());

        assertThatThrownBy(() -> new PrometheusMetricsSource(scraped, new PrometheusHttpApi(CLIENT, base()), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment 'staging' does not read metrics from Prometheus");
    }

    @Test
    void windowsAreWrittenAsPromqlWritesThem() {
        assertThat(PromqlDuration.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(PromqlDuration.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(PromqlDuration.format(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(PromqlDuration.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(PromqlDuration.format(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(PromqlDuration.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThatThrownBy(() -> PromqlDuration.format(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromqlDuration.format(Duration.ofNanos(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
