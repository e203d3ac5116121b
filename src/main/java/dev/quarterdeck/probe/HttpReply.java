package dev.quarterdeck.probe;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** An HTTP answer: its status, its body (already size-capped by the transport) and how long it took. */
public record HttpReply(URI url, int status, String body, Duration elapsed) {
    public HttpReply {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
