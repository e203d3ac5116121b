package dev.quarterdeck.plan;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code environments} section: where a plan runs, its router, its metrics, its services, its
 * place in Kubernetes, and whether it is protected or locked.
 */
final class EnvironmentBinder {
    /** The services the embedded sandbox binds by itself at start. */
    static final Set<String> SANDBOX_SERVICES = Set.of("stable", "canary", "router");

    private static final List<String> METRIC_SOURCES = List.of("scrape", "prometheus");
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration DEFAULT_WINDOW = Duration.ofSeconds(15);
    private static final Duration DEFAULT_PROMETHEUS_INTERVAL = Duration.ofSeconds(15);
    private static final Duration DEFAULT_PROMETHEUS_WINDOW = Duration.ofMinutes(5);

    private final Problems problems;
    private final References references;
    private final TrafficBinder traffic;
    private final Map<String, Location> routerless = new LinkedHashMap<>();

    EnvironmentBinder(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
        this.traffic = new TrafficBinder(problems);
    }

    Optional<Environment> bind(YamlNode node) {
        return Fields.of(node, "an environment", problems).flatMap(unnamed -> {
            Optional<String> name = Names.read(unnamed, "name", problems);
            name.ifPresent(n -> references.define(References.Kind.ENVIRONMENT, n, unnamed.location()));
            String what = "environment '" + unnamed.peek("name") + "'";
            Fields f = unnamed.as(what);
            boolean isProtected = f.flag("protected", false);
            boolean insecureTls = f.flag("insecureTls", false);
            Optional<EnvironmentLock> lock = f.optional("lock").flatMap(l -> lock(l, what));
            Optional<KubernetesTarget> kubernetes = f.optional("kubernetes").flatMap(k -> kubernetes(k, what));
            Optional<YamlNode> trafficNode = f.required("traffic", "a router: " + String.join(", ",
                    TrafficBinder.ROUTERS));
            Optional<TrafficSpec> router = trafficNode.flatMap(t -> traffic.bind(t, what));
            router.filter(TrafficSpec.None.class::isInstance).ifPresent(r -> name.ifPresent(n ->
                    routerless.put(n, trafficNode.get().location())));
            Map<String, ValueTemplate> serviceTemplates = new LinkedHashMap<>();
            Map<String, URI> services = f.optional("services").map(s -> services(s, what, serviceTemplates))
                    .orElse(Map.of());
            MetricsSpec metrics = f.optional("metrics").flatMap(m -> metrics(m, what))
                    .orElseGet(() -> defaultMetrics(router, writtenKeys(f.optional("services"))));
            f.rejectUnknown();

            if (name.isEmpty() || router.isEmpty()) {
                return Optional.empty();
            }
            checkServices(f, what, router.get(), metrics, writtenKeys(f.optional("services")));
            return Optional.of(new Environment(name.get(), isProtected, router.get(), metrics, services, kubernetes,
                    lock, insecureTls, serviceTemplates));
        });
    }

    /** Environments without a canary router ({@code traffic: {none: {}}}), with where their router was written. */
    Map<String, Location> routerless() {
        return routerless;
    }

    private Optional<EnvironmentLock> lock(YamlNode node, String env) {
        return Fields.of(node, "the lock of " + env, problems).flatMap(f -> {
            Optional<String> approver = f.requiredText("approver", "who must approve before anything is changed");
            String reason = f.text("reason").orElse("");
            f.rejectUnknown();
            return approver.map(a -> new EnvironmentLock(a, reason));
        });
    }

    private Optional<KubernetesTarget> kubernetes(YamlNode node, String env) {
        return Fields.of(node, "the kubernetes section of " + env, problems).map(f -> {
            Optional<String> context = f.text("context");
            Optional<String> namespace = f.text("namespace");
            Map<String, String> deployments = new LinkedHashMap<>();
            f.optional("deployments").flatMap(d -> Fields.of(d, "deployments of " + env, problems)).ifPresent(d -> {
                YamlNode.Mapping m = (YamlNode.Mapping) f.optional("deployments").orElseThrow();
                for (YamlNode.Mapping.Entry entry : m.entries().values()) {
                    d.has(entry.key().name());
                    Fields.scalar(entry.value(), "deployment '" + entry.key().name() + "' of " + env,
                            "the name of a Deployment", problems)
                            .ifPresent(n -> deployments.put(entry.key().name(), n));
                }
            });
            f.rejectUnknown();
            return new KubernetesTarget(context, namespace, deployments);
        });
    }

