package dev.quarterdeck.probe;

import static dev.quarterdeck.plan.JsonAssertion.Operator.EQUALS;
import static dev.quarterdeck.plan.JsonAssertion.Operator.GREATER_OR_EQUAL;
import static dev.quarterdeck.plan.JsonAssertion.Operator.LESS;
import static dev.quarterdeck.plan.JsonAssertion.Operator.NOT_EQUALS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.JsonAssertion;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.probe.adapter.OkHttpTransport;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How an HTTP probe judges an answer: JSON fields as the launch-gate runbook checks them, the latency
 * budget, text the body must contain. Each answer comes from a real server on loopback.
 */
class HttpProbeAnswerTest {
    private static final OkHttpClient CLIENT = new OkHttpClient();
    private static final String HEALTHY = "{\"summary\":{\"health\":\"ok\",\"since\":\"2025-06-01\"},"
            + "\"rolesBlocked\":0,\"items\":[{\"state\":\"ready\"},{\"state\":\"draining\"}],\"p95Ms\":212.5,"
            + "\"ready\":true,\"lastError\":null}";

    private final ManualClock clock = new ManualClock(Instant.parse("2025-06-01T10:00:00Z"));
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

    /** A field assertion as the plan binder makes it from {@code source}. */
    static JsonAssertion field(String source, JsonAssertion.Operator operator, Object expected, String... path) {
        return new JsonAssertion(List.of(path), operator, expected, source);
    }

    private static final JsonAssertion HEALTH_OK = field("summary.health == \"ok\"", EQUALS, "ok", "summary", "health");
    private static final JsonAssertion NONE_BLOCKED = field("rolesBlocked == 0", EQUALS, BigDecimal.ZERO,
            "rolesBlocked");

    private ProbeSample check(String body, List<JsonAssertion> json) {
        return check(new MockResponse.Builder().code(200).body(body).build(), json, Optional.empty(),
                Optional.empty());
    }

    private ProbeSample check(MockResponse answer, List<JsonAssertion> json, Optional<Duration> budget,
            Optional<String> bodyContains) {
        server.enqueue(answer);
        URI health = URI.create("http://127.0.0.1:" + server.getPort() + "/api/admin/ai-runtime/health");
        ProbeSpec.Http spec = new ProbeSpec.Http(Optional.empty(), "", Optional.of(health), "GET", Map.of(),
                Optional.empty(), 200, budget, json, bodyContains);
        Probe probe = new Probe("ai-runtime-health", Duration.ofSeconds(30), Duration.ofSeconds(5), spec);
        return new HttpProbe(probe, HttpProbeTest.environment(Map.of()), new OkHttpTransport(CLIENT), clock,
                name -> null).check();
    }

    @Test
    void theRunbooksHealthyControlPlanePasses() {
        ProbeSample sample = check(HEALTHY, List.of(HEALTH_OK, NONE_BLOCKED));

        assertThat(sample.outcome()).isEqualTo(Outcome.PASS);
        assertThat(sample.observed()).matches("HTTP 200 in \\d+ ms");
    }

