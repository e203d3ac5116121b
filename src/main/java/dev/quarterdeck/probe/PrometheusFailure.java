package dev.quarterdeck.probe;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Prometheus call that gave no usable answer. The message goes straight to the captain's timeline, so it
 * always names the endpoint and says what went wrong in Prometheus' own words where there are some:
 * {@code Prometheus at http://prom:9090/api/v1/query: HTTP 400, bad_data: 1:8: parse error: ...}. The URL is
 * shown without user-info and query string, which can carry credentials; the PromQL is never in it.
 */
public final class PrometheusFailure extends Exception {

    /** Why there was no usable answer. */
    public enum Kind {
        /** Nothing listens there, or the host is unknown. */
        UNREACHABLE,
        /** No complete answer within the timeout. */
        TIMEOUT,
        /** The TLS handshake failed: an untrusted or mismatched certificate, or TLS spoken to plain HTTP. */
        TLS,
        /** The answer was larger than the client reads. */
        TOO_LARGE,
        /** The call was interrupted because Quarterdeck is stopping. */
        INTERRUPTED,
        /** Any other I/O or protocol failure. */
        BROKEN,
        /** Prometheus answered {@code "status": "error"}: a bad query, a query timeout, an overload. */
        REJECTED,
        /** An HTTP error status without a Prometheus error in the body: a proxy, a wrong URL, a login page. */
        HTTP_STATUS,
        /** An answer that is not what the Prometheus HTTP API sends: not JSON, fields missing or mistyped. */
        MALFORMED
    }

    private final URI url;
    private final Kind kind;
    private final int httpStatus;
    private final String errorType;
    private final String error;
    private final Duration elapsed;

    private PrometheusFailure(URI url, Kind kind, int httpStatus, String errorType, String error, String reason,
            Duration elapsed, Throwable cause) {
        super("Prometheus at " + ServiceUrl.shown(url) + ": " + reason, cause);
        this.url = Objects.requireNonNull(url, "url");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.errorType = errorType;
        this.error = error;
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    }

    /** No answer at all: refused, timed out, TLS, too large, interrupted, broken. */
    public static PrometheusFailure noAnswer(URI url, Kind kind, String reason, Duration elapsed, Throwable cause) {
        return new PrometheusFailure(url, kind, 0, null, null, reason, elapsed, cause);
    }

    /** Prometheus refused the request in its own words: {@code errorType} ({@code bad_data}) and {@code error}. */
    public static PrometheusFailure rejected(URI url, int httpStatus, String errorType, String error,
            Duration elapsed) {
        String type = errorType == null || errorType.isBlank() ? "" : errorType + ": ";
        String reason = "HTTP " + httpStatus + ", " + type + (error == null || error.isBlank() ? "no reason given" : error);
        return new PrometheusFailure(url, Kind.REJECTED, httpStatus, errorType, error, reason, elapsed, null);
    }

    /** An HTTP error status with a body that is not a Prometheus error; {@code excerpt} may be empty. */
    public static PrometheusFailure httpStatus(URI url, int httpStatus, String excerpt, Duration elapsed) {
        String reason = "HTTP " + httpStatus + (excerpt.isEmpty() ? "" : ": " + excerpt);
        return new PrometheusFailure(url, Kind.HTTP_STATUS, httpStatus, null, null, reason, elapsed, null);
    }

    /** An answer that is not the Prometheus HTTP API's: {@code what} says how. */
    public static PrometheusFailure malformed(URI url, int httpStatus, String what, Duration elapsed, Throwable cause) {
        return new PrometheusFailure(url, Kind.MALFORMED, httpStatus, null, null,
                "not a Prometheus API answer: " + what, elapsed, cause);
    }

    /** The endpoint called, as given; {@link #getMessage()} shows it without credentials. */
    public URI url() {
        return url;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, when there was an answer. */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** Prometheus' {@code errorType} ({@code bad_data}, {@code timeout}, {@code execution}, ...), if it sent one. */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /** Prometheus' {@code error} text, if it sent one. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** How long the attempt took before it failed. */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * True when the server itself could not be reached or did not answer in time, so further calls in the
     * same run would fail the same way; false for a failure that belongs to one query.
     */
    public boolean serverUnavailable() {
        return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT || kind == Kind.TLS || kind == Kind.INTERRUPTED;
    }
}
