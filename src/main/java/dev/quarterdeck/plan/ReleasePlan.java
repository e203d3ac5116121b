package dev.quarterdeck.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A release plan: what a release captain works through between "start" and "promoted" or "rolled back".
 * Loaded from YAML by {@link PlanLoader}; every instance has passed validation.
 */
public record ReleasePlan(
        String source,
        Metadata metadata,
        List<Environment> environments,
        List<Probe> probes,
        List<ChecklistItem> checklist,
        List<CanaryStep> steps,
        List<Gate> gates,
        RollbackPlan rollback,
        Mode mode,
        List<AbortRule> abortRules,
        List<FollowUp> followUps,
        boolean strict) {

    public ReleasePlan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(metadata, "metadata");
        environments = List.copyOf(environments);
        probes = List.copyOf(probes);
        checklist = List.copyOf(checklist);
        steps = List.copyOf(steps);
        gates = List.copyOf(gates);
        Objects.requireNonNull(rollback, "rollback");
        Objects.requireNonNull(mode, "mode");
        abortRules = List.copyOf(abortRules);
        followUps = List.copyOf(followUps);
    }

    /** A manual, non-strict plan without abort rules or follow-ups. */
    public ReleasePlan(String source, Metadata metadata, List<Environment> environments, List<Probe> probes,
            List<ChecklistItem> checklist, List<CanaryStep> steps, List<Gate> gates, RollbackPlan rollback) {
        this(source, metadata, environments, probes, checklist, steps, gates, rollback, Mode.MANUAL, List.of(),
                List.of(), false);
    }

    public Optional<Environment> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<Gate> gate(String name) {
        return gates.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public Optional<Probe> probe(String id) {
        return probes.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The checklist items that apply in {@code environment}, in plan order. */
    public List<ChecklistItem> checklistFor(String environment) {
        return checklist.stream().filter(i -> i.appliesTo(environment)).toList();
    }

    /** The probes that run in {@code environment}, in plan order. */
    public List<Probe> probesFor(String environment) {
        return probes.stream().filter(p -> p.appliesTo(environment)).toList();
    }

    /** The weights the canary steps walk through, in order; the slider's ticks. */
    public List<Integer> stepWeights() {
        return steps.stream()
                .filter(CanaryStep.SetWeight.class::isInstance)
                .map(s -> ((CanaryStep.SetWeight) s).percent())
                .toList();
    }
}
