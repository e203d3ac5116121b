package dev.quarterdeck.probe.adapter;

import dev.quarterdeck.probe.HttpFailure;
import dev.quarterdeck.probe.HttpReply;
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
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * {@link HttpTransport} on OkHttp 5. Shares the caller's {@link OkHttpClient} (one connection pool for the
 * whole app) and runs each GET synchronously on the calling I/O thread, so the client's dispatcher limits
 * (five calls per host) never queue one probe behind another's hung call.
 *
 * <p>Every call gets its own deadline through {@link Call#timeout()}, covering connect, the wait for the
 * answer and reading the body. Bodies are read up to a limit and a larger one is a failure, not a truncated
 * page: a runaway target cannot fill memory, and a cut-off metrics page is never parsed as if whole.
 */
public final class OkHttpTransport implements HttpTransport {
    /** Large enough for a busy service's full {@code /metrics} page. */
    public static final long DEFAULT_BODY_LIMIT = 16L * 1024 * 1024;

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
    public HttpReply get(URI url, Duration timeout) throws HttpFailure {
        Objects.requireNonNull(url, "url");
        // OkHttp reads a zero timeout as "none"; a probe always has a deadline.
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        long start = System.nanoTime();
        HttpUrl httpUrl = HttpUrl.parse(url.toString());
        if (httpUrl == null) {
            throw new HttpFailure(url, HttpFailure.Kind.BROKEN, "not an http or https URL", Duration.ZERO, null);
        }
        Call call = client.newCall(new Request.Builder().url(httpUrl).get().build());
        call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        try (Response response = call.execute()) {
            String body = readCapped(url, response.body(), start);
            return new HttpReply(url, response.code(), body, since(start));
        } catch (HttpFailure e) {
            throw e;
        } catch (IOException e) {
            throw translate(url, e, start);
        }
    }

    private String readCapped(URI url, ResponseBody body, long start) throws IOException {
        long declared = body.contentLength();
        if (declared > bodyLimit) {
            throw new HttpFailure(url, HttpFailure.Kind.TOO_LARGE,
                    "answered with a " + declared + "-byte body, over the " + bodyLimit + "-byte limit",
                    since(start), null);
        }
        BufferedSource source = body.source();
        // Buffers at most limit + 1 bytes (plus one segment) to learn whether there is more than the limit.
        if (source.request(bodyLimit + 1)) {
            throw new HttpFailure(url, HttpFailure.Kind.TOO_LARGE,
                    "answered with a body over the " + bodyLimit + "-byte limit", since(start), null);
        }
        MediaType type = body.contentType();
        Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
        return source.readString(charset);
    }

    private static HttpFailure translate(URI url, IOException e, long start) {
        Duration elapsed = since(start);
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new HttpFailure(url, HttpFailure.Kind.UNREACHABLE, "connection refused", elapsed, e);
        }
        if (e instanceof UnknownHostException) {
            return new HttpFailure(url, HttpFailure.Kind.UNREACHABLE, "unknown host", elapsed, e);
        }
        if (e instanceof InterruptedIOException) {
            if (Thread.currentThread().isInterrupted()) {
                return new HttpFailure(url, HttpFailure.Kind.INTERRUPTED, "interrupted", elapsed, e);
            }
            // The call deadline and the client's own connect/read timeouts all end up here.
            return new HttpFailure(url, HttpFailure.Kind.TIMEOUT, "timed out after " + human(elapsed), elapsed, e);
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new HttpFailure(url, HttpFailure.Kind.BROKEN, reason, elapsed, e);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String human(Duration d) {
        long millis = d.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