    @Test
    void aDegradedControlPlaneFailsNamingEachFieldWithWhatWasFound() {
        ProbeSample sample = check("{\"summary\":{\"health\":\"degraded\"},\"rolesBlocked\":2}",
                List.of(HEALTH_OK, NONE_BLOCKED));

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).matches("HTTP 200 in \\d+ ms: summary.health is \"degraded\", expected \"ok\"; "
                + "rolesBlocked is 2, expected 0");
    }

    @Test
    void numbersCompareByValue() {
        ProbeSample sample = check("{\"rolesBlocked\":0.0,\"p95Ms\":212.50}", List.of(NONE_BLOCKED,
                field("p95Ms == 212.5", EQUALS, new BigDecimal("212.5"), "p95Ms")));

        assertThat(sample.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aStringNeverEqualsANumber() {
        ProbeSample sample = check("{\"rolesBlocked\":\"0\"}", List.of(NONE_BLOCKED));

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).endsWith(": rolesBlocked is \"0\", expected 0");
    }

    @Test
    void arrayIndicesBooleansAndNullAreReachable() {
        ProbeSample sample = check(HEALTHY, List.of(
                field("items[0].state == \"ready\"", EQUALS, "ready", "items", "0", "state"),
                field("items[1].state != \"failed\"", NOT_EQUALS, "failed", "items", "1", "state"),
                field("ready == true", EQUALS, Boolean.TRUE, "ready"),
                field("lastError == null", EQUALS, null, "lastError")));

        assertThat(sample.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void anIndexPastTheEndIsMissing() {
        ProbeSample sample = check(HEALTHY,
                List.of(field("items[2].state == \"ready\"", EQUALS, "ready", "items", "2", "state")));

        assertThat(sample.observed()).endsWith(": items[2].state is missing");
    }

    @Test
    void notEqualsFailsWhenTheValueIsTheOneToAvoid() {
        ProbeSample sample = check(HEALTHY,
                List.of(field("items[1].state != \"draining\"", NOT_EQUALS, "draining", "items", "1", "state")));

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).endsWith(": items[1].state is \"draining\", expected anything but \"draining\"");
    }

    @Test
    void orderingComparesNumbers() {
        assertThat(check(HEALTHY, List.of(field("p95Ms < 500", LESS, new BigDecimal("500"), "p95Ms"))).outcome())
                .isEqualTo(Outcome.PASS);

        ProbeSample sample = check(HEALTHY, List.of(field("p95Ms < 200", LESS, new BigDecimal("200"), "p95Ms")));

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).endsWith(": p95Ms is 212.5, expected < 200");
    }

    @Test
    void orderingAFieldThatIsNotANumberFailsSayingSo() {
        ProbeSample sample = check(HEALTHY,
                List.of(field("summary.health >= 1", GREATER_OR_EQUAL, BigDecimal.ONE, "summary", "health")));

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).endsWith(": summary.health is \"ok\", not a number (expected >= 1)");
    }

    @Test
    void aMissingFieldFails() {
        ProbeSample sample = check("{\"summary\":{}}", List.of(HEALTH_OK));

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).endsWith(": summary.health is missing");
    }

    @Test
    void anObjectFoundIsNamedNotDumped() {
        ProbeSample sample = check(HEALTHY, List.of(field("summary == \"ok\"", EQUALS, "ok", "summary")));

        assertThat(sample.observed()).endsWith(": summary is an object, expected \"ok\"").doesNotContain("since");
    }

    @Test
    void anAnswerThatIsNotJsonFails() {
        ProbeSample sample = check("<html><body>Bad gateway</body></html>", List.of(HEALTH_OK));

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).matches("HTTP 200 in \\d+ ms: the answer is not JSON");
    }

    @Test
    void anEmptyAnswerIsNotJsonEither() {
        assertThat(check("", List.of(HEALTH_OK)).observed()).endsWith(": the answer is not JSON");
    }

    @Test
    void aWrongStatusFailsOnTheStatusAlone() {
        ProbeSample sample = check(new MockResponse.Builder().code(503).body("{\"summary\":{}}").build(),
                List.of(HEALTH_OK), Optional.empty(), Optional.empty());

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).matches("HTTP 503, expected 200 \\(in \\d+ ms\\)");
    }

    @Test
    void anAnswerSlowerThanTheBudgetFails() {
        MockResponse slow = new MockResponse.Builder().code(200).body(HEALTHY)
                .headersDelay(300, TimeUnit.MILLISECONDS).build();

        ProbeSample sample = check(slow, List.of(HEALTH_OK), Optional.of(Duration.ofMillis(50)), Optional.empty());

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).matches("HTTP 200 in \\d+ ms, over the 50 ms budget");
    }

    @Test
    void aSlowAnswerThatAlsoFailsItsChecksSaysBoth() {
        MockResponse slow = new MockResponse.Builder().code(200).body("{\"summary\":{}}")
                .headersDelay(300, TimeUnit.MILLISECONDS).build();

        ProbeSample sample = check(slow, List.of(HEALTH_OK), Optional.of(Duration.ofMillis(50)), Optional.empty());

        assertThat(sample.observed()).matches("HTTP 200 in \\d+ ms, over the 50 ms budget; summary.health is missing");
    }

    @Test
    void anAnswerWithinTheBudgetPasses() {
        ProbeSample sample = check(new MockResponse.Builder().code(200).body(HEALTHY).build(), List.of(),
                Optional.of(Duration.ofSeconds(5)), Optional.empty());

        assertThat(sample.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void theBodyMustContainTheExpectedText() {
        MockResponse pong = new MockResponse.Builder().code(200).body("{\"output\":\"pong\",\"trace_id\":\"t-1\"}")
                .build();
        assertThat(check(pong, List.of(), Optional.empty(), Optional.of("pong")).outcome()).isEqualTo(Outcome.PASS);

        MockResponse other = new MockResponse.Builder().code(200).body("{\"output\":\"sorry\",\"trace_id\":\"t-2\"}")
                .build();
        ProbeSample sample = check(other, List.of(), Optional.empty(), Optional.of("pong"));

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).endsWith(": the answer does not contain \"pong\"")
                .doesNotContain("sorry").doesNotContain("trace_id");
    }

    @Test
    void anOrderingAssertionWithoutANumberIsThePlansErrorNotTheTargets() {
        ProbeSample sample = check(HEALTHY, List.of(field("p95Ms < \"fast\"", LESS, "fast", "p95Ms")));

        assertThat(sample.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(sample.observed()).endsWith("but 'p95Ms < \"fast\"' compares with \"fast\", which is not a number");
    }
}
