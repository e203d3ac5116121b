package dev.quarterdeck.plan;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code probes} section. What a probe needs from its environments (a service, a Prometheus, a
 * Kubernetes API) is recorded as it is read and checked once every environment is known.
 */
final class ProbeBinder {
    private static final List<String> KINDS = List.of("http", "prometheus", "alerts", "kubernetes",
            "environmentVariables");
    private static final List<String> KUBERNETES_CHECKS = List.of("rolloutComplete", "replicas", "image", "readyPods",
            "cronJobSuspended", "secretExists");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** What a probe asks of each environment it runs in. */
    sealed interface Need {
        String probe();

        Location at();

        List<String> environments();

        record Service(String probe, String service, Location at, List<String> environments) implements Need {}

        record Prometheus(String probe, Location at, List<String> environments) implements Need {}

        record Kubernetes(String probe, Location at, List<String> environments) implements Need {}
    }

    private final Problems problems;
    private final References references;
    private final List<Need> needs = new ArrayList<>();

    ProbeBinder(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
    }

    List<Need> needs() {
        return needs;
    }

    Optional<Probe> bind(YamlNode node) {
        return Fields.of(node, "a probe", problems).flatMap(unnamed -> {
            Optional<String> id = Names.read(unnamed, "id", problems);
            id.ifPresent(n -> references.define(References.Kind.PROBE, n, unnamed.location()));
            String what = "probe '" + unnamed.peek("id") + "'";
            Fields f = unnamed.as(what);
            Duration interval = f.duration("interval").orElse(DEFAULT_INTERVAL);
            Duration timeout = f.duration("timeout").orElse(DEFAULT_TIMEOUT);
            if (interval.isZero() || timeout.isZero()) {
                problems.add(f.location(), what + ": interval and timeout must be longer than 0");
            }
            List<String> scope = Scope.environments(f, what, references, problems);
            String name = id.orElse("?");
            Optional<ProbeSpec> spec = f.oneOf(KINDS).flatMap(kind -> {
                YamlNode value = EnvironmentBinder.variant(f, kind);
                switch (kind) {
                    case "http":
                        return http(value, what, name, scope);
                    case "prometheus":
                        needs.add(new Need.Prometheus(name, value.location(), scope));
                        return prometheus(value, what);
                    case "alerts":
                        needs.add(new Need.Prometheus(name, value.location(), scope));
                        return alerts(value, what);
                    case "kubernetes":
                        needs.add(new Need.Kubernetes(name, value.location(), scope));
                        return kubernetes(value, what);
                    default:
                        return environmentVariables(value, what);
                }
            });
            f.rejectUnknown();
            if (id.isEmpty() || spec.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Probe(id.get(), interval, timeout, spec.get(), scope));
        });
    }

    private Optional<ProbeSpec> http(YamlNode node, String probe, String id, List<String> scope) {
        return Fields.of(node, "the http check of " + probe, problems).flatMap(f -> {
            Optional<String> service = f.text("service");
            Optional<URI> url = f.optional("url").flatMap(u -> Urls.http(u, "'url' of " + probe, problems));
            String path = f.text("path").orElse("/");
            boolean namesService = f.has("service");
            boolean namesUrl = f.has("url");
            if (namesService == namesUrl) {
                problems.add(f.location(), "the http check of " + probe + " needs either 'service' (with 'path') or "
                        + "'url', not " + (namesService ? "both" : "neither"));
            }
            if (!path.startsWith("/")) {
                problems.add(f.location(), "'path' of the http check of " + probe + " must start with '/', found '"
                        + path + "'");
            }
            String method = f.text("method").map(m -> m.toUpperCase(Locale.ROOT)).orElse("GET");
            if (!METHODS.contains(method)) {
                problems.add(f.optional("method").orElseThrow().location(), "'method' of " + probe + " must be one of "
                        + String.join(", ", METHODS.stream().sorted().toList()) + ", found '" + method + "'");
            }
            Map<String, ValueTemplate> headers = headers(f, probe);
            Optional<String> body = f.text("body");
            int expectStatus = f.integer("expectStatus", 100, 599).orElse(200);
            Optional<Duration> budget = f.duration("latencyBudget");
            List<JsonAssertion> json = new ArrayList<>();
            for (YamlNode item : f.list("json")) {
                Fields.scalar(item, "'json' of " + probe, "a field assertion", problems)
                        .flatMap(text -> JsonAssertions.parse(text, item.location(), "'json' of " + probe, problems))
                        .ifPresent(json::add);
            }
            Optional<String> bodyContains = f.text("bodyContains");
            service.ifPresent(s -> needs.add(new Need.Service(id, s, f.optional("service").orElseThrow().location(),
                    scope)));
            f.rejectUnknown();
            if (service.isEmpty() == url.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ProbeSpec.Http(service, path, url, method, headers, body, expectStatus, budget, json,
                    bodyContains));
        });
    }

