package dev.quarterdeck.plan;

import java.util.ArrayList;
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
    private final ConditionBinder conditions;
    private final CanaryBinder canary;
    private final RollbackBinder rollback;
    private final List<Location> kubernetesSteps = new ArrayList<>();
    private final List<Location> trafficSteps = new ArrayList<>();

    PlanBinder(String source, Problems problems) {
        this.source = source;
        this.problems = problems;
        this.references = new References(problems);
        this.environments = new EnvironmentBinder(problems, references);
        this.probes = new ProbeBinder(problems, references);
        this.conditions = new ConditionBinder(problems);
        ActionBinder actions = new ActionBinder(problems, references);
        this.canary = new CanaryBinder(problems, references, conditions, actions, kubernetesSteps, trafficSteps);
        this.rollback = new RollbackBinder(problems, actions, kubernetesSteps, trafficSteps);
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
        boolean strict = f.flag("strict", false);
        List<CanaryStep> steps = f.optional("canary").map(canary::steps).orElse(List.of());
        List<Gate> gates = Fields.each(f.list("gates"), canary::gate);
        Optional<YamlNode> rollbackSection = f.optional("rollback");
        RollbackPlan rollbackPlan = rollbackSection.map(rollback::bind).orElse(RollbackPlan.weightToZero());
        List<AbortRule> abort = Fields.each(f.list("abort"), this::abortRule);
        List<FollowUp> followUps = Fields.each(f.list("followUps"), this::followUp);
        f.rejectUnknown();

        references.check();
        EnvironmentNeeds needs = new EnvironmentNeeds(problems, envs);
        needs.check(probes.needs(), conditions.metricUses(), kubernetesSteps);
        needs.checkTraffic(environments.routerless(), trafficSteps, rollbackSection.isPresent());
        if (problems.any() || metadata.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReleasePlan(source, metadata.get(), envs, probeList, checklist, steps, gates,
                rollbackPlan, canary.mode(), abort, followUps, strict));
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

    /** {@code {severity: sev1, when: {metric: error-rate, max: 5%}, then: rollback}}. */
    private Optional<AbortRule> abortRule(YamlNode node) {
        return Fields.of(node, "an abort rule", problems).flatMap(unnamed -> {
            String what = "abort rule '" + unnamed.peek("severity") + "'";
            Fields f = unnamed.as(what);
            Optional<String> severity = f.requiredText("severity", "a name for the severity, such as sev1");
            Optional<Condition.Threshold> when = f.required("when", "the condition that must hold, such as "
                    + "{metric: error-rate, track: canary, max: 5%}").flatMap(w -> conditions.threshold(w, what));
            Optional<AbortRule.Response> then = f.requiredText("then", "rollback, stagedRollback or alert")
                    .flatMap(t -> {
                        for (AbortRule.Response r : AbortRule.Response.values()) {
                            if (r.key().equals(t)) {
                                return Optional.of(r);
                            }
                        }
                        problems.add(f.optional("then").orElseThrow().location(), "'then' of " + what
                                + " must be rollback, stagedRollback or alert, found '" + t + "'");
                        return Optional.empty();
                    });
            then.filter(r -> r == AbortRule.Response.STAGED_ROLLBACK && !rollback.offersStaged()).ifPresent(r ->
                    problems.add(f.optional("then").orElseThrow().location(), what + " asks for a staged rollback, but"
                            + " the rollback section has no 'staged' weights"));
            f.rejectUnknown();
            if (severity.isEmpty() || when.isEmpty() || then.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new AbortRule(severity.get(), when.get(), then.get()));
        });
    }

    /** {@code {after: 1d, title: Observe 24 h of metrics}} or a soak: {@code {after: 48h, title: ..., gate: slo}}. */
    private Optional<FollowUp> followUp(YamlNode node) {
        return Fields.of(node, "a follow-up", problems).flatMap(f -> {
            Optional<java.time.Duration> after = f.required("after", "how long after promotion, such as 1d or 48h")
                    .flatMap(a -> Fields.duration(a, "'after' of a follow-up", problems));
            Optional<String> title = f.requiredText("title", "what is due then, in a sentence");
            Optional<String> gate = f.text("gate");
            gate.ifPresent(g -> references.use(References.Kind.GATE, g, f.optional("gate").orElseThrow().location(),
                    "this follow-up"));
            f.rejectUnknown();
            return after.flatMap(a -> title.map(t -> new FollowUp(a, t, gate)));
        });
    }

    /** {@code evidence: link}, {@code evidence: file}, or {@code evidence: {kind: file, maxAge: 7d}}. */
    private Optional<Evidence> evidence(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar) {
            return Fields.scalar(node, "'evidence' of " + what, "link or file", problems)
                    .flatMap(k -> evidenceKind(k, node, what)).map(k -> new Evidence(k, Optional.empty()));
        }
        return Fields.of(node, "the evidence of " + what, problems).flatMap(f -> {
            Optional<Evidence.Kind> kind = f.requiredText("kind", "link or file")
                    .flatMap(k -> evidenceKind(k, f.optional("kind").orElseThrow(), what));
            Optional<java.time.Duration> maxAge = f.duration("maxAge");
            f.rejectUnknown();
            return kind.map(k -> new Evidence(k, maxAge));
        });
    }

    private Optional<Evidence.Kind> evidenceKind(String text, YamlNode at, String what) {
        switch (text) {
            case "link":
                return Optional.of(Evidence.Kind.LINK);
            case "file":
                return Optional.of(Evidence.Kind.FILE);
            default:
                problems.add(at.location(), "the evidence of " + what + " is a link or a file, found '" + text + "'");
                return Optional.empty();
        }
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
            Optional<Evidence> evidence = f.optional("evidence").flatMap(e -> evidence(e, what));
            if (evidence.isPresent() && probe.isPresent()) {
                problems.add(f.optional("evidence").orElseThrow().location(), what + " is automatic (probe '"
                        + probe.get() + "'): evidence is for items a person ticks");
            }
            f.rejectUnknown();
            if (id.isEmpty() || title.isEmpty() || phase.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ChecklistItem(id.get(), title.get(), phase.get(), required, probe, scope,
                    evidence));
        });
    }

    private static String phaseKeys() {
        return String.join(", ", java.util.Arrays.stream(Phase.values()).map(Phase::key).toList());
    }

}
