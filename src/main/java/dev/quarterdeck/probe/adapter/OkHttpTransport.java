package dev.quarterdeck.probe.adapter;

import dev.quarterdeck.probe.HttpFailure;
import dev.quarterdeck.probe.HttpReply;
import dev.quarterdeck.probe.HttpRequest;
import dev.quarterdeck.probe.HttpTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * {@link HttpTransport} on OkHttp 5. Shares the caller's {@link OkHttpClient} (one connection pool for the
 * whole app) and runs each request synchronously on the calling I/O thread, so the client's dispatcher limits
 * (five calls per host) never queue one probe behind another's hung call.
 *
 * <p>Every call gets its own deadline through {@link Call#timeout()}, covering connect, the wait for the
 * answer and reading the body. Bodies are read up to a limit and a larger one is a failure, not a truncated
 * page: a runaway target cannot fill memory, and a cut-off metrics page is never parsed as if whole.
 *
 * <p>TLS is verified by the client given: a failed handshake is an {@link HttpFailure.Kind#TLS} failure that
 * says what is wrong with the certificate. For an environment with {@code insecureTls: true} build the client
 * with {@link InsecureTls#apply}.
 */
public final class OkHttpTransport implements HttpTransport {
    /** Large enough for a busy service's full {@code /metrics} page. */
    public static final long DEFAULT_BODY_LIMIT = 16L * 1024 * 1024;

    /** Methods OkHttp sends only with a body; a probe that gives none sends an empty one, as curl does. */
    private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH", "PROPPATCH", "REPORT");
    private static final Set<String> BODY_FORBIDDEN = Set.of("GET", "HEAD");

    private final OkHttpClient client;
    private final long bodyLimit;

    public OkHttpTransport(OkHttpClient client) {
        this(client, DEFAULT_BODY_LIMIT);
    }

    /** @param bodyLimit the most body bytes read from one answer, at most {@link Integer#MAX_VALUE} */
    public OkHttpTransport(OkHttpClient client, long bodyLimit) {
        this.client = Objects.requireNonNull(client, "client");
        // A body becomes one String, which cannot hold more than Integer.MAX_VALUE chars anyway.
        if (bodyLimit < 0 || bodyLimit > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("body limit must be 0.." + Integer.MAX_VALUE + ", was " + bodyLimit);
        }
        this.bodyLimit = bodyLimit;
    }

    @Override
    public HttpReply send(HttpRequest request) throws HttpFailure {
        Objects.requireNonNull(request, "request");
        long start = System.nanoTime();
        Call call = client.newCall(toOkHttp(request));
        call.timeout().timeout(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
        try (Response response = OkHttpCalls.execute(call)) {
            String body = readCapped(request, response.body(), start);
            return new HttpReply(request.url(), response.code(), body, since(start));
        } catch (HttpFailure e) {
            throw e;
        } catch (IOException e) {
            throw translate(request, e, start);
        }
    }

    private static Request toOkHttp(HttpRequest request) throws HttpFailure {
        URI url = request.url();
        String method = request.method();
        HttpUrl httpUrl = HttpUrl.parse(url.toString());
        if (httpUrl == null) {
            throw refused(request, "not an http or https URL");
        }
        Headers.Builder headers = new Headers.Builder();
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            try {
                headers.add(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) {
                // OkHttp's message quotes the value, which is often a secret: neither it nor the cause goes on.
                throw refused(request, "header '" + header.getKey() + "' cannot be sent: its name or value holds"
                        + " a character HTTP does not allow (a line break or a non-ASCII character?)");
            }
        }
        RequestBody body = null;
        if (request.body().isPresent()) {
            if (BODY_FORBIDDEN.contains(method)) {
                throw refused(request, "a " + method + " request cannot carry a body");
            }
            MediaType type = request.header("Content-Type").map(MediaType::parse).orElse(null);
            // Bytes, not a String: OkHttp would otherwise append "; charset=utf-8" to the type the plan wrote.
            body = RequestBody.create(request.body().get().getBytes(StandardCharsets.UTF_8), type);
        } else if (BODY_REQUIRED.contains(method)) {
            body = RequestBody.create(new byte[0], null);
        }
        try {
            return new Request.Builder().url(httpUrl).headers(headers.build()).method(method, body).build();
        } catch (IllegalArgumentException e) {
            throw refused(request, "cannot be sent: " + e.getMessage());
        }
    }

    private static HttpFailure refused(HttpRequest request, String reason) {
        return new HttpFailure(request.method(), request.url(), HttpFailure.Kind.BROKEN, reason, Duration.ZERO, null);
    }

    private String readCapped(HttpRequest request, ResponseBody body, long start) throws IOException {
        long declared = body.contentLength();
        if (declared > bodyLimit) {
            throw new HttpFailure(request.method(), request.url(), HttpFailure.Kind.TOO_LARGE,
                    "answered with a " + declared + "-byte body, over the " + bodyLimit + "-byte limit",
                    since(start), null);
        }
        BufferedSource source = body.source();
        // Buffers at most limit + 1 bytes (plus one segment) to learn whether there is more than the limit.
        if (source.request(bodyLimit + 1)) {
            throw new HttpFailure(request.method(), request.url(), HttpFailure.Kind.TOO_LARGE,
                    "answered with a body over the " + bodyLimit + "-byte limit", since(start), null);
        }
        MediaType type = body.contentType();
        Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
        return source.readString(charset);
    }

    private static HttpFailure translate(HttpRequest request, IOException e, long start) {
        Duration elapsed = since(start);
        String method = request.method();
        URI url = request.url();
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new HttpFailure(method, url, HttpFailure.Kind.UNREACHABLE, "connection refused", elapsed, e);
        }
        if (e instanceof UnknownHostException) {
            return new HttpFailure(method, url, HttpFailure.Kind.UNREACHABLE, "unknown host", elapsed, e);
        }
        if (e instanceof InterruptedIOException) {
            if (Thread.currentThread().isInterrupted()) {
                return new HttpFailure(method, url, HttpFailure.Kind.INTERRUPTED, "interrupted", elapsed, e);
            }
            // The call deadline and the client's own connect/read timeouts all end up here.
            return new HttpFailure(method, url, HttpFailure.Kind.TIMEOUT, "timed out after " + human(elapsed),
                    elapsed, e);
        }
        if (e instanceof SSLException) {
            return HttpFailure.tls(method, url, TlsProblem.describe((SSLException) e, url.getHost()), elapsed, e);
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new HttpFailure(method, url, HttpFailure.Kind.BROKEN, reason, elapsed, e);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String human(Duration d) {
        long millis = d.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
