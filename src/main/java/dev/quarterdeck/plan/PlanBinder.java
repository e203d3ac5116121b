package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a located YAML tree into a {@link ReleasePlan}, or into every problem found: structure first, then
 * the references between sections.
 */
final class PlanBinder {
    static final String API_VERSION = "quarterdeck/v1";
    private static final List<String> PROBE_KINDS = List.of("http");
    private static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(5);
    private static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(2);

    private record ServiceUse(String probe, String service, Location at, List<String> environments) {}

    private final String source;
    private final Problems problems;
    private final References references;
    private final EnvironmentBinder environments;
    private final CanaryBinder canary;
    private final List<ServiceUse> serviceUses = new ArrayList<>();

    PlanBinder(String source, Problems problems) {
        this.source = source;
        this.problems = problems;
        this.references = new References(problems);
        this.environments = new EnvironmentBinder(problems, references);
        this.canary = new CanaryBinder(problems, references);
    }

    Optional<ReleasePlan> bind(YamlNode root) {
        Optional<Fields> maybe = Fields.of(root, "the plan", problems);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields f = maybe.get();
        f.requiredText("apiVersion", "'" + API_VERSION + "'").ifPresent(v -> {
            if (!API_VERSION.equals(v)) {
                problems.add(f.optional("apiVersion").orElseThrow().location(), "apiVersion '" + v
                        + "' is not supported: this Quarterdeck reads '" + API_VERSION + "'");
            }
        });
        Optional<Metadata> metadata = f.required("metadata", "name, version and owner").flatMap(this::metadata);
        List<YamlNode> envNodes = f.list("environments");
        if (envNodes.isEmpty()) {
            problems.add(f.location(), "the plan needs at least one environment under 'environments'");
        }
        List<Environment> envs = Fields.each(envNodes, environments::bind);
        List<Probe> probes = Fields.each(f.list("probes"), this::probe);
        List<ChecklistItem> checklist = Fields.each(f.list("checklist"), this::checklistItem);
        List<CanaryStep> steps = f.optional("canary").map(canary::steps).orElse(List.of());
        List<Gate> gates = Fields.each(f.list("gates"), canary::gate);
        RollbackPlan rollback = f.optional("rollback").map(canary::rollback).orElse(RollbackPlan.weightToZero());
        f.rejectUnknown();

        references.check();
        checkServiceUses(envs);
        if (problems.any() || metadata.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReleasePlan(source, metadata.get(), envs, probes, checklist, steps, gates, rollback));
    }

    private Optional<Metadata> metadata(YamlNode node) {
        return Fields.of(node, "metadata", problems).flatMap(f -> {
            Optional<String> name = f.requiredText("name", "the plan's name");
            Optional<String> version = f.requiredText("version", "the version being released, such as 1.5.0");
            Optional<String> owner = f.requiredText("owner", "who owns the release, a person or a team");
            String description = f.text("description").orElse("");
            f.rejectUnknown();
            if (name.isEmpty() || version.isEmpty() || owner.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Metadata(name.get(), version.get(), owner.get(), description));
        });
    }

    private Optional<Probe> probe(YamlNode node) {
        return Fields.of(node, "a probe", problems).flatMap(unnamed -> {
            Optional<String> id = Names.read(unnamed, "id", problems);
            id.ifPresent(n -> references.define(References.Kind.PROBE, n, unnamed.location()));
            String what = "probe '" + unnamed.peek("id") + "'";
            Fields f = unnamed.as(what);
            Duration interval = f.duration("interval").orElse(DEFAULT_PROBE_INTERVAL);
            Duration timeout = f.duration("timeout").orElse(DEFAULT_PROBE_TIMEOUT);
            if (interval.isZero() || timeout.isZero()) {
                problems.add(f.location(), what + ": interval and timeout must be longer than 0");
            }
            List<String> scope = environmentScope(f, what);
            Optional<ProbeSpec> spec = f.oneOf(PROBE_KINDS)
                    .flatMap(kind -> http(EnvironmentBinder.variant(f, kind), what, id.orElse("?"), scope));
            f.rejectUnknown();
            if (id.isEmpty() || spec.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Probe(id.get(), interval, timeout, spec.get(), scope));
        });
    }

    private Optional<ProbeSpec> http(YamlNode node, String probe, String id, List<String> scope) {
        return Fields.of(node, "the http check of " + probe, problems).flatMap(f -> {
            Optional<String> service = f.requiredText("service", "the name of a service, such as canary");
            String path = f.text("path").orElse("/");
            int expectStatus = f.integer("expectStatus", 100, 599).orElse(200);
            if (!path.startsWith("/")) {
                problems.add(f.location(), "'path' of the http check of " + probe + " must start with '/', found '"
                        + path + "'");
            }
            service.ifPresent(s -> serviceUses.add(
                    new ServiceUse(id, s, f.optional("service").orElseThrow().location(), scope)));
            f.rejectUnknown();
            return service.map(s -> new ProbeSpec.Http(s, path, expectStatus));
        });
    }

    private Optional<ChecklistItem> checklistItem(YamlNode node) {
        return Fields.of(node, "a checklist item", problems).flatMap(unnamed -> {
            Optional<String> id = Names.read(unnamed, "id", problems);
            id.ifPresent(n -> references.define(References.Kind.CHECKLIST_ITEM, n, unnamed.location()));
            String what = "checklist item '" + unnamed.peek("id") + "'";
            Fields f = unnamed.as(what);
            Optional<String> title = f.requiredText("title", "what the item asks, in a captain's words");
            Optional<Phase> phase = f.requiredText("phase", phaseKeys()).flatMap(p -> {
                Optional<Phase> known = Phase.byKey(p);
                if (known.isEmpty()) {
                    problems.add(f.optional("phase").orElseThrow().location(), "phase of " + what + " must be one of "
                            + phaseKeys() + ", found '" + p + "'");
                }
                return known;
            });
            boolean required = f.flag("required", true);
            Optional<String> probe = f.text("probe");
            probe.ifPresent(p -> references.use(References.Kind.PROBE, p, f.optional("probe").orElseThrow().location(),
                    what));
            List<String> scope = environmentScope(f, what);
            f.rejectUnknown();
            if (id.isEmpty() || title.isEmpty() || phase.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ChecklistItem(id.get(), title.get(), phase.get(), required, probe, scope));
        });
    }

    /** {@code environments: [production]} limits an item or probe to some environments; names must exist. */
    private List<String> environmentScope(Fields f, String what) {
        List<String> names = new ArrayList<>();
        for (YamlNode item : f.list("environments")) {
            Fields.scalar(item, "'environments' of " + what, "an environment name", problems).ifPresent(name -> {
                references.use(References.Kind.ENVIRONMENT, name, item.location(), what);
                names.add(name);
            });
        }
        return names;
    }

    /** A probe may only name a service that every environment it runs in binds. */
    private void checkServiceUses(List<Environment> envs) {
        for (ServiceUse use : serviceUses) {
            for (Environment env : envs) {
                if (!use.environments.isEmpty() && !use.environments.contains(env.name())) {
                    continue;
                }
                var offered = EnvironmentBinder.servicesOf(env);
                if (!offered.contains(use.service)) {
                    problems.add(use.at, "probe '" + use.probe + "' checks service '" + use.service
                            + "', which environment '" + env.name() + "' does not bind (it has: "
                            + (offered.isEmpty() ? "no services" : String.join(", ", offered.stream().sorted().toList()))
                            + ")");
                }
            }
        }
    }

    private static String phaseKeys() {
        return String.join(", ", java.util.Arrays.stream(Phase.values()).map(Phase::key).toList());
    }
}
