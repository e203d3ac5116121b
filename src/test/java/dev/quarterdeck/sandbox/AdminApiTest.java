package dev.quarterdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The router's admin API over real HTTP: what a script with curl sees, refusals included. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiTest {
    private final ObjectMapper json = new ObjectMapper();
    private Sandbox sandbox;
    private HttpClient http;

    @BeforeAll
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(0).withInitialCanaryWeight(5));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @BeforeEach
    void knownState() {
        sandbox.setCanaryWeight(5);
        sandbox.setCanaryFaults(CanaryFaults.NONE);
    }

    @Test
    void weightRoundTrip() throws Exception {
        Answer initial = call("GET", "/router/weight", null);
        assertThat(initial.status).isEqualTo(200);
        assertThat(initial.contentType).isEqualTo("application/json");
        assertThat(initial.body).isEqualTo("{\"weight\":5}");

        Answer put = call("PUT", "/router/weight", "{\"weight\":20}");
        assertThat(put.status).isEqualTo(200);
        assertThat(put.body).isEqualTo("{\"weight\":20}");

        assertThat(call("GET", "/router/weight", null).body).isEqualTo("{\"weight\":20}");
        assertThat(sandbox.canaryWeight()).isEqualTo(20);
    }

    @Test
    void weightSetInProcessIsWhatTheApiReads() throws Exception {
        sandbox.setCanaryWeight(100);
        assertThat(call("GET", "/router/weight", null).body).isEqualTo("{\"weight\":100}");
    }

    @Test
    void faultsRoundTrip() throws Exception {
        Answer initial = call("GET", "/canary/faults", null);
        assertThat(initial.status).isEqualTo(200);
        assertThat(json.readTree(initial.body)).isEqualTo(json.readTree("{\"errorRatio\":0.0,\"addedLatencyMs\":0}"));

        Answer put = call("PUT", "/canary/faults", "{\"errorRatio\":0.1,\"addedLatencyMs\":200}");
        assertThat(put.status).isEqualTo(200);
        assertThat(put.body).isEqualTo("{\"errorRatio\":0.1,\"addedLatencyMs\":200}");

        assertThat(call("GET", "/canary/faults", null).body).isEqualTo("{\"errorRatio\":0.1,\"addedLatencyMs\":200}");
        assertThat(sandbox.canaryFaults()).isEqualTo(new CanaryFaults(0.1, Duration.ofMillis(200)));
    }

    @ParameterizedTest(name = "PUT /router/weight {0} -> 400 \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"weight\":                  | malformed JSON at line 1, column 11: the body ends before the JSON is complete; expected a JSON object like {\"weight\":20}",
        "not json                      | malformed JSON at line 1, column 1: Unrecognized token 'not': was expecting",
        "``                            | request body is empty; expected a JSON object like {\"weight\":20}",
        "[20]                          | request body must be a JSON object like {\"weight\":20}, was array",
        "20                            | request body must be a JSON object like {\"weight\":20}, was number",
        "{}                            | field \"weight\" is required: an integer 0..100",
        "{\"weight\":null}             | field \"weight\" is required: an integer 0..100",
        "{\"weight\":\"20\"}           | field \"weight\" must be an integer 0..100, was \"20\"",
        "{\"weight\":20.5}             | field \"weight\" must be an integer 0..100, was 20.5",
        "{\"weight\":1e1}              | field \"weight\" must be an integer 0..100, was 10.0",
        "{\"weight\":true}             | field \"weight\" must be an integer 0..100, was true",
        "{\"weight\":101}              | field \"weight\" must be between 0 and 100, was 101",
        "{\"weight\":-1}               | field \"weight\" must be between 0 and 100, was -1",
        "{\"weight\":99999999999}      | field \"weight\" must be between 0 and 100, was 99999999999",
        "{\"weight\":20,\"track\":1}   | unknown field \"track\"; expected only \"weight\"",
        "{\"weight\":20,\"weight\":30} | malformed JSON at line 1, column 22: field \"weight\" appears twice",
        "{\"weight\":20} {}            | malformed JSON at line 1, column 15: more than one JSON value in the body",
    })
    void aBadWeightIsRefusedWithAMessageNamingTheFieldAndChangesNothing(String body, String message) throws Exception {
        Answer answer = call("PUT", "/router/weight", body);

        assertThat(answer.status).isEqualTo(400);
        assertThat(answer.contentType).isEqualTo("application/json");
        assertThat(error(answer)).startsWith(message);
        assertNoStackTrace(answer);
        assertThat(sandbox.canaryWeight()).isEqualTo(5);
    }

    @ParameterizedTest(name = "PUT /canary/faults {0} -> 400 \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"errorRatio\":0.1                                  | malformed JSON at line 1, column 18: the body ends before the JSON is complete",
        "{\"errorRatio\":1.5,\"addedLatencyMs\":0}            | field \"errorRatio\" must be between 0 and 1, was 1.5",
        "{\"errorRatio\":-0.1,\"addedLatencyMs\":0}           | field \"errorRatio\" must be between 0 and 1, was -0.1",
        "{\"errorRatio\":\"0.1\",\"addedLatencyMs\":0}        | field \"errorRatio\" must be a number 0..1, was \"0.1\"",
        "{\"addedLatencyMs\":0}                               | field \"errorRatio\" is required: a number 0..1",
        "{\"errorRatio\":0.1}                                 | field \"addedLatencyMs\" is required: an integer 0..30000",
        "{\"errorRatio\":0.1,\"addedLatencyMs\":-5}           | field \"addedLatencyMs\" must be between 0 and 30000 milliseconds, was -5",
        "{\"errorRatio\":0.1,\"addedLatencyMs\":30001}        | field \"addedLatencyMs\" must be between 0 and 30000 milliseconds, was 30001",
        "{\"errorRatio\":0.1,\"addedLatencyMs\":2.5}          | field \"addedLatencyMs\" must be an integer 0..30000 (milliseconds), was 2.5",
        "{\"errorRatio\":0.1,\"addedLatencyMs\":\"200ms\"}    | field \"addedLatencyMs\" must be an integer 0..30000 (milliseconds), was \"200ms\"",
        "{\"errorRate\":0.1,\"addedLatencyMs\":200}           | unknown field \"errorRate\"; expected only \"errorRatio\" and \"addedLatencyMs\"",
    })
    void badFaultsAreRefusedWithAMessageNamingTheFieldAndChangeNothing(String body, String message) throws Exception {
        Answer answer = call("PUT", "/canary/faults", body);

        assertThat(answer.status).isEqualTo(400);
        assertThat(error(answer)).startsWith(message);
        assertNoStackTrace(answer);
        assertThat(sandbox.canaryFaults()).isEqualTo(CanaryFaults.NONE);
    }

    @ParameterizedTest(name = "{0} {1} -> 405")
    @CsvSource({
        "POST, /router/weight", "DELETE, /router/weight", "PATCH, /router/weight", "HEAD, /router/weight",
        "POST, /canary/faults", "DELETE, /canary/faults",
    })
    void aWrongMethodOnAnAdminResourceIs405WithAllow(String method, String path) throws Exception {
        Answer answer = call(method, path, method.equals("HEAD") || method.equals("DELETE") ? null : "{}");

        assertThat(answer.status).isEqualTo(405);
        assertThat(answer.allow).isEqualTo("GET, PUT");
        if (!method.equals("HEAD")) {
            assertThat(error(answer)).isEqualTo("method " + method + " is not allowed on " + path + "; use GET or PUT");
        }
    }

    @Test
    void theRoutersMetricsTakeOnlyGet() throws Exception {
        Answer answer = call("POST", "/metrics", "x");

        assertThat(answer.status).isEqualTo(405);
        assertThat(answer.allow).isEqualTo("GET, HEAD");
    }

    private Answer call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.adminUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Allow").orElse(""),
                response.body());
    }

    private String error(Answer answer) throws Exception {
        JsonNode root = json.readTree(answer.body);
        assertThat(root.fieldNames()).toIterable().containsExactly("error");
        return root.get("error").asText();
    }

    private static void assertNoStackTrace(Answer answer) {
        assertThat(answer.body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("[Source");
    }

    private record Answer(int status, String contentType, String allow, String body) {}
}
