package dev.quarterdeck.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code environments} section: where a plan runs, its router, its metrics and its services. */
final class EnvironmentBinder {
    /** The services the embedded sandbox binds by itself at start. */
    static final Set<String> SANDBOX_SERVICES = Set.of("stable", "canary", "router");

    private static final List<String> ROUTERS = List.of("sandbox");
    private static final List<String> METRIC_SOURCES = List.of("scrape");
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration DEFAULT_WINDOW = Duration.ofSeconds(15);

    private final Problems problems;
    private final References references;

    EnvironmentBinder(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
    }

    Optional<Environment> bind(YamlNode node) {
        return Fields.of(node, "an environment", problems).flatMap(f -> {
            Optional<String> name = Names.read(f, "name", problems);
            name.ifPresent(n -> references.define(References.Kind.ENVIRONMENT, n, f.location()));
            String what = "environment '" + f.peek("name") + "'";
            Fields fields = f.as(what);
            boolean isProtected = fields.flag("protected", false);
            Optional<TrafficSpec> traffic = fields.required("traffic", "a router: " + String.join(", ", ROUTERS))
                    .flatMap(t -> traffic(t, what));
            MetricsSpec metrics = fields.optional("metrics").flatMap(m -> metrics(m, what)).orElse(defaultMetrics());
            Map<String, URI> services = fields.optional("services").map(s -> services(s, what)).orElse(Map.of());
            fields.rejectUnknown();

            if (name.isEmpty() || traffic.isEmpty()) {
                return Optional.empty();
            }
            checkServices(fields, what, traffic.get(), metrics, services);
            return Optional.of(new Environment(name.get(), isProtected, traffic.get(), metrics, services));
        });
    }

    private Optional<TrafficSpec> traffic(YamlNode node, String env) {
        return Fields.of(node, "traffic of " + env, problems).flatMap(f -> {
            Optional<String> kind = f.oneOf(ROUTERS);
            Optional<TrafficSpec> spec = kind.flatMap(k -> switch (k) {
                case "sandbox" -> sandbox(variant(f, k), env);
                default -> Optional.empty();
            });
            f.rejectUnknown();
            return spec;
        });
    }

    private Optional<TrafficSpec> sandbox(YamlNode node, String env) {
        return Fields.of(node, "the sandbox router of " + env, problems).map(f -> {
            Optional<URI> url = f.optional("url").flatMap(u -> url(u, "'url' of the sandbox router of " + env));
            int rps = f.integer("requestsPerSecond", 0, 10_000).orElse(TrafficSpec.Sandbox.DEFAULT_REQUESTS_PER_SECOND);
            f.rejectUnknown();
            return new TrafficSpec.Sandbox(url, rps);
        });
    }

    private Optional<MetricsSpec> metrics(YamlNode node, String env) {
        return Fields.of(node, "metrics of " + env, problems).flatMap(f -> {
            Optional<String> kind = f.oneOf(METRIC_SOURCES);
            Optional<MetricsSpec> spec = kind.flatMap(k -> scrape(variant(f, k), env));
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
            if (window.compareTo(interval.multipliedBy(2)) < 0) {
                problems.add(f.location(), "the metrics window of " + env + " (" + Quantities.format(window)
                        + ") must hold at least two scrapes: make it at least twice the interval ("
                        + Quantities.format(interval.multipliedBy(2)) + ")");
            }
            if (!path.startsWith("/")) {
                problems.add(f.location(), "'path' of the scrape metrics of " + env + " must start with '/', found '"
                        + path + "'");
            }
            f.rejectUnknown();
            return new MetricsSpec.Scrape(interval, window, counter, histogram, path);
        });
    }

    private Map<String, URI> services(YamlNode node, String env) {
        Map<String, URI> services = new LinkedHashMap<>();
        Fields.of(node, "services of " + env, problems).ifPresent(f -> {
            if (node instanceof YamlNode.Mapping m) {
                for (YamlNode.Mapping.Entry entry : m.entries().values()) {
                    String service = entry.key().name();
                    f.has(service);
                    url(entry.value(), "service '" + service + "' of " + env).ifPresent(u -> services.put(service, u));
                }
            }
        });
        return services;
    }

    private void checkServices(Fields f, String env, TrafficSpec traffic, MetricsSpec metrics, Map<String, URI> services) {
        boolean embedded = traffic instanceof TrafficSpec.Sandbox s && s.embedded();
        if (embedded && !services.isEmpty()) {
            problems.add(f.location(), env + " runs the embedded sandbox, which binds its own services "
                    + SANDBOX_SERVICES.stream().sorted().toList() + ": remove 'services', or point the sandbox "
                    + "router at a standalone sandbox with 'url'");
        }
        if (!embedded && metrics instanceof MetricsSpec.Scrape) {
            for (String track : List.of("stable", "canary")) {
                if (!services.containsKey(track)) {
                    problems.add(f.location(), env + " scrapes metrics from its '" + track
                            + "' service: add it under 'services' with its base URL");
                }
            }
        }
    }

    /** The set of service names an environment offers to probes. */
    static Set<String> servicesOf(Environment env) {
        if (env.traffic() instanceof TrafficSpec.Sandbox s && s.embedded()) {
            return SANDBOX_SERVICES;
        }
        return env.services().keySet();
    }

    private Optional<URI> url(YamlNode node, String where) {
        return Fields.scalar(node, where, "an http(s) URL", problems).flatMap(text -> {
            try {
                URI uri = new URI(text.trim());
                if (uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        && uri.getHost() != null) {
                    return Optional.of(uri);
                }
            } catch (URISyntaxException malformed) {
                // reported below with what was expected
            }
            problems.add(node.location(), where + " must be an http(s) URL such as https://api.example.com, found '"
                    + text + "'");
            return Optional.empty();
        });
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

    private static MetricsSpec defaultMetrics() {
        return new MetricsSpec.Scrape(DEFAULT_INTERVAL, DEFAULT_WINDOW, MetricsSpec.Scrape.DEFAULT_REQUESTS_COUNTER,
                MetricsSpec.Scrape.DEFAULT_LATENCY_HISTOGRAM, MetricsSpec.Scrape.DEFAULT_PATH);
    }
}
