package dev.quarterdeck.probe;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request a probe sends: method, URL, headers, an optional body and the deadline of the whole call.
 * Header values are resolved secrets more often than not ({@code Authorization: Bearer ...}), so {@link
 * #toString()} names the headers but never shows their values, and the URL as the timeline may show it.
 *
 * @param method upper case, as sent: {@code GET}, {@code POST}
 * @param headers sent as given, in this order; {@code Content-Type} also types the body
 * @param timeout bounds connect, the wait for the answer and reading the body; positive
 */
public record HttpRequest(String method, URI url, Map<String, String> headers, Optional<String> body,
        Duration timeout) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        if (method.isBlank()) {
            throw new IllegalArgumentException("method must not be blank");
        }
        method = method.strip().toUpperCase(Locale.ROOT);
        Objects.requireNonNull(url, "url");
        headers.forEach((name, value) -> {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, () -> "value of header " + name);
        });
        // Insertion order kept, so what is sent is what the plan wrote, in its order.
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** A plain GET, no headers, no body. */
    public static HttpRequest get(URI url, Duration timeout) {
        return new HttpRequest("GET", url, Map.of(), Optional.empty(), timeout);
    }

    /** The value of a header, its name matched without regard to case, as HTTP does. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** "POST https://api.example/dry-run headers [Authorization] with a 42-char body": no value, no query. */
    @Override
    public String toString() {
        return method + " " + ServiceUrl.shown(url)
                + (headers.isEmpty() ? "" : " headers " + headers.keySet())
                + body.map(b -> " with a " + b.length() + "-char body").orElse("");
    }
}
