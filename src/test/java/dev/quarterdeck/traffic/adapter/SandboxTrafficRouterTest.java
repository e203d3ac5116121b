package dev.quarterdeck.traffic.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quarterdeck.sandbox.Sandbox;
import dev.quarterdeck.sandbox.SandboxConfig;
import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.WeightReading;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The sandbox's TrafficRouter against a real sandbox, and against real servers that misbehave. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxTrafficRouterTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final OkHttpClient http = new OkHttpClient();
    private final List<HttpExchange> held = new CopyOnWriteArrayList<>();
    private Sandbox sandbox;
    private HttpServer misbehaving;

    @BeforeAll
    void start() throws IOException {
        sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(0));
    }

    @AfterEach
    void stopMisbehaving() {
        if (misbehaving != null) {
            held.forEach(HttpExchange::close);
            misbehaving.stop(0);
        }
    }

    @AfterAll
    void stop() {
        sandbox.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void aWeightSetIsReadBackFromTheRouter() throws Exception {
        SandboxTrafficRouter router = new SandboxTrafficRouter(sandbox.adminUrl(), http, clock);

        WeightReading reading = router.setCanaryWeight(CanaryWeight.of(30));

        assertThat(reading).isEqualTo(new WeightReading(CanaryWeight.of(30), NOW));
        assertThat(sandbox.canaryWeight()).isEqualTo(30);
    }

    @Test
    void aReadShowsWhatTheRouterAppliesNowWhoeverSetIt() throws Exception {
        SandboxTrafficRouter router = new SandboxTrafficRouter(sandbox.adminUrl(), http, clock);
        sandbox.setCanaryWeight(70);

        assertThat(router.readCanaryWeight().weight()).isEqualTo(CanaryWeight.of(70));
    }

    @Test
    void itDescribesItselfByItsAdminUrl() {
        SandboxTrafficRouter router = new SandboxTrafficRouter(URI.create("http://127.0.0.1:41234/"), http, clock);

        assertThat(router.describe()).isEqualTo("sandbox router at http://127.0.0.1:41234");
    }

    @Test
    void aClosedPortIsATransientFailureNamingTheUrl() throws Exception {
        int port = freePort();
        SandboxTrafficRouter router = new SandboxTrafficRouter(URI.create("http://127.0.0.1:" + port), http, clock);

        ActionException failure = catchThrowableOfType(
                ActionException.class, () -> router.setCanaryWeight(CanaryWeight.of(10)));

        assertThat(failure.getMessage())
                .startsWith("PUT http://127.0.0.1:" + port + "/router/weight: connection refused");
        assertThat(failure.transientFailure()).isTrue();
    }

    @Test
    void aRefusalIsPermanentAndCarriesTheRoutersMessage() throws Exception {
        URI url = misbehave(400, "{\"error\":\"field \\\"weight\\\" must be between 0 and 100, was 101\"}");
        SandboxTrafficRouter router = new SandboxTrafficRouter(url, http, clock);

        ActionException failure = catchThrowableOfType(
                ActionException.class, () -> router.setCanaryWeight(CanaryWeight.of(10)));

        assertThat(failure.getMessage()).isEqualTo("PUT " + url + "/router/weight: HTTP 400: "
                + "field \"weight\" must be between 0 and 100, was 101");
        assertThat(failure.transientFailure()).isFalse();
    }

    @Test
    void aServerErrorIsTransient() throws Exception {
        URI url = misbehave(503, "restarting\n");
        SandboxTrafficRouter router = new SandboxTrafficRouter(url, http, clock);

        ActionException failure = catchThrowableOfType(ActionException.class, router::readCanaryWeight);

        assertThat(failure.getMessage()).isEqualTo("GET " + url + "/router/weight: HTTP 503: restarting");
        assertThat(failure.transientFailure()).isTrue();
    }

    @Test
    void anAnswerThatIsNotAWeightIsPermanent() throws Exception {
        URI url = misbehave(200, "<html>welcome</html>");
        SandboxTrafficRouter router = new SandboxTrafficRouter(url, http, clock);

        ActionException failure = catchThrowableOfType(ActionException.class, router::readCanaryWeight);

        assertThat(failure.getMessage()).startsWith("GET " + url + "/router/weight: HTTP 200 but not JSON");
        assertThat(failure.transientFailure()).isFalse();
    }

    @Test
    void aRouterThatNeverAnswersTimesOutTransiently() throws Exception {
        URI url = misbehave(0, null);
        SandboxTrafficRouter router = new SandboxTrafficRouter(url, http, clock, Duration.ofMillis(300));

        ActionException failure = catchThrowableOfType(ActionException.class, router::readCanaryWeight);

        assertThat(failure.getMessage()).isEqualTo("GET " + url + "/router/weight: timed out after 300 ms");
        assertThat(failure.transientFailure()).isTrue();
    }

    /** A real loopback server that answers every request with {@code status} and {@code body}; 0 = never. */
    private URI misbehave(int status, String body) throws IOException {
        misbehaving = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        misbehaving.createContext("/", exchange -> {
            if (status == 0) {
                held.add(exchange);
                return;
            }
            try (exchange) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        misbehaving.start();
        return URI.create("http://127.0.0.1:" + misbehaving.getAddress().getPort());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