    private Optional<MetricsSpec> metrics(YamlNode node, String env) {
        return Fields.of(node, "metrics of " + env, problems).flatMap(f -> {
            Optional<MetricsSpec> spec = f.oneOf(METRIC_SOURCES).flatMap(kind -> kind.equals("scrape")
                    ? scrape(variant(f, kind), env)
                    : prometheus(variant(f, kind), env));
            f.rejectUnknown();
            return spec;
        });
    }

    private Optional<MetricsSpec> scrape(YamlNode node, String env) {
        return Fields.of(node, "the scrape metrics of " + env, problems).map(f -> {
            Duration interval = positive(f, "interval").orElse(DEFAULT_INTERVAL);
            Duration window = positive(f, "window").orElse(DEFAULT_WINDOW);
            String counter = f.text("requestsCounter").orElse(MetricsSpec.Scrape.DEFAULT_REQUESTS_COUNTER);
            String histogram = f.text("latencyHistogram").orElse(MetricsSpec.Scrape.DEFAULT_LATENCY_HISTOGRAM);
            String path = f.text("path").orElse(MetricsSpec.Scrape.DEFAULT_PATH);
            checkWindow(f, env, interval, window);
            if (!path.startsWith("/")) {
                problems.add(f.location(), "'path' of the scrape metrics of " + env + " must start with '/', found '"
                        + path + "'");
            }
            f.rejectUnknown();
            return new MetricsSpec.Scrape(interval, window, counter, histogram, path);
        });
    }

    private Optional<MetricsSpec> prometheus(YamlNode node, String env) {
        return Fields.of(node, "the Prometheus metrics of " + env, problems).flatMap(f -> {
            Optional<URI> url = f.required("url", "the Prometheus URL, such as http://prometheus:9090")
                    .flatMap(u -> Urls.http(u, "'url' of the Prometheus metrics of " + env, problems));
            Duration interval = positive(f, "interval").orElse(DEFAULT_PROMETHEUS_INTERVAL);
            Duration window = positive(f, "window").orElse(DEFAULT_PROMETHEUS_WINDOW);
            checkWindow(f, env, interval, window);
            Map<Metric, String> queries = new EnumMap<>(Metric.class);
            f.optional("queries").flatMap(q -> Fields.of(q, "queries of " + env, problems)).ifPresent(q -> {
                YamlNode.Mapping m = (YamlNode.Mapping) f.optional("queries").orElseThrow();
                for (YamlNode.Mapping.Entry entry : m.entries().values()) {
                    String key = entry.key().name();
                    Optional<Metric> metric = Metric.byKey(key);
                    if (metric.isEmpty()) {
                        problems.add(entry.key().location(), "unknown metric '" + key + "' in the queries of " + env
                                + ": expected one of " + ConditionBinder.metricKeys());
                        continue;
                    }
                    q.has(key);
                    Fields.scalar(entry.value(), "the " + key + " query of " + env, "a PromQL query", problems)
                            .ifPresent(text -> queries.put(metric.get(), text));
                }
            });
            f.rejectUnknown();
            return url.map(u -> new MetricsSpec.Prometheus(u, interval, window, queries));
        });
    }

    private void checkWindow(Fields f, String env, Duration interval, Duration window) {
        if (window.compareTo(interval.multipliedBy(2)) < 0) {
            problems.add(f.location(), "the metrics window of " + env + " (" + Quantities.format(window)
                    + ") must hold at least two samples: make it at least twice the interval ("
                    + Quantities.format(interval.multipliedBy(2)) + ")");
        }
    }

