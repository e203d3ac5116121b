package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.Action;
import dev.quarterdeck.plan.CanaryStep;
import dev.quarterdeck.plan.Condition;
import dev.quarterdeck.plan.Durations;
import dev.quarterdeck.plan.Evidence;
import dev.quarterdeck.plan.Gate;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.SessionEvent.PlanLoaded;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The plan in words, for the journal: what a postmortem needs to know about it without the file. */
final class PlanSummary {
    private PlanSummary() {}

    static PlanLoaded of(ReleasePlan plan, String environment, Instant at) {
        List<PlanLoaded.PlannedItem> checklist = plan.checklistFor(environment).stream()
                .map(i -> new PlanLoaded.PlannedItem(i.id(), i.title(), i.phase().key(), i.required(),
                        i.probe().orElse(""), i.evidence().map(PlanSummary::evidence).orElse("")))
                .toList();
        return new PlanLoaded(at, plan.metadata().name(), plan.metadata().version(), plan.metadata().owner(),
                plan.source(), plan.mode(), checklist, plan.steps().stream().map(CanaryStep::describe).toList(),
                plan.gates().stream().map(PlanSummary::gate).toList(),
                plan.rollback().steps().stream().map(Action::describe).toList(),
                plan.followUps().stream().map(f -> "T0 + " + Durations.human(f.after()) + ": " + f.title()
                        + f.gate().map(g -> " (gate " + g + " must hold)").orElse("")).toList());
    }

    private static String evidence(Evidence evidence) {
        return evidence.kind().name().toLowerCase(Locale.ROOT)
                + evidence.maxAge().map(a -> ", newer than " + Durations.human(a)).orElse("");
    }

    private static String gate(Gate gate) {
        String burnIn = gate.holdFor().equals(Duration.ZERO) ? "" : ", held for " + Durations.human(gate.holdFor());
        return gate.name() + ": " + gate.conditions().stream().map(Condition::describe)
                .collect(Collectors.joining(" and ")) + burnIn + " (fails after " + gate.maxFailures()
                + " failing judgements in a row)";
    }
}
