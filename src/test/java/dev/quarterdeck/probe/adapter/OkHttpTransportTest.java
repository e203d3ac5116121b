package dev.quarterdeck.probe.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.quarterdeck.probe.HttpFailure;
import dev.quarterdeck.probe.HttpReply;
import dev.quarterdeck.probe.LoopbackServer;
import dev.quarterdeck.probe.SilentServer;
import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OkHttpTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final OkHttpClient CLIENT = new OkHttpClient();

    private LoopbackServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new LoopbackServer();
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

    @Test
    void returnsStatusBodyAndElapsed() throws Exception {
        server.answer("/metrics", 200, "up 1\n");

        HttpReply reply = new OkHttpTransport(CLIENT).get(server.url("/metrics"), TIMEOUT);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("up 1\n");
        assertThat(reply.url()).isEqualTo(server.url("/metrics"));
        assertThat(reply.elapsed()).isPositive();
    }

    @Test
    void anErrorStatusIsAnAnswerNotAFailure() throws Exception {
        server.answer("/health", 503, "draining\n");

        HttpReply reply = new OkHttpTransport(CLIENT).get(server.url("/health"), TIMEOUT);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body()).isEqualTo("draining\n");
    }

    @Test
    void aBodyOverTheLimitIsAFailureNamingTheUrl() {
        server.answer("/metrics", 200, "x".repeat(2000));
        URI url = server.url("/metrics");

        HttpFailure failure = catchThrowableOfType(HttpFailure.class,
                () -> new OkHttpTransport(CLIENT, 1000).get(url, TIMEOUT));

        assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TOO_LARGE);
        assertThat(failure.getMessage()).startsWith("GET " + url + ": ").contains("1000-byte limit");
    }

    @Test
    void aBodyExactlyAtTheLimitIsRead() throws Exception {
        server.answer("/metrics", 200, "x".repeat(1000));

        HttpReply reply = new OkHttpTransport(CLIENT, 1000).get(server.url("/metrics"), TIMEOUT);

        assertThat(reply.body()).hasSize(1000);
    }

    @Test
    void aRefusedConnectionNamesTheUrl() throws Exception {
        URI url = SilentServer.refusedUrl("/health");

        HttpFailure failure = catchThrowableOfType(HttpFailure.class,
                () -> new OkHttpTransport(CLIENT).get(url, TIMEOUT));

        assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.UNREACHABLE);
        assertThat(failure.getMessage()).isEqualTo("GET " + url + ": connection refused");
        assertThat(failure.url()).isEqualTo(url);
    }

    @Test
    void aTargetThatNeverAnswersTimesOutAtTheCallDeadline() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            URI url = silent.url("/health");

            HttpFailure failure = catchThrowableOfType(HttpFailure.class,
                    () -> new OkHttpTransport(CLIENT).get(url, Duration.ofMillis(200)));

            assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TIMEOUT);
            assertThat(failure.getMessage()).startsWith("GET " + url + ": timed out after ");
        }
    }

    @Test
    void aNonHttpUrlIsAFailureNotACrash() {
        URI url = URI.create("ftp://127.0.0.1/metrics");

        HttpFailure failure = catchThrowableOfType(HttpFailure.class,
                () -> new OkHttpTransport(CLIENT).get(url, TIMEOUT));

        assertThat(failure.getMessage()).isEqualTo("GET ftp://127.0.0.1/metrics: not an http or https URL");
    }
}
