package dev.quarterdeck.sandbox;

import java.util.Objects;

/**
 * How to start the built-in sandbox.
 *
 * @param routerPort the router's port on 127.0.0.1; 0 picks a free one
 * @param requestsPerSecond the generated load sent through the router; 0 sends none
 * @param stableVersion the version the stable service reports
 * @param canaryVersion the version the canary service reports
 * @param seed seeds the simulated latency and the injected errors, so a run can be repeated exactly
 * @param maxInFlight generated requests allowed to wait for an answer at once; ticks beyond it are skipped
 * @param initialCanaryWeight the canary's share of traffic, in percent, when the sandbox starts
 */
public record SandboxConfig(
        int routerPort,
        int requestsPerSecond,
        String stableVersion,
        String canaryVersion,
        long seed,
        int maxInFlight,
        int initialCanaryWeight) {

    public static final int DEFAULT_REQUESTS_PER_SECOND = 50;
    public static final String DEFAULT_STABLE_VERSION = "1.4.2";
    public static final String DEFAULT_CANARY_VERSION = "1.5.0-rc.1";
    public static final long DEFAULT_SEED = 20_261_122L;
    /**
     * Covers 50 rps with a few seconds of injected latency. Each waiting request holds a socket on the
     * generator, the router and a service, so this also keeps file descriptors well under a default ulimit.
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 200;
    /** Far beyond a demo, still well inside what one loopback box can serve. */
    public static final int MAX_REQUESTS_PER_SECOND = 10_000;

    public SandboxConfig {
        if (routerPort < 0 || routerPort > 65_535) {
            throw new IllegalArgumentException("router port must be 0..65535 (0 = any free port), was " + routerPort);
        }
        if (requestsPerSecond < 0 || requestsPerSecond > MAX_REQUESTS_PER_SECOND) {
            throw new IllegalArgumentException(
                    "requests per second must be 0.." + MAX_REQUESTS_PER_SECOND + " (0 = no load), was " + requestsPerSecond);
        }
        requireVersion("stable", stableVersion);
        requireVersion("canary", canaryVersion);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in-flight requests must be at least 1, was " + maxInFlight);
        }
        if (initialCanaryWeight < 0 || initialCanaryWeight > 100) {
            throw new IllegalArgumentException("initial canary weight must be 0..100 %, was " + initialCanaryWeight);
        }
    }

    /** Any free port, 50 requests/s, stable 1.4.2, canary 1.5.0-rc.1, no canary traffic. */
    public static SandboxConfig defaults() {
        return new SandboxConfig(
                0,
                DEFAULT_REQUESTS_PER_SECOND,
                DEFAULT_STABLE_VERSION,
                DEFAULT_CANARY_VERSION,
                DEFAULT_SEED,
                DEFAULT_MAX_IN_FLIGHT,
                0);
    }

    public SandboxConfig withRouterPort(int port) {
        return new SandboxConfig(port, requestsPerSecond, stableVersion, canaryVersion, seed, maxInFlight, initialCanaryWeight);
    }

    public SandboxConfig withRequestsPerSecond(int rps) {
        return new SandboxConfig(routerPort, rps, stableVersion, canaryVersion, seed, maxInFlight, initialCanaryWeight);
    }

    public SandboxConfig withVersions(String stable, String canary) {
        return new SandboxConfig(routerPort, requestsPerSecond, stable, canary, seed, maxInFlight, initialCanaryWeight);
    }

    public SandboxConfig withSeed(long newSeed) {
        return new SandboxConfig(routerPort, requestsPerSecond, stableVersion, canaryVersion, newSeed, maxInFlight, initialCanaryWeight);
    }

    public SandboxConfig withMaxInFlight(int max) {
        return new SandboxConfig(routerPort, requestsPerSecond, stableVersion, canaryVersion, seed, max, initialCanaryWeight);
    }

    public SandboxConfig withInitialCanaryWeight(int percent) {
        return new SandboxConfig(routerPort, requestsPerSecond, stableVersion, canaryVersion, seed, maxInFlight, percent);
    }

    private static void requireVersion(String track, String version) {
        Objects.requireNonNull(version, track + " version");
        if (version.isBlank()) {
            throw new IllegalArgumentException(track + " version must not be blank");
        }
    }
}
