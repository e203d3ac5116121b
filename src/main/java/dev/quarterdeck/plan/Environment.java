package dev.quarterdeck.plan;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a plan runs. {@code services} binds service names (such as {@code stable} and {@code canary})
 * to base URLs, so probes stay the same across environments; the built-in sandbox fills them in at start.
 */
public record Environment(
        String name,
        boolean isProtected,
        TrafficSpec traffic,
        MetricsSpec metrics,
        Map<String, URI> services) {

    public Environment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(metrics, "metrics");
        services = Map.copyOf(services);
    }

    public Optional<URI> service(String serviceName) {
        return Optional.ofNullable(services.get(serviceName));
    }

    /** The same environment with service URLs bound, e.g. to the sandbox's loopback ports. */
    public Environment withServices(Map<String, URI> bound) {
        return new Environment(name, isProtected, traffic, metrics, bound);
    }
}
