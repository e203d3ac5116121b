package dev.quarterdeck.probe.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.quarterdeck.probe.HttpFailure;
import dev.quarterdeck.probe.HttpReply;
import dev.quarterdeck.probe.HttpRequest;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
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

/** The general request: method, headers and body reach a real server as written, and failures keep secrets out. */
class OkHttpTransportRequestTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final OkHttpClient CLIENT = new OkHttpClient();
    private static final String SECRET = "Bearer tok-9f8e7d6c5b4a";

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

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    @Test
    void aPostCarriesItsHeadersAndBodyAsWritten() throws Exception {
        server.enqueue(new MockResponse.Builder().code(201).body("{\"ok\":true}").build());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", SECRET);
        headers.put("Content-Type", "application/json");

        HttpReply reply = new OkHttpTransport(CLIENT).send(new HttpRequest("post", url("/api/admin/ai-runtime/dry-run"),
                headers, Optional.of("{\"role\":\"critical\"}"), TIMEOUT));

        RecordedRequest received = server.takeRequest();
        assertThat(received.getMethod()).isEqualTo("POST");
        assertThat(received.getUrl().encodedPath()).isEqualTo("/api/admin/ai-runtime/dry-run");
        assertThat(received.getHeaders().get("Authorization")).isEqualTo(SECRET);
        assertThat(received.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(received.getBody().utf8()).isEqualTo("{\"role\":\"critical\"}");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void aPostWithoutABodySendsAnEmptyOne() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());

        HttpReply reply = new OkHttpTransport(CLIENT).send(
                new HttpRequest("POST", url("/flush"), Map.of(), Optional.empty(), TIMEOUT));

        RecordedRequest received = server.takeRequest();
        assertThat(received.getMethod()).isEqualTo("POST");
        assertThat(received.getBodySize()).isZero();
        assertThat(reply.status()).isEqualTo(204);
    }

    @Test
    void getStillWorksForTheExistingCallers() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("up 1\n").build());

        HttpReply reply = new OkHttpTransport(CLIENT).get(url("/metrics"), TIMEOUT);

        assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
        assertThat(reply.body()).isEqualTo("up 1\n");
    }

    @Test
    void aHeaderValueHttpCannotCarryIsAFailureThatDoesNotQuoteIt() {
        String withNewline = "tok-9f8e7d6c5b4a\n";
        URI target = url("/health?key=k3y");

        HttpFailure failure = catchThrowableOfType(HttpFailure.class, () -> new OkHttpTransport(CLIENT).send(
                new HttpRequest("GET", target, Map.of("X-Admin-Token", withNewline), Optional.empty(), TIMEOUT)));

        assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.BROKEN);
        assertThat(failure.getMessage())
                .startsWith("GET http://127.0.0.1:" + server.getPort() + "/health?...: header 'X-Admin-Token'")
                .doesNotContain("tok-9f8e7d6c5b4a").doesNotContain("k3y");
        assertThat(failure.getCause()).isNull();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aGetWithABodyIsRefusedBeforeAnythingIsSent() {
        HttpFailure failure = catchThrowableOfType(HttpFailure.class, () -> new OkHttpTransport(CLIENT).send(
                new HttpRequest("GET", url("/health"), Map.of(), Optional.of("{}"), TIMEOUT)));

        assertThat(failure.getMessage()).endsWith(": a GET request cannot carry a body");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aRequestNamesItsHeadersButNeverTheirValues() {
        HttpRequest request = new HttpRequest("POST", URI.create("https://api.example/dry-run?sig=abc"),
                Map.of("Authorization", SECRET), Optional.of("{}"), TIMEOUT);

        assertThat(request.toString())
                .isEqualTo("POST https://api.example/dry-run?... headers [Authorization] with a 2-char body")
                .doesNotContain("tok-9f8e7d6c5b4a");
    }
}
