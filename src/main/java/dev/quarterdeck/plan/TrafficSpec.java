package dev.quarterdeck.plan;

import java.net.URI;
import java.util.Optional;

/** How an environment's canary traffic is split. One variant per router kind. */
public sealed interface TrafficSpec {

    /** A short, human name for the router kind, as written in a plan. */
    String kind();

    /**
     * The built-in sandbox router. Without an {@code adminUrl} Quarterdeck starts the sandbox in process;
     * with one it drives a standalone {@code quarterdeck sandbox} over its admin API.
     */
    record Sandbox(Optional<URI> adminUrl, int requestsPerSecond) implements TrafficSpec {
        public static final int DEFAULT_REQUESTS_PER_SECOND = 50;

        public boolean embedded() {
            return adminUrl.isEmpty();
        }

        @Override
        public String kind() {
            return "sandbox";
        }
    }
}
