package dev.quarterdeck.plan;

import java.util.List;

/** What one click on Rollback does, in order. */
public record RollbackPlan(List<RollbackStep> steps) {
    public RollbackPlan {
        steps = List.copyOf(steps);
    }

    /** Without a rollback section a plan still rolls back: all traffic to stable. */
    public static RollbackPlan weightToZero() {
        return new RollbackPlan(List.of(new RollbackStep.SetWeight(0)));
    }
}
