package dev.quarterdeck.probe.adapter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.quarterdeck.probe.PrometheusAlert;
import dev.quarterdeck.probe.PrometheusAnswer;
import dev.quarterdeck.probe.PrometheusFailure;
import dev.quarterdeck.probe.PrometheusResult;
import dev.quarterdeck.probe.SilentServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against OkHttp's MockWebServer: every shape of answer Prometheus (or something else) may give. */
class PrometheusHttpApiTest {
    private static final OkHttpClient CLIENT = new OkHttpClient();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Instant AT = Instant.parse("2025-06-01T10:00:00.250Z");

    private MockWebServer server;
    private PrometheusHttpApi api;

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

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .body(body).build());
    }

    private static String success(String resultType, String result) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"" + resultType + "\",\"result\":" + result + "}}";
    }

    private PrometheusFailure queryFails() {
        return catchThrowableOfType(PrometheusFailure.class, () -> api.query("up", AT, TIMEOUT));
    }

    @Test
    void aVectorKeepsEachSeriesLabelsTimeAndValueAndSendsTheQueryTimeAndTimeout() throws Exception {
        answer(200, success("vector", """
                [{"metric":{"track":"canary","code":"500"},"value":[1748772000.25,"0.2"]},
                 {"metric":{},"value":[1748772000.25,"12"]}]"""));

        PrometheusAnswer<PrometheusResult> answer = api.query("sum(rate(x[5m]))", AT, TIMEOUT);

        assertThat(answer.result()).isEqualTo(new PrometheusResult.Vector(List.of(
                new PrometheusResult.Series(Map.of("track", "canary", "code", "500"), AT, 0.2),
                new PrometheusResult.Series(Map.of(), AT, 12))));
        assertThat(answer.warnings()).isEmpty();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/query");
        assertThat(request.getUrl().queryParameter("query")).isEqualTo("sum(rate(x[5m]))");
        assertThat(request.getUrl().queryParameter("time")).isEqualTo("1748772000.25");
        assertThat(request.getUrl().queryParameter("timeout")).isEqualTo("5");
    }

    @Test
    void valuesAreStringsIncludingNaNAndTheInfinities() throws Exception {
        answer(200, success("vector", """
                [{"metric":{"s":"a"},"value":[1,"NaN"]},{"metric":{"s":"b"},"value":[1,"+Inf"]},
                 {"metric":{"s":"c"},"value":[1,"-Inf"]},{"metric":{"s":"d"},"value":[1,"1e-3"]}]"""));

        PrometheusResult.Vector vector = (PrometheusResult.Vector) api.query("x", AT, TIMEOUT).result();

        assertThat(vector.series()).extracting(PrometheusResult.Series::value)
                .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.001);
    }

    @Test
    void anEmptyVectorIsAnAnswerWithNoSeries() throws Exception {
        answer(200, success("vector", "[]"));

        assertThat(api.query("x", AT, TIMEOUT).result()).isEqualTo(new PrometheusResult.Vector(List.of()));
    }

    @Test
    void aScalarAndAStringAreReadAsSuch() throws Exception {
        answer(200, success("scalar", "[1748772000.25,\"42\"]"));
        answer(200, success("string", "[1748772000.25,\"hello\"]"));

        assertThat(api.query("scalar(x)", AT, TIMEOUT).result()).isEqualTo(new PrometheusResult.Scalar(AT, 42));
        assertThat(api.query("\"hello\"", AT, TIMEOUT).result()).isEqualTo(new PrometheusResult.Text(AT, "hello"));
    }

    @Test
    void warningsAreKept() throws Exception {
        answer(200, """
                {"status":"success","data":{"resultType":"vector","result":[]},
                 "warnings":["remote store 'eu' did not answer; the result may be partial"]}""");

        assertThat(api.query("x", AT, TIMEOUT).warnings())
                .containsExactly("remote store 'eu' did not answer; the result may be partial");
    }

    @Test
    void aRangeQueryGivesAMatrixAndSendsStartEndAndStep() throws Exception {
        answer(200, success("matrix", """
                [{"metric":{"track":"canary"},"values":[[1748772000,"0.1"],[1748772010,"NaN"],[1748772020,"0.3"]]}]"""));
        Instant start = Instant.parse("2025-06-01T10:00:00Z");

        PrometheusResult.Matrix matrix = api.queryRange("x", start, start.plusSeconds(20), Duration.ofSeconds(10),
                TIMEOUT).result();

        assertThat(matrix.series()).singleElement().satisfies(series -> {
            assertThat(series.labels()).containsExactly(Map.entry("track", "canary"));
            assertThat(series.points()).containsExactly(
                    new PrometheusResult.Point(start, 0.1),
                    new PrometheusResult.Point(start.plusSeconds(10), Double.NaN),
                    new PrometheusResult.Point(start.plusSeconds(20), 0.3));
        });
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/query_range");
        assertThat(request.getUrl().queryParameter("start")).isEqualTo("1748772000");
        assertThat(request.getUrl().queryParameter("end")).isEqualTo("1748772020");
        assertThat(request.getUrl().queryParameter("step")).isEqualTo("10");
    }

    @Test
    void aRangeQueryAnsweredWithAVectorIsMalformed() {
        answer(200, success("vector", "[]"));
        Instant start = Instant.parse("2025-06-01T10:00:00Z");

        PrometheusFailure failure = catchThrowableOfType(PrometheusFailure.class,
                () -> api.queryRange("x", start, start.plusSeconds(60), Duration.ofSeconds(10), TIMEOUT));

        assertThat(failure.kind()).isEqualTo(PrometheusFailure.Kind.MALFORMED);
        assertThat(failure.getMessage()).isEqualTo("Prometheus at " + base() + "/api/v1/query_range: not a "
                + "Prometheus API answer: a range query gave a vector, expected a matrix");
    }

    @Test
    void aLongQueryIsPostedAsAFormInsteadOfAnOverlongUrl() throws Exception {
        answer(200, success("vector", "[]"));
        String longQuery = "sum(rate(http_requests_total{path=~\"" + "/a".repeat(1500) + "\"}[5m]))";

        api.query(longQuery, AT, TIMEOUT);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/query");
        assertThat(request.getUrl().querySize()).isZero();
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(HttpUrl.parse("http://x/?" + request.getBody().utf8()).queryParameter("query"))
                .isEqualTo(longQuery);
    }

    @Test
    void aBaseUrlWithAPathPrefixKeepsIt() throws Exception {
        answer(200, success("vector", "[]"));
        PrometheusHttpApi prefixed = new PrometheusHttpApi(CLIENT, URI.create(base() + "/prometheus/"));

        prefixed.query("up", AT, TIMEOUT);

        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/prometheus/api/v1/query");
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthAndNeverShown() throws Exception {
        answer(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"nope\"}");
        URI withSecret = URI.create("http://captain:s3cr%40t@127.0.0.1:" + server.getPort() + "/?token=hunter2");
        PrometheusHttpApi secured = new PrometheusHttpApi(CLIENT, withSecret);

        PrometheusFailure failure = catchThrowableOfType(PrometheusFailure.class,
                () -> secured.query("up", AT, TIMEOUT));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeaders().get("Authorization"))
                .isEqualTo(Credentials.basic("captain", "s3cr@t"));
        assertThat(request.getUrl().queryParameter("token")).isEqualTo("hunter2");
        assertThat(failure.getMessage()).doesNotContain("s3cr", "captain", "hunter2")
                .startsWith("Prometheus at http://127.0.0.1:" + server.getPort() + "/api/v1/query?...: HTTP 400");
        assertThat(secured.shownUrl()).isEqualTo("http://127.0.0.1:" + server.getPort() + "/?...");
    }

    @Test
    void statusErrorCarriesPrometheusErrorTypeAndErrorAndTheHttpStatus() {
        answer(400, """
                {"status":"error","errorType":"bad_data",
                 "error":"invalid parameter \\"query\\": 1:5: parse error: unclosed left parenthesis"}""");

        PrometheusFailure failure = queryFails();

        assertThat(failure.kind()).isEqualTo(PrometheusFailure.Kind.REJECTED);
        assertThat(failure.httpStatus()).hasValue(400);
        assertThat(failure.errorType()).contains("bad_data");
        assertThat(failure.error()).contains("invalid parameter \"query\": 1:5: parse error: unclosed left parenthesis");
        assertThat(failure.getMessage()).isEqualTo("Prometheus at " + base() + "/api/v1/query: HTTP 400, bad_data: "
                + "invalid parameter \"query\": 1:5: parse error: unclosed left parenthesis");
    }

    @Test
    void anOverloadedPrometheusSays503InItsOwnWords() {
        answer(503, "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}");

        PrometheusFailure failure = queryFails();

        assertThat(failure.kind()).isEqualTo(PrometheusFailure.Kind.REJECTED);
        assertThat(failure.getMessage()).endsWith(": HTTP 503, timeout: query timed out in expression evaluation");
    }

    @Test
    void anHttpErrorFromSomethingElseShowsTheStatusAndTheStartOfItsPage() {
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Content-Type", "text/html")
                .body("<html>\n<head><title>503 Service Temporarily Unavailable</title></head>\n</html>").build());

        PrometheusFailure failure = queryFails();

        assertThat(failure.kind()).isEqualTo(PrometheusFailure.Kind.HTTP_STATUS);
        assertThat(failure.httpStatus()).hasValue(503);
        assertThat(failure.errorType()).isEmpty();
        assertThat(failure.getMessage()).isEqualTo("Prometheus at " + base() + "/api/v1/query: HTTP 503: "
                + "<html> <head><title>503 Service Temporarily Unavailable</title></head> </html>");
    }

    @Test
    void aPlain400WithoutABodyIsAnHttpStatusFailure() {
        server.enqueue(new MockResponse.Builder().code(400).build());

        PrometheusFailure failure = queryFails();

        assertThat(failure.kind()).isEqualTo(PrometheusFailure.Kind.HTTP_STATUS);
        assertThat(failure.getMessage()).isEqualTo("Prometheus at " + base() + "/api/v1/query: HTTP 400");
    }

    @Test
    void anAnswerThatIsNotJsonIsMalformed() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<html>Please log in</html>").build());

        PrometheusFailure failure = queryFails();

        assertThat(failure.kind()).isEqualTo(PrometheusFailure.Kind.MALFORMED);
        assertThat(failure.getMessage()).startsWith("Prometheus at " + base() + "/api/v1/query: not a Prometheus "
                + "API answer: not JSON (");
    }

    @Test
    void truncatedJsonIsMalformed() {
        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");

        assertThat(queryFails().kind()).isEqualTo(PrometheusFailure.Kind.MALFORMED);
    }

    @Test
    void missingAndMistypedFieldsAreMalformedNamingWhere() {
        answer(200, "{\"data\":{}}");
        answer(200, "{\"status\":\"success\"}");
        answer(200, "{\"status\":\"success\",\"data\":{\"result\":[]}}");
        answer(200, success("vector", "{}"));
        answer(200, success("vector", "[{\"metric\":{},\"value\":[1,0.5]}]"));
        answer(200, success("vector", "[{\"metric\":{},\"value\":[\"soon\",\"0.5\"]}]"));
        answer(200, success("vector", "[{\"metric\":{\"code\":500},\"value\":[1,\"0.5\"]}]"));
        answer(200, success("vector", "[{\"metric\":{},\"value\":[1]}]"));
        answer(200, success("vector", "[{\"metric\":{},\"value\":[1,\"lots\"]}]"));
        answer(200, "{\"status\":\"maybe\",\"data\":{}}");
        answer(200, "[1,2,3]");
        answer(200, "");

        assertThat(List.of(queryFails(), queryFails(), queryFails(), queryFails(), queryFails(), queryFails(),
                queryFails(), queryFails(), queryFails(), queryFails(), queryFails(), queryFails()))
                .allSatisfy(f -> assertThat(f.kind()).isEqualTo(PrometheusFailure.Kind.MALFORMED))
                .extracting(f -> f.getMessage().substring(f.getMessage().indexOf("answer: ") + 8))
                .containsExactly(
                        "no 'status'",
                        "status 'success' without 'data'",
                        "no 'data.resultType'",
                        "data.result should be an array, got an object",
                        "data.result[0].value[1] should be a string, got a number",
                        "data.result[0].value[0] should be a time in Unix seconds, got a string",
                        "data.result[0].metric.code should be a string, got a number",
                        "data.result[0].value has 1 elements, expected [time, \"value\"]",
                        "data.result[0].value[1] is 'lots', not a number",
                        "status is 'maybe', expected 'success' or 'error'",
                        "expected a JSON object, got an array",
                        "expected a JSON object, got nothing");
    }

    @Test
    void anUnknownResultTypeIsMalformed() {
        answer(200, success("histogram", "[]"));

        PrometheusFailure failure = queryFails();

        assertThat(failure.kind()).isEqualTo(PrometheusFailure.Kind.MALFORMED);
        assertThat(failure.getMessage()).endsWith("not a Prometheus API answer: unknown resultType 'histogram'");
    }

    @Test
    void aNativeHistogramSampleIsNamedAsSuch() {
        answer(200, success("vector", "[{\"metric\":{},\"histogram\":[1,{\"count\":\"3\",\"sum\":\"1\"}]}]"));

        assertThat(queryFails().getMessage()).contains("data.result[0] is a native histogram, not a number");
    }

    @Test
    void alertsAreReadWithTheirStateLabelsAndSince() throws Exception {
        answer(200, """
                {"status":"success","data":{"alerts":[
                  {"labels":{"alertname":"CanaryErrors","severity":"critical"},"annotations":{"summary":"5xx"},
                   "state":"firing","activeAt":"2025-06-01T09:59:00.5+02:00","value":"1e+00"},
                  {"labels":{"alertname":"SlowBurn"},"state":"pending"}]}}""");

        List<PrometheusAlert> alerts = api.alerts(TIMEOUT).result();

        assertThat(alerts).containsExactly(
                new PrometheusAlert(Map.of("alertname", "CanaryErrors", "severity", "critical"),
                        Map.of("summary", "5xx"), PrometheusAlert.State.FIRING,
                        Optional.of(Instant.parse("2025-06-01T07:59:00.5Z"))),
                new PrometheusAlert(Map.of("alertname", "SlowBurn"), Map.of(), PrometheusAlert.State.PENDING,
                        Optional.empty()));
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v1/alerts");
    }

    @Test
    void anAlertInAnUnknownStateIsMalformed() {
        answer(200, "{\"status\":\"success\",\"data\":{\"alerts\":[{\"labels\":{},\"state\":\"smouldering\"}]}}");

        PrometheusFailure failure = catchThrowableOfType(PrometheusFailure.class, () -> api.alerts(TIMEOUT));

        assertThat(failure.getMessage()).endsWith(
                "data.alerts[0].state is 'smouldering', expected 'firing' or 'pending'");
    }

    @Test
    void aServerThatNeverAnswersTimesOutAtTheCallDeadline() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

        PrometheusFailure failure = catchThrowableOfType(PrometheusFailure.class,
                () -> api.query("up", AT, Duration.ofMillis(300)));

        assertThat(failure.kind()).isEqualTo(PrometheusFailure.Kind.TIMEOUT);
        assertThat(failure.serverUnavailable()).isTrue();
        assertThat(failure.getMessage()).startsWith("Prometheus at " + base() + "/api/v1/query: timed out after ");
    }

    @Test
    void aBodyOverTheCapIsAFailureNotATruncatedAnswer() {
        PrometheusHttpApi capped = new PrometheusHttpApi(CLIENT, base(), 1_000);
        String series = "{\"metric\":{\"pod\":\"p\"},\"value\":[1,\"1\"]}";
        String big = success("vector", "[" + String.join(",", Collections.nCopies(100, series)) + "]");
        answer(200, big);
        // Chunked, so no Content-Length tells the client in advance: the cap must hold while reading.
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(big, 64).build());

        PrometheusFailure declared = catchThrowableOfType(PrometheusFailure.class, () -> capped.query("x", AT, TIMEOUT));
        PrometheusFailure streamed = catchThrowableOfType(PrometheusFailure.class, () -> capped.query("x", AT, TIMEOUT));

        assertThat(declared.kind()).isEqualTo(PrometheusFailure.Kind.TOO_LARGE);
        assertThat(declared.getMessage()).contains("over the 1000-byte limit");
        assertThat(streamed.kind()).isEqualTo(PrometheusFailure.Kind.TOO_LARGE);
        assertThat(streamed.getMessage()).endsWith("answered with a body over the 1000-byte limit");
    }

    @Test
    void aRefusedConnectionNamesTheUrl() throws Exception {
        URI refused = SilentServer.refusedUrl("");
        PrometheusHttpApi down = new PrometheusHttpApi(CLIENT, refused);

        PrometheusFailure failure = catchThrowableOfType(PrometheusFailure.class, () -> down.query("up", AT, TIMEOUT));

        assertThat(failure.kind()).isEqualTo(PrometheusFailure.Kind.UNREACHABLE);
        assertThat(failure.getMessage()).isEqualTo("Prometheus at " + refused + "/api/v1/query: connection refused");
    }

    @Test
    void aCallOnAnInterruptedThreadFailsAsInterruptedAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            PrometheusFailure failure = catchThrowableOfType(PrometheusFailure.class,
                    () -> api.query("up", AT, TIMEOUT));

            assertThat(failure.kind()).isEqualTo(PrometheusFailure.Kind.INTERRUPTED);
            assertThat(failure.getMessage()).isEqualTo("Prometheus at " + base() + "/api/v1/query: interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anUntrustedCertificateIsATlsFailureAndATrustingClientGetsThrough() throws Exception {
        HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
        HandshakeCertificates serverSide = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
        server.useHttps(serverSide.sslSocketFactory());
        URI https = URI.create("https://localhost:" + server.getPort());

        PrometheusFailure failure = catchThrowableOfType(PrometheusFailure.class,
                () -> new PrometheusHttpApi(CLIENT, https).query("up", AT, TIMEOUT));

        assertThat(failure.kind()).isEqualTo(PrometheusFailure.Kind.TLS);
        assertThat(failure.getMessage()).startsWith("Prometheus at " + https + "/api/v1/query: TLS failed: ");

        HandshakeCertificates trusting = new HandshakeCertificates.Builder()
                .addTrustedCertificate(certificate.certificate()).build();
        OkHttpClient trustingClient = CLIENT.newBuilder()
                .sslSocketFactory(trusting.sslSocketFactory(), trusting.trustManager()).build();
        answer(200, success("scalar", "[1,\"1\"]"));

        assertThat(new PrometheusHttpApi(trustingClient, https).query("1", AT, TIMEOUT).result())
                .isEqualTo(new PrometheusResult.Scalar(Instant.ofEpochSecond(1), 1));
    }

    @Test
    void aBaseUrlThatIsNotHttpIsReportedByEveryCallNotThrownAtWiring() {
        PrometheusHttpApi wrong = new PrometheusHttpApi(CLIENT, URI.create("ftp://prom.example/"));

        PrometheusFailure failure = catchThrowableOfType(PrometheusFailure.class, () -> wrong.alerts(TIMEOUT));

        assertThat(failure.getMessage()).isEqualTo("Prometheus at ftp://prom.example/: not an http or https URL");
        assertThat(server.getRequestCount()).isZero();
    }
}
