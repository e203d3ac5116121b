package dev.quarterdeck.probe.adapter.prometheus;

import dev.quarterdeck.probe.adapter.OkHttpCalls;
import com.fasterxml.jackson.databind.JsonNode;
import dev.quarterdeck.probe.PrometheusAlert;
import dev.quarterdeck.probe.PrometheusAnswer;
import dev.quarterdeck.probe.PrometheusApi;
import dev.quarterdeck.probe.PrometheusFailure;
import dev.quarterdeck.probe.PrometheusResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * {@link PrometheusApi} over HTTP with OkHttp 5. The caller passes the {@link OkHttpClient} (one connection
 * pool for the app; an environment with {@code insecureTls} passes a client built for it) and the server's
 * base URL, which may have a path prefix ({@code https://ops.example/prometheus}) and user-info, sent as
 * basic authentication and never shown.
 *
 * <p>Queries go as GET, or as a POST form when the URL would be longer than {@link #LONGEST_GET_URL}, which
 * proxies in front of Prometheus may refuse. Each call has its own deadline covering connect, evaluation and
 * reading the body; the same deadline goes to Prometheus as {@code timeout}, so a heavy query is given up
 * there too. Bodies are read up to a limit; a larger one is a failure, never a truncated answer.
 */
public final class PrometheusHttpApi implements PrometheusApi {
    /** A range query over hours at a fine step, for a few series, fits well inside this. */
    public static final long DEFAULT_BODY_LIMIT = 16L * 1024 * 1024;
    /** Longer GET URLs become POST forms; 2 KiB is what the most conservative proxies accept. */
    public static final int LONGEST_GET_URL = 2048;
    private static final int EXCERPT_CHARS = 160;

    private final OkHttpClient client;
    private final URI baseUrl;
    private final HttpUrl base;
    private final String authorization;
    private final long bodyLimit;
    private final PrometheusJson json = new PrometheusJson();

    public PrometheusHttpApi(OkHttpClient client, URI baseUrl) {
        this(client, baseUrl, DEFAULT_BODY_LIMIT);
    }

    /**
     * A base URL that is not http(s) is not thrown here but reported by every call, so one misconfigured
     * environment cannot stop the rest of a session from being wired.
     *
     * @param bodyLimit the most body bytes read from one answer, at most {@link Integer#MAX_VALUE}
     */
    public PrometheusHttpApi(OkHttpClient client, URI baseUrl, long bodyLimit) {
        this.client = Objects.requireNonNull(client, "client");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        if (bodyLimit < 0 || bodyLimit > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("body limit must be 0.." + Integer.MAX_VALUE + ", was " + bodyLimit);
        }
        this.bodyLimit = bodyLimit;
        HttpUrl parsed = HttpUrl.parse(baseUrl.toString());
        this.base = parsed == null ? null : parsed.newBuilder().username("").password("").build();
        this.authorization = basicAuthorization(baseUrl);
    }

    @Override
    public String shownUrl() {
        return shown(baseUrl);
    }

    @Override
    public PrometheusAnswer<PrometheusResult> query(String promql, Instant time, Duration timeout)
            throws PrometheusFailure {
        Objects.requireNonNull(promql, "promql");
        Objects.requireNonNull(time, "time");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", promql);
        params.put("time", seconds(time));
        params.put("timeout", seconds(positive(timeout)));
        return call("api/v1/query", params, true, timeout, json::result);
    }

    @Override
    public PrometheusAnswer<PrometheusResult.Matrix> queryRange(String promql, Instant start, Instant end,
            Duration step, Duration timeout) throws PrometheusFailure {
        Objects.requireNonNull(promql, "promql");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("range ends (" + end + ") before it starts (" + start + ")");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", promql);
        params.put("start", seconds(start));
        params.put("end", seconds(end));
        params.put("step", seconds(positive(step)));
        params.put("timeout", seconds(positive(timeout)));
        return call("api/v1/query_range", params, true, timeout, json::rangeResult);
    }

    @Override
    public PrometheusAnswer<List<PrometheusAlert>> alerts(Duration timeout) throws PrometheusFailure {
        return call("api/v1/alerts", Map.of(), false, positive(timeout), json::alerts);
    }

    /** Reads one part of a successful answer's {@code data}. */
    private interface DataReader<T> {
        T read(JsonNode data) throws PrometheusJson.Malformed;
    }

    private <T> PrometheusAnswer<T> call(String path, Map<String, String> params, boolean mayPost, Duration timeout,
            DataReader<T> reader) throws PrometheusFailure {
        long start = System.nanoTime();
        if (base == null) {
            throw PrometheusFailure.noAnswer(baseUrl, PrometheusFailure.Kind.BROKEN, "not an http or https URL",
                    Duration.ZERO, null);
        }
        HttpUrl endpoint = base.newBuilder().addPathSegments(path).build();
        URI shownEndpoint = endpoint.uri();
        Call call = client.newCall(request(endpoint, params, mayPost));
        call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        int status;
        byte[] body;
        try (Response response = OkHttpCalls.execute(call)) {
            status = response.code();
            body = readCapped(shownEndpoint, response.body(), start);
        } catch (PrometheusFailure e) {
            throw e;
        } catch (IOException e) {
            throw translate(shownEndpoint, e, start);
        }
        Duration elapsed = since(start);
        boolean ok = status >= 200 && status < 300;
        PrometheusJson.Envelope envelope;
        try {
            envelope = json.envelope(body);
        } catch (PrometheusJson.Malformed e) {
            if (!ok) {
                throw PrometheusFailure.httpStatus(shownEndpoint, status, excerpt(body), elapsed);
            }
            throw PrometheusFailure.malformed(shownEndpoint, status, e.getMessage(), elapsed, e);
        }
        if (envelope instanceof PrometheusJson.Failure failure) {
            throw PrometheusFailure.rejected(shownEndpoint, status, failure.errorType(), failure.error(), elapsed);
        }
        if (!ok) {
            throw PrometheusFailure.httpStatus(shownEndpoint, status, excerpt(body), elapsed);
        }
        PrometheusJson.Success success = (PrometheusJson.Success) envelope;
        try {
            return new PrometheusAnswer<>(reader.read(success.data()), success.warnings(), elapsed);
        } catch (PrometheusJson.Malformed e) {
            throw PrometheusFailure.malformed(shownEndpoint, status, e.getMessage(), elapsed, e);
        }
    }

    private Request request(HttpUrl endpoint, Map<String, String> params, boolean mayPost) {
        HttpUrl.Builder get = endpoint.newBuilder();
        params.forEach(get::addQueryParameter);
        HttpUrl getUrl = get.build();
        Request.Builder request = new Request.Builder().header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (!mayPost || getUrl.toString().length() <= LONGEST_GET_URL) {
            return request.url(getUrl).get().build();
        }
        FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8);
        params.forEach(form::add);
        return request.url(endpoint).post(form.build()).build();
    }

    private byte[] readCapped(URI url, ResponseBody body, long start) throws IOException, PrometheusFailure {
        long declared = body.contentLength();
        if (declared > bodyLimit) {
            throw PrometheusFailure.noAnswer(url, PrometheusFailure.Kind.TOO_LARGE,
                    "answered with a " + declared + "-byte body, over the " + bodyLimit + "-byte limit",
                    since(start), null);
        }
        BufferedSource source = body.source();
        // Buffers at most limit + 1 bytes (plus one segment) to learn whether there is more than the limit.
        if (source.request(bodyLimit + 1)) {
            throw PrometheusFailure.noAnswer(url, PrometheusFailure.Kind.TOO_LARGE,
                    "answered with a body over the " + bodyLimit + "-byte limit", since(start), null);
        }
        return source.readByteArray();
    }

    /** How an I/O failure reads in the timeline; the PrometheusFailure wraps IOException as its cause. */
    private static PrometheusFailure translate(URI url, IOException e, long start) {
        Duration elapsed = since(start);
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return PrometheusFailure.noAnswer(url, PrometheusFailure.Kind.UNREACHABLE, "connection refused", elapsed, e);
        }
        if (e instanceof UnknownHostException) {
            return PrometheusFailure.noAnswer(url, PrometheusFailure.Kind.UNREACHABLE, "unknown host", elapsed, e);
        }
        if (e instanceof SSLException) {
            return PrometheusFailure.noAnswer(url, PrometheusFailure.Kind.TLS,
                    "TLS failed: " + oneLine(String.valueOf(e.getMessage())), elapsed, e);
        }
        if (e instanceof InterruptedIOException) {
            if (Thread.currentThread().isInterrupted()) {
                return PrometheusFailure.noAnswer(url, PrometheusFailure.Kind.INTERRUPTED, "interrupted", elapsed, e);
            }
            // The call deadline and the client's own connect/read timeouts all end up here.
            return PrometheusFailure.noAnswer(url, PrometheusFailure.Kind.TIMEOUT,
                    "timed out after " + human(elapsed), elapsed, e);
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
        return PrometheusFailure.noAnswer(url, PrometheusFailure.Kind.BROKEN, reason, elapsed, e);
    }

    /** The start of a non-API body (a proxy's error page), on one line, for the message. */
    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, EXCERPT_CHARS * 4), StandardCharsets.UTF_8);
        return oneLine(text);
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        return line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS - 3) + "...";
    }

    /** Basic authentication from the URL's user-info; OkHttp does not send URL credentials by itself. */
    private static String basicAuthorization(URI url) {
        String userInfo = url.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            return null;
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String password = colon < 0 ? "" : userInfo.substring(colon + 1);
        return Credentials.basic(decode(user), decode(password), StandardCharsets.UTF_8);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The same rule as the probes' URLs in messages: no user-info, query elided. */
    private static String shown(URI url) {
        if (url.getRawUserInfo() == null && url.getRawQuery() == null) {
            return url.toString();
        }
        if (url.getHost() == null) {
            return url.getScheme() + ":(redacted)";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath()) + (url.getRawQuery() == null ? "" : "?...");
    }

    /** Unix seconds with up to nanosecond digits, never in exponent notation: Prometheus' time syntax. */
    static String seconds(Instant time) {
        return BigDecimal.valueOf(time.getEpochSecond()).add(BigDecimal.valueOf(time.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    private static Duration positive(Duration duration) {
        // OkHttp reads a zero timeout as "none", and Prometheus rejects a zero step: both are caller bugs.
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be positive, was " + duration);
        }
        return duration;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String human(Duration d) {
        long millis = d.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
