package dev.quarterdeck.plan;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a plan runs. {@code services} binds service names (such as {@code stable} and {@code canary})
 * to base URLs, so probes stay the same across environments; the built-in sandbox fills them in at start.
 *
 * @param isProtected writes need the environment's name typed first
 * @param kubernetes the cluster, namespace and deployments, for environments in Kubernetes
 * @param lock nothing may be changed until the named person approves
 * @param insecureTls TLS certificates are not verified for this environment's HTTP endpoints (Prometheus,
 *     Kong, probes); the console shows a standing banner while it is so
 */
public record Environment(
        String name,
        boolean isProtected,
        TrafficSpec traffic,
        MetricsSpec metrics,
        Map<String, URI> services,
        Optional<KubernetesTarget> kubernetes,
        Optional<EnvironmentLock> lock,
        boolean insecureTls) {

    public Environment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(metrics, "metrics");
        services = Map.copyOf(services);
        Objects.requireNonNull(kubernetes, "kubernetes");
        Objects.requireNonNull(lock, "lock");
    }

    /** An environment outside Kubernetes, unlocked, with TLS verified. */
    public Environment(String name, boolean isProtected, TrafficSpec traffic, MetricsSpec metrics,
            Map<String, URI> services) {
        this(name, isProtected, traffic, metrics, services, Optional.empty(), Optional.empty(), false);
    }

    public Optional<URI> service(String serviceName) {
        return Optional.ofNullable(services.get(serviceName));
    }

    /** The same environment with service URLs bound, e.g. to the sandbox's loopback ports. */
    public Environment withServices(Map<String, URI> bound) {
        return new Environment(name, isProtected, traffic, metrics, bound, kubernetes, lock, insecureTls);
    }
}
