package dev.quarterdeck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.probe.adapter.OkHttpTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunningVersionsTest {
    private final HttpServer server = start();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsTheVersionEachTrackReportsAndSaysWhyWhenItCannot() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        Environment env = new Environment("prod", false, new TrafficSpec.Sandbox(Optional.of(base), 0),
                new MetricsSpec.Scrape(Duration.ofSeconds(1), Duration.ofSeconds(10), "r", "l", "/metrics"),
                Map.of("stable", base.resolve("/stable"), "canary", base.resolve("/canary")));

        Map<String, String> versions = new RunningVersions(new OkHttpTransport(new OkHttpClient()),
                Duration.ofSeconds(5)).read(env, "/health");

        assertThat(versions).containsExactly(
                Map.entry("stable", "1.4.2"),
                Map.entry("canary", "unknown (not reported)"));
    }

    @Test
    void anUnboundTrackIsNamed() {
        Environment env = new Environment("prod", false, new TrafficSpec.Sandbox(Optional.empty(), 0),
                new MetricsSpec.Scrape(Duration.ofSeconds(1), Duration.ofSeconds(10), "r", "l", "/metrics"),
                Map.of());
        Map<String, String> versions = new RunningVersions(new OkHttpTransport(new OkHttpClient()),
                Duration.ofSeconds(5)).read(env, "/health");
        assertThat(versions.get("canary")).isEqualTo("unknown (no canary service)");
    }

    private static HttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/stable/health", ex -> reply(ex, "{\"status\":\"ok\",\"version\":\"1.4.2\"}"));
            s.createContext("/canary/health", ex -> reply(ex, "ok"));
            s.start();
            return s;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
