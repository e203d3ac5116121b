package dev.quarterdeck.probe;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A GET that got no usable answer. The message always names the URL, because it goes straight to the
 * captain's timeline: {@code GET http://10.0.0.7:8080/health: connection refused}. User-info and query are
 * left out of the message (they can hold credentials); {@link #url()} has the URL as given.
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
        /** Any other I/O or protocol failure. */
        BROKEN
    }

    private final URI url;
    private final Kind kind;
    private final Duration elapsed;

    public HttpFailure(URI url, Kind kind, String reason, Duration elapsed, Throwable cause) {
        super("GET " + ServiceUrl.shown(url) + ": " + reason, cause);
        this.url = Objects.requireNonNull(url, "url");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
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
