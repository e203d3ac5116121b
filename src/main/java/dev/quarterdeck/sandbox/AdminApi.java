package dev.quarterdeck.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;

/**
 * The router's admin resources: {@code /router/weight} moves traffic, {@code /canary/faults} makes the
 * canary sick. GET reads, PUT replaces and answers with the state now applied, so a script's PUT doubles
 * as a read-back. Anything else gets a 400 or 405 with a JSON {@code {"error": ...}} a person can act on.
 */
final class AdminApi {
    static final String WEIGHT_PATH = "/router/weight";
    static final String FAULTS_PATH = "/canary/faults";
    private static final String ALLOW = "GET, PUT";
    /** Admin bodies are a few dozen bytes; anything larger is not one. */
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final AdminJson json;
    private final CanarySplit split;
    private final SandboxService canary;

    AdminApi(AdminJson json, CanarySplit split, SandboxService canary) {
        this.json = json;
        this.split = split;
        this.canary = canary;
    }

    void weight(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET" -> Replies.json(exchange, 200, json.weight(split.weight()));
            case "PUT" -> {
                try {
                    split.setWeight(json.parseWeight(body(exchange)));
                    Replies.json(exchange, 200, json.weight(split.weight()));
                } catch (BadAdminRequest e) {
                    Replies.json(exchange, 400, json.error(e.getMessage()));
                }
            }
            default -> notAllowed(exchange, WEIGHT_PATH);
        }
    }

    void faults(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET" -> Replies.json(exchange, 200, json.faults(canary.faults()));
            case "PUT" -> {
                try {
                    canary.injectFaults(json.parseFaults(body(exchange)));
                    Replies.json(exchange, 200, json.faults(canary.faults()));
                } catch (BadAdminRequest e) {
                    Replies.json(exchange, 400, json.error(e.getMessage()));
                }
            }
            default -> notAllowed(exchange, FAULTS_PATH);
        }
    }

    private void notAllowed(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        Replies.methodNotAllowed(
                exchange, ALLOW, json.error("method " + method + " is not allowed on " + path + "; use GET or PUT"));
    }

    private static byte[] body(HttpExchange exchange) throws IOException, BadAdminRequest {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new BadAdminRequest("request body is over " + MAX_BODY_BYTES + " bytes; an admin body is a small JSON object");
            }
            return body;
        }
    }
}
