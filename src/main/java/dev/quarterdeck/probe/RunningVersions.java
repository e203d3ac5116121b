package dev.quarterdeck.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.Track;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which version each track runs, as its service reports it on a health endpoint ({@code "version"} in a
 * JSON body, as the sandbox and many services answer). What cannot be read says why instead of guessing.
 */
public final class RunningVersions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpTransport transport;
    private final Duration timeout;

    public RunningVersions(HttpTransport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    /** Versions keyed by track label ({@code stable}, {@code canary}), read from {@code healthPath}. */
    public Map<String, String> read(Environment environment, String healthPath) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (Track track : Track.values()) {
            Optional<URI> url = ServiceUrl.of(environment, track.label(), healthPath);
            versions.put(track.label(), url.map(this::versionAt)
                    .orElse("unknown (no " + track.label() + " service)"));
        }
        return versions;
    }

    private String versionAt(URI url) {
        try {
            HttpReply reply = transport.get(url, timeout);
            if (reply.status() != 200) {
                return "unknown (HTTP " + reply.status() + ")";
            }
            JsonNode version = JSON.readTree(reply.body()).path("version");
            return version.isTextual() && !version.asText().isBlank() ? version.asText() : "unknown (not reported)";
        } catch (HttpFailure e) {
            return "unknown (" + e.kind().name().toLowerCase(java.util.Locale.ROOT) + ")";
        } catch (IOException notJson) {
            return "unknown (not reported)";
        }
    }
}
