package dev.quarterdeck.traffic.adapter.kong;

import dev.quarterdeck.probe.adapter.OkHttpCalls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarterdeck.plan.ValueTemplate;
import dev.quarterdeck.traffic.ActionException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Calls to one Kong Admin API, each turned into JSON or an {@link ActionException} that says what was
 * attempted and whether trying again may help. The token is resolved from the environment at each call,
 * sent as {@code Kong-Admin-Token}, and kept out of every message.
 */
final class KongAdminApi {
    static final String TOKEN_HEADER = "Kong-Admin-Token";
    static final String DB_LESS =
            "Kong runs DB-less: weights are set in its declarative config, not through the Admin API";
    private static final MediaType JSON = MediaType.get("application/json");
    /** Admin API answers are small; a page of 1000 targets is well under this. */
    private static final long BODY_LIMIT = 4L * 1024 * 1024;

    private final HttpUrl base;
    private final OkHttpClient http;
    private final Duration callTimeout;
    private final Optional<ValueTemplate> token;
    private final Function<String, String> environment;
    private final ObjectMapper json = new ObjectMapper();

    KongAdminApi(HttpUrl base, OkHttpClient http, Duration callTimeout, Optional<ValueTemplate> token,
            Function<String, String> environment) {
        this.base = Objects.requireNonNull(base, "base");
        this.http = Objects.requireNonNull(http, "http");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        this.token = Objects.requireNonNull(token, "token");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The admin URL as it may be shown: no user-info, no query, no trailing slash. */
    String shownBase() {
        String shown = shown(base);
        return shown.endsWith("/") ? shown.substring(0, shown.length() - 1) : shown;
    }

    /** {@code base/segment/...}, each segment percent-encoded where needed ({@code a b:80} is {@code a%20b:80}). */
    HttpUrl url(String... segments) {
        HttpUrl.Builder url = base.newBuilder().username("").password("").query(null).fragment(null);
        for (String segment : segments) {
            url.addPathSegment(segment);
        }
        return url.build();
    }

    /**
     * Where Kong's {@code next} points: a path is taken relative to the admin URL (Kong does not know a
     * prefix a proxy adds). An absolute URL on another server is refused: the token must not go there.
     */
    HttpUrl next(HttpUrl from, String next) throws ActionException {
        HttpUrl url = next.startsWith("/") ? HttpUrl.parse(shownBase() + next) : HttpUrl.parse(next);
        if (url == null) {
            throw new ActionException("GET " + shown(from) + ": Kong's next page is not a URL", false);
        }
        if (!url.scheme().equals(base.scheme()) || !url.host().equals(base.host()) || url.port() != base.port()) {
            throw new ActionException("GET " + shown(from) + ": Kong's next page is on another server ("
                    + shown(url) + "); not following it with the Admin API token", false);
        }
        return url;
    }

    JsonNode get(HttpUrl url, String ifNotFound) throws ActionException {
        return call(new Request.Builder().url(url).get(), ifNotFound);
    }

    JsonNode patch(HttpUrl url, JsonNode body, String ifNotFound) throws ActionException {
        return call(new Request.Builder().url(url).patch(RequestBody.create(body.toString(), JSON)), ifNotFound);
    }

    private JsonNode call(Request.Builder builder, String ifNotFound) throws ActionException {
        Optional<String> secret = resolvedToken();
        secret.ifPresent(value -> builder.header(TOKEN_HEADER, value));
        Request request = builder.build();
        String what = request.method() + " " + shown(request.url());
        Call call = http.newCall(request);
        call.timeout().timeout(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
        try (Response response = OkHttpCalls.execute(call)) {
            String body = readCapped(what, response);
            int status = response.code();
            if (!response.isSuccessful()) {
                throw refusal(what, status, body, ifNotFound, secret);
            }
            JsonNode answer = null;
            try {
                answer = json.readTree(body);
            } catch (IOException notJson) {
                // Reported below, with an empty answer.
            }
            if (answer == null || answer.isMissingNode()) {
                throw new ActionException(what + ": HTTP " + status + " but the answer is not JSON: "
                        + (body.isBlank() ? "(empty)" : scrub(abbreviate(body), secret)), false);
            }
            return answer;
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ActionException(what + ": interrupted", false, e);
            }
            // OkHttp reports its call deadline this way too; a later try may well get through.
            throw new ActionException(what + ": timed out after " + callTimeout.toMillis() + " ms", true, e);
        } catch (ConnectException | NoRouteToHostException e) {
            throw new ActionException(what + ": connection refused", true, e);
        } catch (UnknownHostException e) {
            throw new ActionException(what + ": unknown host " + request.url().host(), false, e);
        } catch (SSLPeerUnverifiedException e) {
            throw new ActionException(what + ": TLS: Kong's certificate does not match host " + request.url().host()
                    + " (trust the right certificate, or mark the environment insecureTls)", false, e);
        } catch (SSLHandshakeException e) {
            throw new ActionException(what + ": TLS: Kong's certificate is not trusted (self-signed?) or the"
                    + " handshake was refused (trust Kong's CA, or mark the environment insecureTls)", false, e);
        } catch (IOException e) {
            // A reset or a truncated answer: Kong may be restarting, so worth another try.
            throw new ActionException(what + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + scrub(e.getMessage(), secret)), true, e);
        }
    }

