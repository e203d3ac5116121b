package dev.quarterdeck.probe;

import java.net.URI;
import java.time.Duration;

/**
 * The probes' one way out to HTTP: a GET with a deadline. Implementations ({@code
 * probe.adapter.OkHttpTransport}) bound the whole call, body included, by {@code timeout}, cap the body they
 * read, and name the URL in every failure. Called from I/O threads only.
 */
public interface HttpTransport {

    /**
     * GETs {@code url}. Any status is an answer, not a failure: the caller judges it.
     *
     * @throws HttpFailure when there is no answer: refused, timed out, body too large, broken connection
     */
    HttpReply get(URI url, Duration timeout) throws HttpFailure;
}
