package dev.quarterdeck.traffic.adapter;

import dev.quarterdeck.probe.adapter.OkHttpCalls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.TrafficRouter;
import dev.quarterdeck.traffic.WeightReading;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The sandbox router, embedded or standalone, driven over its admin API: {@code PUT /router/weight}
 * writes, a separate {@code GET /router/weight} reads back, and only the read-back is reported as applied.
 * The admin API is the whole contract: this class knows nothing of the sandbox's code, so the embedded
 * sandbox is driven exactly like a remote one.
 *
 * <p>Failures are {@link ActionException}s naming the method, URL and HTTP status or I/O error.
 * Timeouts, refused connections, 408, 429 and 5xx are transient; other 4xx and unreadable answers are not.
 */
public final class SandboxTrafficRouter implements TrafficRouter {
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String WEIGHT_PATH = "/router/weight";

    private final URI adminUrl;
    private final HttpUrl weightUrl;
    private final OkHttpClient http;
    private final Clock clock;
    private final Duration callTimeout;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param adminUrl the sandbox's admin base URL (its router URL), e.g. {@code http://127.0.0.1:41234}
     * @param http the application's shared client; not closed here
     * @param clock stamps each {@link WeightReading}
     * @param callTimeout for each whole HTTP call (connect, write, read)
     * @throws IllegalArgumentException when the admin URL is not an http or https URL
     */
    public SandboxTrafficRouter(URI adminUrl, OkHttpClient http, Clock clock, Duration callTimeout) {
        this.adminUrl = Objects.requireNonNull(adminUrl, "adminUrl");
        // Parsed now, so a mistyped admin URL fails when the environment is wired, not mid-release.
        this.weightUrl = HttpUrl.get(adminUrl.toString().replaceAll("/+$", "") + WEIGHT_PATH);
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("call timeout must be positive, was " + callTimeout);
        }
    }

    /** With a 5 s timeout per call. */
    public SandboxTrafficRouter(URI adminUrl, OkHttpClient http, Clock clock) {
        this(adminUrl, http, clock, DEFAULT_CALL_TIMEOUT);
    }

    @Override
    public String describe() {
        return "sandbox router at " + adminUrl.toString().replaceAll("/+$", "");
    }

    @Override
    public WeightReading setCanaryWeight(CanaryWeight weight) throws ActionException {
        Objects.requireNonNull(weight, "weight");
        String body = json.createObjectNode().put("weight", weight.percent()).toString();
        call(new Request.Builder().url(weightUrl).put(RequestBody.create(body, JSON)).build());
        // The PUT's own answer is not the read-back: only a separate read proves what the router applies.
        return readCanaryWeight();
    }

    @Override
    public WeightReading readCanaryWeight() throws ActionException {
        String what = "GET " + weightUrl;
        String body = call(new Request.Builder().url(weightUrl).get().build());
        JsonNode weight;
        try {
            weight = json.readTree(body).get("weight");
        } catch (IOException e) {
            throw new ActionException(what + ": HTTP 200 but not JSON: " + abbreviate(body), false, e);
        }
        if (weight == null || !weight.isIntegralNumber() || weight.intValue() < 0 || weight.intValue() > 100) {
            throw new ActionException(
                    what + ": HTTP 200 but no weight 0..100 in " + abbreviate(body), false);
        }
        return new WeightReading(CanaryWeight.of(weight.intValue()), clock.instant());
    }

    /** Runs one call and returns its body, or throws with the URL and the status or I/O error. */
    private String call(Request request) throws ActionException {
        String what = request.method() + " " + request.url();
        Call call = http.newCall(request);
        call.timeout().timeout(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
        try (Response response = OkHttpCalls.execute(call)) {
            String body = response.body().string();
            int status = response.code();
            if (response.isSuccessful()) {
                return body;
            }
            throw new ActionException(
                    what + ": HTTP " + status + errorText(body), status >= 500 || status == 408 || status == 429);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ActionException(what + ": interrupted", false, e);
            }
            // OkHttp reports its call timeout this way too; a later try may well get through.
            throw new ActionException(what + ": timed out after " + callTimeout.toMillis() + " ms", true, e);
        } catch (ConnectException e) {
            throw new ActionException(what + ": connection refused (" + e.getMessage() + ")", true, e);
        } catch (UnknownHostException e) {
            throw new ActionException(what + ": unknown host (" + e.getMessage() + ")", false, e);
        } catch (IOException e) {
            // A reset or a truncated answer: the router may be restarting, so worth another try.
            throw new ActionException(what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), true, e);
        }
    }

    /** The sandbox's {@code {"error": ...}} message when it sent one, else the start of the body. */
    private String errorText(String body) {
        if (body.isBlank()) {
            return "";
        }
        try {
            JsonNode error = json.readTree(body).get("error");
            if (error != null && error.isTextual()) {
                return ": " + error.asText();
            }
        } catch (IOException notJson) {
            // Fall through to the raw text.
        }
        return ": " + abbreviate(body);
    }

    private static String abbreviate(String text) {
        String line = text.strip().replace('\n', ' ');
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