    /**
     * Service name to base URL. A URL that names environment variables ({@code ${env:RELEASE_API_BASE_URL}})
     * goes to {@code templates} instead, to be bound when a session starts.
     */
    private Map<String, URI> services(YamlNode node, String env, Map<String, ValueTemplate> templates) {
        Map<String, URI> services = new LinkedHashMap<>();
        Fields.of(node, "services of " + env, problems).ifPresent(f -> {
            YamlNode.Mapping m = (YamlNode.Mapping) node;
            for (YamlNode.Mapping.Entry entry : m.entries().values()) {
                String service = entry.key().name();
                f.has(service);
                String where = "service '" + service + "' of " + env;
                if (entry.value() instanceof YamlNode.Scalar s && !s.isNull()
                        && ValueTemplate.of(s.text()).referencesEnvironment()) {
                    templates.put(service, ValueTemplate.of(s.text().trim()));
                } else {
                    Urls.http(entry.value(), where, problems).ifPresent(u -> services.put(service, u));
                }
            }
        });
        return services;
    }

    /** The keys written under a mapping, valid or not: a bad value is reported once, where it was written. */
    private static Set<String> writtenKeys(Optional<YamlNode> node) {
        return node.filter(YamlNode.Mapping.class::isInstance)
                .map(n -> ((YamlNode.Mapping) n).entries().keySet())
                .orElse(Set.of());
    }

    private void checkServices(Fields f, String env, TrafficSpec traffic, MetricsSpec metrics, Set<String> services) {
        boolean embedded = traffic instanceof TrafficSpec.Sandbox s && s.embedded();
        if (embedded && !services.isEmpty()) {
            problems.add(f.location(), env + " runs the embedded sandbox, which binds its own services "
                    + SANDBOX_SERVICES.stream().sorted().toList() + ": remove 'services', or point the sandbox "
                    + "router at a standalone sandbox with 'url'");
        }
        if (!embedded && metrics instanceof MetricsSpec.Scrape) {
            for (String track : List.of("stable", "canary")) {
                if (!services.contains(track)) {
                    problems.add(f.location(), env + " scrapes metrics from its '" + track
                            + "' service: add it under 'services' with its base URL, or use Prometheus metrics");
                }
            }
        }
    }

    /** The set of service names an environment offers to probes. */
    static Set<String> servicesOf(Environment env) {
        if (env.traffic() instanceof TrafficSpec.Sandbox s && s.embedded()) {
            return SANDBOX_SERVICES;
        }
        Set<String> names = new java.util.TreeSet<>(env.services().keySet());
        names.addAll(env.serviceTemplates().keySet());
        return names;
    }

    /** Whether Quarterdeck talks to a Kubernetes API for this environment. */
    static boolean inKubernetes(Environment env) {
        return env.kubernetes().isPresent() || TrafficBinder.inKubernetes(env.traffic());
    }

    private Optional<Duration> positive(Fields f, String key) {
        return f.duration(key).filter(d -> {
            if (d.isZero()) {
                problems.add(f.location(), "'" + key + "' of " + f.what() + " must be longer than 0");
                return false;
            }
            return true;
        });
    }

    /** The value of a tagged union's variant; {@code sandbox:} with nothing after it means the defaults. */
    static YamlNode variant(Fields f, String key) {
        return f.optional(key).orElseGet(() -> new YamlNode.Mapping(Map.of(), f.location()));
    }

    /**
     * Without a metrics section, the sandbox and environments that name stable and canary services are scraped;
     * others have no metrics.
     */
    private static MetricsSpec defaultMetrics(Optional<TrafficSpec> router, Set<String> services) {
        boolean sandbox = router.filter(TrafficSpec.Sandbox.class::isInstance).isPresent();
        if (!sandbox && !(services.contains("stable") && services.contains("canary"))) {
            return new MetricsSpec.None();
        }
        return new MetricsSpec.Scrape(DEFAULT_INTERVAL, DEFAULT_WINDOW, MetricsSpec.Scrape.DEFAULT_REQUESTS_COUNTER,
                MetricsSpec.Scrape.DEFAULT_LATENCY_HISTOGRAM, MetricsSpec.Scrape.DEFAULT_PATH);
    }
}
