package dev.quarterdeck.sandbox;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quarterdeck.plan.Track;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sandbox's weighted router: forwards every request that is not its own ({@code /metrics} and the
 * admin API) to stable or canary as the {@link CanarySplit} decides, and relays status, body and the
 * services' identifying headers. Forwarding is asynchronous: no thread waits while a service thinks.
 */
final class SandboxRouter implements AutoCloseable {
    static final String METRICS = "/metrics";
    /** Long enough for the worst latency fault (30 s) on top of the slowest baseline answer. */
    private static final Duration BACKEND_TIMEOUT = Duration.ofSeconds(35);
    private static final int MAX_FORWARDED_BODY_BYTES = 1024 * 1024;

    /** Hop-by-hop headers, and the ones java.net.http sets itself and refuses from callers. */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect", "http2-settings", "date");

    private final HttpServer server;
    private final URI url;
    private final SandboxService stable;
    private final SandboxService canary;
    private final CanarySplit split;
    private final HttpClient http;
    private final AdminApi admin;
    private final List<PrometheusText.Source> extraMetrics;
    private final LongAdder stableRequests = new LongAdder();
    private final LongAdder canaryRequests = new LongAdder();
    private final LongAdder stableFailures = new LongAdder();
    private final LongAdder canaryFailures = new LongAdder();

    /** Serves on an already bound server, so the caller can learn the port before wiring the load to it. */
    SandboxRouter(
            HttpServer server,
            SandboxService stable,
            SandboxService canary,
            CanarySplit split,
            HttpClient http,
            AdminJson json,
            List<PrometheusText.Source> extraMetrics) {
        this.server = server;
        this.url = Loopback.url(server);
        this.stable = stable;
        this.canary = canary;
        this.split = split;
        this.http = http;
        this.admin = new AdminApi(json, split, canary);
        this.extraMetrics = List.copyOf(extraMetrics);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return url;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) {
        try {
            switch (exchange.getRequestURI().getPath()) {
                case AdminApi.WEIGHT_PATH -> admin.weight(exchange);
                case AdminApi.FAULTS_PATH -> admin.faults(exchange);
                case METRICS -> metrics(exchange);
                default -> forward(exchange);
            }
        } catch (IOException | RuntimeException e) {
            Replies.internalError(exchange);
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            Replies.text(exchange, 405, method + " is not allowed on " + METRICS + "; use GET\n");
            return;
        }
        PrometheusText out = new PrometheusText();
        out.family("sandbox_router_requests_total", "counter", "Requests the router forwarded, by the track it chose.");
        out.sample("sandbox_router_requests_total", "track", Track.STABLE.label(), stableRequests.sum());
        out.sample("sandbox_router_requests_total", "track", Track.CANARY.label(), canaryRequests.sum());
        out.family("sandbox_router_backend_failures_total", "counter",
                "Forwarded requests answered 502 because the chosen service gave no answer.");
        out.sample("sandbox_router_backend_failures_total", "track", Track.STABLE.label(), stableFailures.sum());
        out.sample("sandbox_router_backend_failures_total", "track", Track.CANARY.label(), canaryFailures.sum());
        out.family("sandbox_router_canary_weight_percent", "gauge", "The canary's share of forwarded requests, in percent.");
        out.sample("sandbox_router_canary_weight_percent", split.weight());
        extraMetrics.forEach(source -> source.writeMetrics(out));
        Replies.send(exchange, 200, PrometheusText.CONTENT_TYPE, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_FORWARDED_BODY_BYTES + 1);
        }
        if (body.length > MAX_FORWARDED_BODY_BYTES) {
            Replies.text(exchange, 413, "sandbox router: request body over " + MAX_FORWARDED_BODY_BYTES + " bytes\n");
            return;
        }
        Track track = split.next();
        (track == Track.CANARY ? canaryRequests : stableRequests).increment();
        SandboxService target = track == Track.CANARY ? canary : stable;
        HttpRequest request;
        try {
            request = backendRequest(exchange, target.url(), body);
        } catch (IllegalArgumentException e) {
            Replies.text(exchange, 400, "sandbox router: cannot forward this request: " + e.getMessage() + "\n");
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((response, failure) -> relay(exchange, target, response, failure));
    }

    private static HttpRequest backendRequest(HttpExchange exchange, URI backend, byte[] body) {
        URI incoming = exchange.getRequestURI();
        String query = incoming.getRawQuery();
        URI uri = URI.create(backend + incoming.getRawPath() + (query == null ? "" : "?" + query));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(BACKEND_TIMEOUT)
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        builder.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
        return builder.build();
    }

    private void relay(HttpExchange exchange, SandboxService target, HttpResponse<byte[]> response, Throwable failure) {
        try {
            Headers headers = exchange.getResponseHeaders();
            headers.set("X-Sandbox-Route", target.track().label());
            if (failure != null) {
                (target.track() == Track.CANARY ? canaryFailures : stableFailures).increment();
                Replies.text(exchange, 502, "sandbox router: " + target.track().label() + " at " + target.url()
                        + " gave no answer (" + describe(failure) + ")\n");
                return;
            }
            copyHeaders(response.headers(), headers);
            Replies.send(exchange, response.statusCode(), null, response.body());
        } catch (IOException | RuntimeException clientGone) {
            exchange.close();
        }
    }

    private static void copyHeaders(HttpHeaders from, Headers to) {
        from.map().forEach((name, values) -> {
            if (!name.startsWith(":") && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                to.put(name, values);
            }
        });
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