    private Map<String, ValueTemplate> headers(Fields f, String probe) {
        Map<String, ValueTemplate> headers = new LinkedHashMap<>();
        f.optional("headers").ifPresent(node -> Fields.of(node, "headers of " + probe, problems).ifPresent(h -> {
            for (YamlNode.Mapping.Entry entry : ((YamlNode.Mapping) node).entries().values()) {
                String header = entry.key().name();
                h.has(header);
                String where = "header '" + header + "' of " + probe;
                Optional<ValueTemplate> value = Secrets.sensitiveHeader(header)
                        ? Secrets.template(entry.value(), where, problems)
                        : Fields.scalar(entry.value(), where, "a text value", problems).map(ValueTemplate::of);
                value.ifPresent(v -> headers.put(header, v));
            }
        }));
        return headers;
    }

    private Optional<ProbeSpec> prometheus(YamlNode node, String probe) {
        return Fields.of(node, "the prometheus check of " + probe, problems).flatMap(f -> {
            Optional<String> query = f.requiredText("query", "a PromQL query giving one value");
            Optional<String> bound = f.oneOf(List.of("max", "min"));
            Optional<Double> threshold = bound.flatMap(b -> f.text(b).flatMap(t -> {
                Optional<Double> v = Quantities.share(t);
                if (v.isEmpty()) {
                    problems.add(f.optional(b).orElseThrow().location(), "'" + b + "' of " + probe
                            + " must be a number or a percentage, found '" + t + "'");
                }
                return v;
            }));
            f.rejectUnknown();
            if (query.isEmpty() || bound.isEmpty() || threshold.isEmpty()) {
                return Optional.empty();
            }
            Condition.Bound b = bound.get().equals("max") ? Condition.Bound.MAX : Condition.Bound.MIN;
            return Optional.of(new ProbeSpec.PrometheusQuery(query.get(), b, threshold.get()));
        });
    }

    private Optional<ProbeSpec> alerts(YamlNode node, String probe) {
        return Fields.of(node, "the alerts check of " + probe, problems).map(f -> {
            Map<String, String> labels = new LinkedHashMap<>();
            f.optional("labels").ifPresent(l -> Fields.of(l, "labels of " + probe, problems).ifPresent(lf -> {
                for (YamlNode.Mapping.Entry entry : ((YamlNode.Mapping) l).entries().values()) {
                    lf.has(entry.key().name());
                    Fields.scalar(entry.value(), "label '" + entry.key().name() + "' of " + probe, "a label value",
                            problems).ifPresent(v -> labels.put(entry.key().name(), v));
                }
            }));
            f.rejectUnknown();
            return new ProbeSpec.Alerts(labels);
        });
    }

