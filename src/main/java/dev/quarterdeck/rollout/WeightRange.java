package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.CanaryStep;
import dev.quarterdeck.session.ReleaseStage;
import java.util.List;

/**
 * How far the captain may move the canary weight without an override: from 0 up to the weight of the next
 * step that sets one (so a captain can ease towards it, never past it), unless a gate stands before that step:
 * a gate guards the weights after it. Before the canary starts that is 0; once promoting, 100. The console's
 * slider shows this range; the engine enforces it.
 */
public final class WeightRange {
    private WeightRange() {}

    /** The highest weight allowed at {@code step} (0-based, -1 before the first) in {@code stage}. */
    public static int allowedMax(List<CanaryStep> steps, ReleaseStage stage, int step) {
        switch (stage) {
            case PROMOTING:
            case PROMOTED:
                return 100;
            case CANARY:
            case HOLDING:
            case PAUSED:
            case FAILED:
                break;
            default:
                return 0;
        }
        int max = 0;
        for (int i = 0; i < steps.size(); i++) {
            CanaryStep at = steps.get(i);
            if (i > step && at instanceof CanaryStep.GateCheck) {
                break; // a gate not reached yet guards what follows it
            }
            if (at instanceof CanaryStep.SetWeight set) {
                max = Math.max(max, set.percent());
                if (i > step) {
                    break; // the next weight step: as far as the captain may go
                }
            }
        }
        return max;
    }
}
