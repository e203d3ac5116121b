package dev.quarterdeck.probe;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A request that got no usable answer. The message always names the URL, because it goes straight to the
 * captain's timeline: {@code GET http://10.0.0.7:8080/health: connection refused}. A TLS failure leads with
 * what is wrong with the certificate, since that is what the captain must fix: {@code TLS: certificate for
 * 127.0.0.1 is not trusted (self-signed?) at https://127.0.0.1:8443/health}. User-info and query are left
 * out of every message (they can hold credentials), and so is every header value; {@link #url()} has the
 * URL as given.
 */
public final class HttpFailure extends IOException {

    /** Why there was no answer. */
    public enum Kind {
        /** Nothing listens there, or the host is unknown. */
        UNREACHABLE,
        /** No complete answer within the timeout. */
        TIMEOUT,
        /** The body was larger than the transport reads. */
        TOO_LARGE,
        /** The call was interrupted because Quarterdeck is stopping. */
        INTERRUPTED,
        /** The TLS handshake failed: an untrusted or expired certificate, a host name it does not cover. */
        TLS,
        /** Any other I/O or protocol failure, or a request that cannot be sent as written. */
        BROKEN
    }

    private final String method;
    private final URI url;
    private final Kind kind;
    private final Duration elapsed;

    /** A failed GET. */
    public HttpFailure(URI url, Kind kind, String reason, Duration elapsed, Throwable cause) {
        this("GET", url, kind, reason, elapsed, cause);
    }

    /** A failed request: the message is "{@code METHOD url: reason}". */
    public HttpFailure(String method, URI url, Kind kind, String reason, Duration elapsed, Throwable cause) {
        this(method + " " + ServiceUrl.shown(url) + ": " + reason, method, url, kind, elapsed, cause);
    }

    private HttpFailure(String message, String method, URI url, Kind kind, Duration elapsed, Throwable cause) {
        super(message, cause);
        this.method = Objects.requireNonNull(method, "method");
        this.url = Objects.requireNonNull(url, "url");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * A TLS failure: the message is "{@code TLS: problem at url}", e.g. {@code TLS: certificate for
     * 127.0.0.1 is not trusted (self-signed?) at https://127.0.0.1:8443/health}.
     */
    public static HttpFailure tls(String method, URI url, String problem, Duration elapsed, Throwable cause) {
        return new HttpFailure("TLS: " + problem + " at " + ServiceUrl.shown(url), method, url, Kind.TLS, elapsed,
                cause);
    }

    /** The method of the request that failed. */
    public String method() {
        return method;
    }

    public URI url() {
        return url;
    }

    public Kind kind() {
        return kind;
    }

    /** How long the attempt took before it failed. */
    public Duration elapsed() {
        return elapsed;
    }
}