    private Optional<ProbeSpec> kubernetes(YamlNode node, String probe) {
        return Fields.of(node, "the kubernetes check of " + probe, problems).flatMap(f -> {
            Optional<ProbeSpec.KubernetesCheck> check = f.oneOf(KUBERNETES_CHECKS).flatMap(kind -> {
                YamlNode value = f.optional(kind).orElse(new YamlNode.Scalar("", true, f.location()));
                String where = kind + " of " + probe;
                switch (kind) {
                    case "rolloutComplete":
                        return nameOf(value, where, "deployment").map(ProbeSpec.KubernetesCheck.RolloutComplete::new);
                    case "replicas":
                        return countOf(value, where, "deployment").map(c ->
                                new ProbeSpec.KubernetesCheck.Replicas(c.name(), c.atLeast()));
                    case "image":
                        return image(value, where);
                    case "readyPods":
                        return countOf(value, where, "selector").map(c ->
                                new ProbeSpec.KubernetesCheck.ReadyPods(c.name(), c.atLeast()));
                    case "cronJobSuspended":
                        return cronJob(value, where);
                    default:
                        return nameOf(value, where, "name").map(ProbeSpec.KubernetesCheck.SecretExists::new);
                }
            });
            f.rejectUnknown();
            return check.map(ProbeSpec.Kubernetes::new);
        });
    }

    private record Count(String name, int atLeast) {}

    /** {@code rolloutComplete: checkout} or {@code rolloutComplete: {deployment: checkout}}. */
    private Optional<String> nameOf(YamlNode value, String where, String key) {
        if (value instanceof YamlNode.Scalar) {
            return Fields.scalar(value, where, "a name", problems);
        }
        return Fields.of(value, where, problems).flatMap(f -> {
            Optional<String> name = f.requiredText(key, "a name");
            f.rejectUnknown();
            return name;
        });
    }

    /** {@code cronJobSuspended: billing} or {@code cronJobSuspended: {name: billing, suspended: false}}. */
    private Optional<ProbeSpec.KubernetesCheck> cronJob(YamlNode value, String where) {
        if (value instanceof YamlNode.Scalar) {
            return Fields.scalar(value, where, "the name of a CronJob", problems)
                    .map(n -> new ProbeSpec.KubernetesCheck.CronJobSuspended(n, true));
        }
        return Fields.of(value, where, problems).flatMap(f -> {
            Optional<String> name = f.requiredText("name", "the name of a CronJob");
            boolean suspended = f.flag("suspended", true);
            f.rejectUnknown();
            return name.map(n -> new ProbeSpec.KubernetesCheck.CronJobSuspended(n, suspended));
        });
    }

    private Optional<Count> countOf(YamlNode value, String where, String key) {
        return Fields.of(value, where, problems).flatMap(f -> {
            Optional<String> name = f.requiredText(key, key.equals("selector") ? "a label selector, such as app=api"
                    : "the name of a Deployment");
            int atLeast = f.integer("atLeast", 0, 100_000).orElse(1);
            f.rejectUnknown();
            return name.map(n -> new Count(n, atLeast));
        });
    }

    private Optional<ProbeSpec.KubernetesCheck> image(YamlNode value, String where) {
        return Fields.of(value, where, problems).flatMap(f -> {
            Optional<String> deployment = f.requiredText("deployment", "the name of a Deployment");
            Optional<String> container = f.text("container");
            Optional<String> image = f.requiredText("image", "the image it must run, such as gcr.io/shop/api:1.5.0");
            Optional<String> digest = f.text("digest");
            digest.filter(d -> !d.matches("sha256:[0-9a-f]{6,64}")).ifPresent(d -> problems.add(
                    f.optional("digest").orElseThrow().location(), "'digest' of " + where + " must look like "
                            + "sha256:<hex>, found '" + d + "'"));
            f.rejectUnknown();
            if (deployment.isEmpty() || image.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ProbeSpec.KubernetesCheck.Image(deployment.get(), container, image.get(), digest));
        });
    }

    private Optional<ProbeSpec> environmentVariables(YamlNode node, String probe) {
        if (!(node instanceof YamlNode.Sequence sequence) || sequence.items().isEmpty()) {
            problems.add(node.location(), "'environmentVariables' of " + probe + " must be a list of variable names, "
                    + "such as [RELEASE_API_BASE_URL, RELEASE_ADMIN_API_TOKEN]");
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (YamlNode item : sequence.items()) {
            Fields.scalar(item, "'environmentVariables' of " + probe, "a variable name", problems).ifPresent(n -> {
                if (n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    names.add(n);
                } else {
                    problems.add(item.location(), "'" + n + "' is not an environment variable name");
                }
            });
        }
        return Optional.of(new ProbeSpec.EnvironmentVariables(names));
    }
}
