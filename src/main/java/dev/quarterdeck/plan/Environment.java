package dev.quarterdeck.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a plan runs. {@code services} binds service names (such as {@code stable} and {@code canary})
 * to base URLs, so probes stay the same across environments; the built-in sandbox fills them in at start.
 *
 * @param isProtected writes need the environment's name typed first
 * @param kubernetes the cluster, namespace and deployments, for environments in Kubernetes
 * @param lock nothing may be changed until the named person approves
 * @param insecureTls TLS certificates are not verified for this environment's HTTP endpoints (Prometheus,
 *     Kong, probes); the console shows a standing banner while it is so
 * @param serviceTemplates services whose base URL comes from environment variables where Quarterdeck runs
 *     ({@code api: ${env:RELEASE_API_BASE_URL}}), as CI's release gates take theirs; {@link #bindVariables}
 *     binds them when a session starts
 */
public record Environment(
        String name,
        boolean isProtected,
        TrafficSpec traffic,
        MetricsSpec metrics,
        Map<String, URI> services,
        Optional<KubernetesTarget> kubernetes,
        Optional<EnvironmentLock> lock,
        boolean insecureTls,
        Map<String, ValueTemplate> serviceTemplates) {

    public Environment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(metrics, "metrics");
        services = Map.copyOf(services);
        Objects.requireNonNull(kubernetes, "kubernetes");
        Objects.requireNonNull(lock, "lock");
        serviceTemplates = Map.copyOf(serviceTemplates);
    }

    /** An environment whose services are all written as URLs. */
    public Environment(String name, boolean isProtected, TrafficSpec traffic, MetricsSpec metrics,
            Map<String, URI> services, Optional<KubernetesTarget> kubernetes, Optional<EnvironmentLock> lock,
            boolean insecureTls) {
        this(name, isProtected, traffic, metrics, services, kubernetes, lock, insecureTls, Map.of());
    }

    /** An environment outside Kubernetes, unlocked, with TLS verified. */
    public Environment(String name, boolean isProtected, TrafficSpec traffic, MetricsSpec metrics,
            Map<String, URI> services) {
        this(name, isProtected, traffic, metrics, services, Optional.empty(), Optional.empty(), false, Map.of());
    }

    public Optional<URI> service(String serviceName) {
        return Optional.ofNullable(services.get(serviceName));
    }

    /** The same environment with service URLs bound, e.g. to the sandbox's loopback ports. */
    public Environment withServices(Map<String, URI> bound) {
        Map<String, ValueTemplate> unbound = new LinkedHashMap<>(serviceTemplates);
        unbound.keySet().removeAll(bound.keySet());
        return new Environment(name, isProtected, traffic, metrics, bound, kubernetes, lock, insecureTls, unbound);
    }

    /**
     * The same environment with every service template whose variables are set bound to its URL, as a session
     * starts. A template whose variable is not set, or whose value is not an http(s) URL without credentials,
     * stays unbound: probes of that service then fail saying which variable to set, and nothing is called at a
     * half-made address.
     */
    public Environment bindVariables(Function<String, String> variables) {
        if (serviceTemplates.isEmpty()) {
            return this;
        }
        Map<String, URI> bound = new LinkedHashMap<>(services);
        Map<String, ValueTemplate> unbound = new LinkedHashMap<>();
        serviceTemplates.forEach((service, template) -> template.resolve(variables).flatMap(Environment::httpUrl)
                .ifPresentOrElse(url -> bound.put(service, url), () -> unbound.put(service, template)));
        return new Environment(name, isProtected, traffic, metrics, bound, kubernetes, lock, insecureTls, unbound);
    }

    private static Optional<URI> httpUrl(String text) {
        try {
            URI uri = new URI(text.trim());
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return http && uri.getHost() != null && uri.getRawUserInfo() == null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException malformed) {
            return Optional.empty();
        }
    }
}
