package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one click on Rollback does, in order; and, when the plan offers one, a staged rollback that steps the
 * weight down with a hold at each weight (75, 50, 25, 10, 0) before the same remaining steps.
 */
public record RollbackPlan(List<Action> steps, Optional<Staged> staged) {

    /** Step the canary weight down through {@code weights}, holding {@code hold} at each. */
    public record Staged(List<Integer> weights, Duration hold) {
        public Staged {
            weights = List.copyOf(weights);
            Objects.requireNonNull(hold, "hold");
        }
    }

    public RollbackPlan {
        steps = List.copyOf(steps);
        Objects.requireNonNull(staged, "staged");
    }

    public RollbackPlan(List<Action> steps) {
        this(steps, Optional.empty());
    }

    /** Without a rollback section a plan still rolls back: all traffic to stable. */
    public static RollbackPlan weightToZero() {
        return new RollbackPlan(List.of(new Action.SetWeight(0)));
    }

    /**
     * The staged rollback as steps: each weight then a hold (none after the last), followed by the immediate
     * plan's steps that are not weight changes (images, flags, waits, probes).
     */
    public Optional<List<Action>> stagedSteps() {
        return staged.map(s -> {
            List<Action> out = new ArrayList<>();
            for (int i = 0; i < s.weights().size(); i++) {
                out.add(new Action.SetWeight(s.weights().get(i)));
                if (i < s.weights().size() - 1) {
                    out.add(new Action.Hold(s.hold()));
                }
            }
            steps.stream().filter(a -> !(a instanceof Action.SetWeight)).forEach(out::add);
            return List.copyOf(out);
        });
    }
}
