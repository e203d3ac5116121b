package dev.quarterdeck.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers to {@link HttpExchange}s, shared by the services, the router and the admin API. Every path ends
 * in {@link #send}, which closes the exchange, so a handler can never leave a client hanging.
 */
final class Replies {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    private Replies() {}

    static void text(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    static void json(HttpExchange exchange, int status, byte[] body) throws IOException {
        send(exchange, status, JSON, body);
    }

    /** 405 with the {@code Allow} header naming what would have worked. */
    static void methodNotAllowed(HttpExchange exchange, String allow, byte[] jsonError) throws IOException {
        exchange.getResponseHeaders().set("Allow", allow);
        json(exchange, 405, jsonError);
    }

    /** Sends status and body (none for HEAD) and closes the exchange. */
    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        try (exchange) {
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
            // -1 means "no body" to HttpServer; 0 would mean chunked.
            exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
            if (!noBody) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    /**
     * Last resort when a handler failed: a bare 500 without details, because a stack trace is nothing a
     * client should see. If headers were already sent there is nothing left to say; closing is enough.
     */
    static void internalError(HttpExchange exchange) {
        try {
            text(exchange, 500, "internal error\n");
        } catch (IOException | RuntimeException ignored) {
            exchange.close();
        }
    }
}
