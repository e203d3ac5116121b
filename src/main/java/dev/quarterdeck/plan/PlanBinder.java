package dev.quarterdeck.plan;

import java.util.List;
import java.util.Optional;

/**
 * Turns a located YAML tree into a {@link ReleasePlan}, or into every problem found: structure first, then
 * the references between sections, then what probes, gates and rollback steps need of each environment.
 */
final class PlanBinder {
    static final String API_VERSION = "quarterdeck/v1";

    private final String source;
    private final Problems problems;
    private final References references;
    private final EnvironmentBinder environments;
    private final ProbeBinder probes;
    private final CanaryBinder canary;
    private final RollbackBinder rollback;

    PlanBinder(String source, Problems problems) {
        this.source = source;
        this.problems = problems;
        this.references = new References(problems);
        this.environments = new EnvironmentBinder(problems, references);
        this.probes = new ProbeBinder(problems, references);
        this.canary = new CanaryBinder(problems, references);
        this.rollback = new RollbackBinder(problems, references);
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
        List<Probe> probeList = Fields.each(f.list("probes"), probes::bind);
        List<ChecklistItem> checklist = Fields.each(f.list("checklist"), this::checklistItem);
        List<CanaryStep> steps = f.optional("canary").map(canary::steps).orElse(List.of());
        List<Gate> gates = Fields.each(f.list("gates"), canary::gate);
        RollbackPlan rollbackPlan = f.optional("rollback").map(rollback::bind).orElse(RollbackPlan.weightToZero());
        f.rejectUnknown();

        references.check();
        new EnvironmentNeeds(problems, envs).check(probes.needs(), canary.metricUses(), rollback.kubernetesSteps());
        if (problems.any() || metadata.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReleasePlan(source, metadata.get(), envs, probeList, checklist, steps, gates,
                rollbackPlan));
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
            List<String> scope = Scope.environments(f, what, references, problems);
            f.rejectUnknown();
            if (id.isEmpty() || title.isEmpty() || phase.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ChecklistItem(id.get(), title.get(), phase.get(), required, probe, scope));
        });
    }

    private static String phaseKeys() {
        return String.join(", ", java.util.Arrays.stream(Phase.values()).map(Phase::key).toList());
    }

}
