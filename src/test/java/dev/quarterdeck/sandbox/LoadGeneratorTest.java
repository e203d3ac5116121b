package dev.quarterdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated load: paced by a schedule, bounded in flight, changeable while it runs. */
class LoadGeneratorTest {
    private final List<HttpExchange> held = new CopyOnWriteArrayList<>();
    private final CountDownLatch tenArrived = new CountDownLatch(10);
    private final Semaphore arrivals = new Semaphore(0);
    private volatile boolean holdRequests;
    private HttpServer target;
    private ScheduledExecutorService timer;
    private HttpClient http;

    @BeforeEach
    void startTarget() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            tenArrived.countDown();
            if (holdRequests) {
                held.add(exchange);
                arrivals.release();
            } else {
                answer(exchange);
            }
        });
        target.start();
        timer = Executors.newSingleThreadScheduledExecutor();
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stopTarget() {
        held.forEach(LoadGeneratorTest::answer);
        target.stop(0);
        timer.shutdownNow();
    }

    @Test
    void ticksBeyondTheInFlightCapAreSkippedAndCounted() throws Exception {
        holdRequests = true;
        LoadGenerator load = new LoadGenerator(url(), http, timer, 3);

        List<CompletableFuture<Void>> ticks = List.of(load.tick(), load.tick(), load.tick(), load.tick(), load.tick());

        assertThat(load.sent()).isEqualTo(3);
        assertThat(load.skipped()).isEqualTo(2);
        assertThat(load.inFlight()).isEqualTo(3);
        assertThat(ticks.get(3)).isDone();

        assertThat(arrivals.tryAcquire(3, 30, TimeUnit.SECONDS)).isTrue();
        holdRequests = false;
        held.forEach(LoadGeneratorTest::answer);
        held.clear();
        CompletableFuture.allOf(ticks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(load.inFlight()).isZero();
        assertThat(load.failed()).isZero();
        load.tick().get(30, TimeUnit.SECONDS);
        assertThat(load.sent()).isEqualTo(4);
    }

    @Test
    void aRequestWithNoAnswerCountsAsFailed() throws Exception {
        target.stop(0);
        LoadGenerator load = new LoadGenerator(url(), http, timer, 3);

        load.tick().get(30, TimeUnit.SECONDS);

        assertThat(load.failed()).isEqualTo(1);
        assertThat(load.inFlight()).isZero();
    }

    @Test
    void theScheduleSendsAtTheRateAndStopsAtZero() throws Exception {
        try (LoadGenerator load = new LoadGenerator(url(), http, timer, 100)) {
            load.setRequestsPerSecond(200);
            assertThat(tenArrived.await(30, TimeUnit.SECONDS)).isTrue();

            load.setRequestsPerSecond(0);

            assertThat(load.requestsPerSecond()).isZero();
            assertThat(load.sent()).isGreaterThanOrEqualTo(10);
            PrometheusText out = new PrometheusText();
            load.writeMetrics(out);
            assertThat(out.toString()).contains("sandbox_load_target_requests_per_second 0");
        }
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + target.getAddress().getPort() + "/");
    }

    private static void answer(HttpExchange exchange) {
        try (exchange) {
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException ignored) {
            // The test is over; the client may be gone.
        }
    }
}