    /** The token for this call, or empty when the plan gives none. */
    private Optional<String> resolvedToken() throws ActionException {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        ValueTemplate template = token.get();
        for (String variable : template.variables()) {
            String value = environment.apply(variable);
            if (value == null || value.isEmpty()) {
                throw new ActionException("the Kong Admin API token needs environment variable " + variable
                        + (value == null ? ", which is not set" : ", which is empty"), false);
            }
        }
        String value = template.resolve(environment).orElseThrow();
        // OkHttp's own check would quote the value in its message; this one says where it came from instead.
        if (value.isEmpty() || !value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
            String from = template.variables().isEmpty() ? "the plan" : String.join(", ", template.variables());
            throw new ActionException("the Kong Admin API token (from " + from + ") is empty or holds a character"
                    + " an HTTP header cannot carry (a trailing newline?)", false);
        }
        return Optional.of(value);
    }

    private ActionException refusal(String what, int status, String body, String ifNotFound,
            Optional<String> secret) {
        String kongSays = scrub(kongMessage(body), secret);
        String detail = kongSays.isEmpty() ? "" : " (Kong says: " + kongSays + ")";
        String lower = kongSays.toLowerCase(Locale.ROOT);
        // Kong says "cannot update 'targets' entities when not using a database", with a 405; proxies and
        // other versions word it differently, so the message is read for any 4xx.
        boolean dbLess = status == 405 || (status >= 400 && status < 500
                && (lower.contains("db-less") || lower.contains("dbless") || lower.contains("declarative")
                        || lower.contains("not using a database")));
        if (dbLess) {
            return new ActionException(what + ": HTTP " + status + ": " + DB_LESS + detail, false);
        }
        if (status == 401) {
            String which = token.isEmpty()
                    ? "no token is configured (give the environment's Kong traffic a token)"
                    : "check the token" + (token.get().variables().isEmpty()
                            ? "" : " in " + String.join(", ", token.get().variables()));
            return new ActionException(what + ": HTTP 401: Kong did not accept the Admin API credentials; " + which
                    + detail, false);
        }
        if (status == 403) {
            return new ActionException(what + ": HTTP 403: the Admin API token may not do this (check its RBAC"
                    + " role)" + detail, false);
        }
        if (status == 404) {
            return new ActionException(what + ": HTTP 404: " + ifNotFound, false);
        }
        boolean worthRetrying = status >= 500 || status == 408 || status == 429;
        return new ActionException(what + ": HTTP " + status + detail, worthRetrying);
    }

    /** Kong's {@code {"message": ...}} when it sent one, else the start of the body. */
    private String kongMessage(String body) {
        if (body.isBlank()) {
            return "";
        }
        try {
            JsonNode message = json.readTree(body).get("message");
            if (message != null && message.isTextual()) {
                return abbreviate(message.asText());
            }
        } catch (IOException notJson) {
            // Fall through to the raw text.
        }
        return abbreviate(body);
    }

    private static String readCapped(String what, Response response) throws IOException, ActionException {
        BufferedSource source = response.body().source();
        if (source.request(BODY_LIMIT + 1)) {
            throw new ActionException(what + ": HTTP " + response.code() + " with a body over " + BODY_LIMIT
                    + " bytes", false);
        }
        return source.readUtf8();
    }

    /** A URL as it may be shown: user-info and query can hold credentials, so neither is. */
    static String shown(HttpUrl url) {
        return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
    }

    private static String scrub(String text, Optional<String> secret) {
        return secret.filter(s -> !s.isEmpty()).map(s -> text.replace(s, "(token)")).orElse(text);
    }

    private static String abbreviate(String text) {
        String line = text.strip().replace('\n', ' ');
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
