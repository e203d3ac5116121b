package dev.quarterdeck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.JsonAssertion;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.ValueTemplate;
import dev.quarterdeck.probe.adapter.OkHttpTransport;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request an HTTP probe sends, as the launch-gate runbook sends it with curl: method, body, headers whose
 * values come from the environment at call time, and never a secret in what is recorded.
 */
class HttpProbeRequestTest {
    private static final OkHttpClient CLIENT = new OkHttpClient();
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final String TOKEN = "adm-7Qx2Lk9Pz4Rw";
    private static final Map<String, String> PROCESS_ENVIRONMENT = Map.of("RELEASE_ADMIN_API_TOKEN", TOKEN,
            "RELEASE_CSRF_TOKEN", "csrf-Hh83kd02Lq");

    private final ManualClock clock = new ManualClock(T0);
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @AfterAll
    static void releaseClient() {
        CLIENT.dispatcher().executorService().shutdown();
        CLIENT.connectionPool().evictAll();
    }

    private URI api() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    private HttpProbe probe(ProbeSpec.Http spec, Map<String, String> variables) {
        Probe probe = new Probe("ai-runtime-dry-run", Duration.ofSeconds(30), Duration.ofSeconds(5), spec);
        Environment production = HttpProbeTest.environment(Map.of("api", api()));
        return new HttpProbe(probe, production, new OkHttpTransport(CLIENT), clock, variables::get);
    }

    private static ProbeSpec.Http dryRun(Optional<String> body, Map<String, ValueTemplate> headers) {
        return new ProbeSpec.Http(Optional.of("api"), "/api/admin/ai-runtime/dry-run", Optional.empty(), "POST",
                headers, body, 200, Optional.empty(), List.of(), Optional.empty());
    }

    private static Map<String, ValueTemplate> adminHeaders() {
        return Map.of("Authorization", ValueTemplate.of("Bearer ${env:RELEASE_ADMIN_API_TOKEN}"),
                "X-CSRF-Token", ValueTemplate.of("${env:RELEASE_CSRF_TOKEN}"));
    }

    @Test
    void aPostCarriesItsBodyAndTheHeadersResolvedFromTheEnvironment() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}").build());

        ProbeSample sample = probe(dryRun(Optional.of("{\"role\":\"critical\"}"), adminHeaders()), PROCESS_ENVIRONMENT)
                .check();

        RecordedRequest received = server.takeRequest();
        assertThat(received.getMethod()).isEqualTo("POST");
        assertThat(received.getUrl().encodedPath()).isEqualTo("/api/admin/ai-runtime/dry-run");
        assertThat(received.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(received.getHeaders().get("X-CSRF-Token")).isEqualTo("csrf-Hh83kd02Lq");
        assertThat(received.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(received.getBody().utf8()).isEqualTo("{\"role\":\"critical\"}");
        assertThat(sample.outcome()).isEqualTo(Outcome.PASS);
        assertThat(sample.observed()).matches("HTTP 200 in \\d+ ms");
        assertNoSecretIn(sample);
    }

    @Test
    void aContentTypeThePlanGivesIsKept() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        Map<String, ValueTemplate> headers = Map.of("Content-Type", ValueTemplate.of("application/x-ndjson"));

        probe(dryRun(Optional.of("{\"a\":1}\n{\"a\":2}\n"), headers), Map.of()).check();

        assertThat(server.takeRequest().getHeaders().get("Content-Type")).isEqualTo("application/x-ndjson");
    }

    @Test
    void anUnsetVariableIsAnErrorNamingItAndNothingIsSent() {
        ProbeSample sample = probe(dryRun(Optional.empty(), adminHeaders()), Map.of("RELEASE_CSRF_TOKEN", "x"))
                .check();

        assertThat(sample.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(sample.observed()).isEqualTo("environment variable RELEASE_ADMIN_API_TOKEN is not set");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void anEmptyVariableIsAnErrorToo() {
        ProbeSample sample = probe(dryRun(Optional.empty(), adminHeaders()),
                Map.of("RELEASE_ADMIN_API_TOKEN", "", "RELEASE_CSRF_TOKEN", "x")).check();

        assertThat(sample.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(sample.observed()).isEqualTo("environment variable RELEASE_ADMIN_API_TOKEN is empty");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theVariableIsReadAtEachCallNotWhenTheProbeIsBuilt() throws Exception {
        Map<String, String> variables = new HashMap<>();
        HttpProbe probe = probe(dryRun(Optional.empty(), adminHeaders()), variables);
        assertThat(probe.check().outcome()).isEqualTo(Outcome.ERROR);

        variables.putAll(PROCESS_ENVIRONMENT);
        server.enqueue(new MockResponse.Builder().code(200).build());

        assertThat(probe.check().outcome()).isEqualTo(Outcome.PASS);
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aSecretATargetEchoesBackIsScrubbedFromTheTimeline() {
        server.enqueue(new MockResponse.Builder().code(200)
                .body("{\"seen\":{\"authorization\":\"Bearer " + TOKEN + "\"},\"health\":\"degraded\"}").build());
        ProbeSpec.Http spec = new ProbeSpec.Http(Optional.of("api"), "/echo", Optional.empty(), "GET", adminHeaders(),
                Optional.empty(), 200, Optional.empty(),
                List.of(HttpProbeAnswerTest.field("seen.authorization == \"x\"", JsonAssertion.Operator.EQUALS, "x",
                        "seen", "authorization")),
                Optional.empty());

        ProbeSample sample = probe(spec, PROCESS_ENVIRONMENT).check();

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).contains("seen.authorization is \"Bearer (secret)\", expected \"x\"");
        assertNoSecretIn(sample);
    }

    @Test
    void aFailureNeverShowsTheHeaders() throws Exception {
        server.close();

        ProbeSample sample = probe(dryRun(Optional.of("{}"), adminHeaders()), PROCESS_ENVIRONMENT).check();

        assertThat(sample.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(sample.observed()).startsWith("POST " + api() + "/api/admin/ai-runtime/dry-run: ");
        assertNoSecretIn(sample);
    }

    @Test
    void anAbsoluteUrlIsCalledAsWritten() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        ProbeSpec.Http spec = new ProbeSpec.Http(Optional.empty(), "", Optional.of(URI.create(api() + "/ready")),
                "HEAD", Map.of(), Optional.empty(), 204, Optional.empty(), List.of(), Optional.empty());

        ProbeSample sample = probe(spec, Map.of()).check();

        RecordedRequest received = server.takeRequest();
        assertThat(received.getMethod()).isEqualTo("HEAD");
        assertThat(received.getUrl().encodedPath()).isEqualTo("/ready");
        assertThat(sample.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aMissedBeatNamesTheMethod() {
        HttpProbe probe = probe(dryRun(Optional.empty(), Map.of()), Map.of());

        assertThat(probe.missed(T0, "no free I/O thread")).singleElement().satisfies(s -> assertThat(s.observed())
                .isEqualTo("POST " + api() + "/api/admin/ai-runtime/dry-run: no free I/O thread"));
    }

    private static void assertNoSecretIn(ProbeSample sample) {
        for (String secret : PROCESS_ENVIRONMENT.values()) {
            assertThat(sample.observed()).doesNotContain(secret);
            assertThat(sample.probe()).doesNotContain(secret);
            assertThat(sample.toString()).doesNotContain(secret);
        }
    }
}
