package dev.quarterdeck.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quarterdeck.plan.Track;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One of the sandbox's two services, stable or canary: a real HTTP server on loopback that answers work
 * requests after a simulated service time, and exposes {@code /health}, {@code /ready} and Prometheus
 * {@code /metrics} like any well-behaved service.
 *
 * <p>The service time is waited out on a timer, not on a parked thread: the handler hands the exchange to
 * the timer and returns, and the timer answers it when the time is up. A thousand slow requests cost a
 * thousand timer entries, not a thousand threads.
 */
final class SandboxService implements AutoCloseable {
    private static final String HEALTH = "/health";
    private static final String READY = "/ready";
    private static final String METRICS = "/metrics";

    private final Track track;
    private final String version;
    private final HttpServer server;
    private final URI url;
    private final ScheduledExecutorService timer;
    private final RequestDice dice;
    private final byte[] healthBody;

    private final AtomicLong requestNumber = new AtomicLong();
    private final Map<Integer, LongAdder> answeredByCode = new ConcurrentHashMap<>();
    private final LatencyHistogram latency = new LatencyHistogram();
    private volatile CanaryFaults faults = CanaryFaults.NONE;

    private SandboxService(Track track, String version, long seed, HttpServer server, ScheduledExecutorService timer) {
        this.track = track;
        this.version = version;
        this.server = server;
        this.url = Loopback.url(server);
        this.timer = timer;
        this.dice = new RequestDice(seed);
        this.healthBody = new AdminJson().healthOf(track.label(), version);
        // Present from the first scrape, so rate() over the error code works before the first error.
        answeredByCode.put(200, new LongAdder());
        answeredByCode.put(500, new LongAdder());
    }

    /** Starts a service on a free loopback port. */
    static SandboxService start(
            Track track, String version, long seed, ExecutorService handlers, ScheduledExecutorService timer)
            throws IOException {
        HttpServer server = Loopback.bind(0, handlers);
        SandboxService service = new SandboxService(track, version, seed, server, timer);
        server.createContext("/", service::handle);
        server.start();
        return service;
    }

    Track track() {
        return track;
    }

    String version() {
        return version;
    }

    URI url() {
        return url;
    }

    CanaryFaults faults() {
        return faults;
    }

    /** Named for the canary, but either track takes faults: a test may want a sick stable. */
    void injectFaults(CanaryFaults newFaults) {
        faults = Objects.requireNonNull(newFaults, "faults");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) {
        try {
            switch (exchange.getRequestURI().getPath()) {
                case HEALTH -> probe(exchange, Replies.JSON, healthBody);
                case READY -> probe(exchange, Replies.TEXT, "ready\n".getBytes(StandardCharsets.UTF_8));
                case METRICS -> probe(exchange, PrometheusText.CONTENT_TYPE, metrics());
                default -> work(exchange);
            }
        } catch (IOException | RuntimeException e) {
            Replies.internalError(exchange);
        }
    }

    private static void probe(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            Replies.text(exchange, 405, method + " is not allowed here; use GET\n");
            return;
        }
        Replies.send(exchange, 200, contentType, body);
    }

    private void work(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        // Read the whole request before answering, so the connection can be kept alive for the next one.
        try (var body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        long n = requestNumber.getAndIncrement();
        CanaryFaults now = faults;
        boolean fails = dice.fails(n, now.errorRatio());
        long serviceNanos = dice.baselineNanos(n) + now.addedLatency().toNanos();
        long remaining = serviceNanos - (System.nanoTime() - arrived);
        try {
            timer.schedule(() -> answer(exchange, arrived, fails), Math.max(0, remaining), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange, long arrived, boolean fails) {
        int code = fails ? 500 : 200;
        // Counted before the answer leaves: a client holding the answer must find it in /metrics already.
        // The few microseconds of writing left out are not something a histogram bucket can see.
        latency.observe((System.nanoTime() - arrived) / 1e9);
        answeredByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
        exchange.getResponseHeaders().set("X-Sandbox-Track", track.label());
        exchange.getResponseHeaders().set("X-Sandbox-Version", version);
        String body = track.label() + " " + version + (fails ? " error (injected fault)\n" : " ok\n");
        try {
            Replies.text(exchange, code, body);
        } catch (IOException | RuntimeException clientGone) {
            exchange.close();
        }
    }

    private byte[] metrics() {
        PrometheusText out = new PrometheusText();
        out.family("http_requests_total", "counter", "Work requests answered, by HTTP status code.");
        answeredByCode.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.sample("http_requests_total", "code", e.getKey().toString(), e.getValue().sum()));
        latency.writeTo(
                out,
                "http_request_duration_seconds",
                "Time from receiving a work request to answering it, in seconds.");
        out.family("sandbox_service_info", "gauge", "The track and version this sandbox service runs; always 1.");
        out.sample("sandbox_service_info", new String[] {"track", "version"}, new String[] {track.label(), version}, 1);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
