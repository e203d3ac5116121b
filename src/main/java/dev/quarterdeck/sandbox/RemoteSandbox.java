package dev.quarterdeck.sandbox;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The fault knobs of a standalone {@code quarterdeck sandbox}, driven over its admin API
 * ({@code GET}/{@code PUT /canary/faults}). Every failure is an {@link IOException} naming the URL and
 * the HTTP status or the I/O error, with the sandbox's own error message when it sent one.
 */
public final class RemoteSandbox implements SandboxControl {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final URI faultsUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final AdminJson json = new AdminJson();

    /**
     * @param adminUrl the sandbox's admin base URL, as printed by {@code quarterdeck sandbox} ("router")
     * @param http a client to share; this class never closes it
     * @param timeout for each whole call
     */
    public RemoteSandbox(URI adminUrl, HttpClient http, Duration timeout) {
        String base = Objects.requireNonNull(adminUrl, "adminUrl").toString().replaceAll("/+$", "");
        this.faultsUrl = URI.create(base + AdminApi.FAULTS_PATH);
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** A remote sandbox with its own client and a 5 s timeout per call. */
    public RemoteSandbox(URI adminUrl) {
        this(adminUrl, HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT).build(), DEFAULT_TIMEOUT);
    }

    public URI faultsUrl() {
        return faultsUrl;
    }

    @Override
    public CanaryFaults canaryFaults() throws IOException {
        return call(HttpRequest.newBuilder(faultsUrl).timeout(timeout).GET().build());
    }

    /** Replaces the canary's faults; returns once the sandbox has answered with the state it applied. */
    @Override
    public void setCanaryFaults(CanaryFaults faults) throws IOException {
        byte[] body = json.faults(faults);
        CanaryFaults applied = call(HttpRequest.newBuilder(faultsUrl)
                .timeout(timeout)
                .header("Content-Type", Replies.JSON)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
        // The wire carries whole milliseconds; compare what could have been sent.
        CanaryFaults asSent = new CanaryFaults(faults.errorRatio(), Duration.ofMillis(faults.addedLatency().toMillis()));
        if (!applied.equals(asSent)) {
            throw new IOException("PUT " + faultsUrl + ": asked for " + describe(faults) + " but the sandbox applied "
                    + describe(applied));
        }
    }

    private CanaryFaults call(HttpRequest request) throws IOException {
        String what = request.method() + " " + faultsUrl;
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + ": interrupted");
        } catch (IOException e) {
            throw new IOException(what + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        String text = new String(response.body(), StandardCharsets.UTF_8).strip();
        if (response.statusCode() != 200) {
            throw new IOException(what + ": HTTP " + response.statusCode() + (text.isEmpty() ? "" : ": " + text));
        }
        try {
            return json.parseFaults(response.body());
        } catch (BadAdminRequest e) {
            throw new IOException(what + ": HTTP 200 but not a faults body (" + e.getMessage() + ")");
        }
    }

    private static String describe(CanaryFaults faults) {
        return "errorRatio " + faults.errorRatio() + ", addedLatencyMs " + faults.addedLatency().toMillis();
    }
}
