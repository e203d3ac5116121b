package dev.quarterdeck.probe;

import java.net.URI;
import java.time.Duration;

/**
 * The probes' one way out to HTTP: a request with a deadline. Implementations ({@code
 * probe.adapter.OkHttpTransport}) bound the whole call, body included, by the request's timeout, cap the
 * body they read, name the method and URL (without user-info or query) in every failure, and never put a
 * header value in a message. Called from I/O threads only.
 */
public interface HttpTransport {

    /**
     * Sends {@code request}. Any status is an answer, not a failure: the caller judges it.
     *
     * @throws HttpFailure when there is no answer: refused, timed out, TLS refused, body too large, broken
     *     connection, or a request that cannot be sent as written (a header value HTTP cannot carry)
     */
    HttpReply send(HttpRequest request) throws HttpFailure;

    /**
     * GETs {@code url}, with no headers. Any status is an answer, not a failure: the caller judges it.
     *
     * @throws HttpFailure when there is no answer: refused, timed out, body too large, broken connection
     */
    default HttpReply get(URI url, Duration timeout) throws HttpFailure {
        return send(HttpRequest.get(url, timeout));
    }
}
