package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.StepFinished;
import dev.quarterdeck.session.SessionEvent.StepStarted;

/**
 * Where the release stands, as the session's events tell it (stage, step, whether the step is done, who moved it
 * there and why), and the same in the captain's words: "Step 3 of 8 · hold until gate slo passes", "Paused by
 * dana", "Rolled back", with what moved it there underneath.
 */
final class ReleasePosition {
    private final ReleaseSteps steps;
    private ReleaseStage stage = ReleaseStage.PREFLIGHT;
    private int step = -1;
    private boolean stepDone;
    private String why = "";
    private Actor who;
    private String rollbackWhy = "";
    private boolean rollbackFailed;

    ReleasePosition(ReleaseSteps steps) {
        this.steps = steps;
    }

    void staged(StageChanged changed) {
        ReleaseStage next = changed.stage();
        if (next == ReleaseStage.ROLLING_BACK) {
            rollbackWhy = changed.why() == null ? "" : changed.why();
        }
        // FAILED straight from ROLLING_BACK is the rollback's failure, not a step's.
        rollbackFailed = next == ReleaseStage.FAILED
                && (stage == ReleaseStage.ROLLING_BACK || (stage == ReleaseStage.FAILED && rollbackFailed));
        if (changed.step() != step) {
            stepDone = false;
        }
        step = changed.step();
        stage = next;
        why = changed.why() == null ? "" : changed.why();
        who = changed.who();
    }

    void started(StepStarted started) {
        step = started.step();
        stepDone = false;
    }

    void finished(StepFinished finished) {
        if (finished.step() == step) {
            stepDone = true;
        }
    }

    ReleaseStage stage() {
        return stage;
    }

    int step() {
        return step;
    }

    boolean stepDone() {
        return stepDone;
    }

    boolean beforeCanary() {
        return stage == ReleaseStage.PREFLIGHT || stage == ReleaseStage.READY;
    }

    boolean running() {
        return stage == ReleaseStage.CANARY || stage == ReleaseStage.HOLDING;
    }

    boolean atLastStep() {
        return step == steps.size() - 1;
    }

    /** "Step 3 of 8 · hold until gate slo passes", "Paused by dana", "Rolled back". */
    String headline() {
        switch (stage) {
            case PREFLIGHT:
                return "Preflight";
            case READY:
                return "Ready to start the canary";
            case CANARY:
            case HOLDING:
                return stepLine();
            case PAUSED:
                return "Paused by " + (who == null ? "the captain" : who.name());
            case PROMOTING:
                return "Promoting";
            case PROMOTED:
                return "Promoted";
            case ROLLING_BACK:
                return "Rolling back";
            case ROLLED_BACK:
                return "Rolled back";
            default:
                return rollbackFailed ? "Rollback failed"
                        : step >= 0 ? "Step " + (step + 1) + " of " + steps.size() + " failed" : "Failed";
        }
    }

    /** What moved the release there and who, or what comes next once a step is done. */
    String detail(Mode mode) {
        String by = who == null ? "" : " · " + who.name();
        switch (stage) {
            case PREFLIGHT:
                return why.isEmpty() ? "the canary can start once the required preflight items pass" : why + by;
            case CANARY:
            case HOLDING:
                return stepDone ? doneLine(mode) : why + by;
            case PAUSED:
                return (step >= 0 ? "at " + stepLine().replace("Step", "step") + " · " : "")
                        + "abort rules keep watching";
            case PROMOTING:
                return "sending all traffic to the canary · " + why + by;
            case ROLLED_BACK:
                return rollbackWhy.isEmpty() ? why : rollbackWhy + " · " + why;
            default:
                return why + by;
        }
    }

    Tone tone() {
        switch (stage) {
            case PAUSED:
            case ROLLING_BACK:
            case ROLLED_BACK:
                return Tone.WARNING;
            case PROMOTING:
            case PROMOTED:
                return Tone.SUCCESS;
            case FAILED:
                return Tone.DANGER;
            default:
                return Tone.NEUTRAL;
        }
    }

    /** "Step 3 of 8 · hold until gate slo passes". */
    private String stepLine() {
        if (step < 0 || step >= steps.size()) {
            return "Canary";
        }
        return "Step " + (step + 1) + " of " + steps.size() + " · " + steps.get(step).description();
    }

    private String doneLine(Mode mode) {
        if (atLastStep()) {
            return mode == Mode.AUTOMATIC ? "done · Quarterdeck promotes" : "done · every step passed: promote";
        }
        String next = steps.get(step + 1).description();
        switch (mode) {
            case AUTOMATIC:
                return "done · Quarterdeck goes on to: " + next;
            case ASSISTED:
                return "done · next: " + next + " (accept Quarterdeck's proposal, or advance)";
            default:
                return "done · next: " + next + " · advance when ready";
        }
    }
}
