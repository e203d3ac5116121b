package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.plan.Action;
import dev.quarterdeck.plan.CanaryStep;
import dev.quarterdeck.plan.ChecklistItem;
import dev.quarterdeck.plan.Durations;
import dev.quarterdeck.plan.FollowUp;
import dev.quarterdeck.plan.Gate;
import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.plan.Phase;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.AbortCleared;
import dev.quarterdeck.session.SessionEvent.AbortTriggered;
import dev.quarterdeck.session.SessionEvent.ChecklistItemMarked;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.FollowUpDue;
import dev.quarterdeck.session.SessionEvent.FollowUpFinished;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import dev.quarterdeck.session.SessionEvent.ModeChanged;
import dev.quarterdeck.session.SessionEvent.OverrideRecorded;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.StepFinished;
import dev.quarterdeck.session.SessionEvent.StepProposed;
import dev.quarterdeck.session.SessionEvent.StepStarted;
import dev.quarterdeck.session.SessionEvent.WeightApplied;
import dev.quarterdeck.session.SessionEvent.WeightChangeFailed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The release as a state machine: preflight, ready, the canary's steps and gates, paused, promoting, promoted,
 * rolling back, rolled back, failed. Commands are decided here and refused with a reason when they do not fit
 * the stage; everything that happens is recorded as an event with who and why, and the state changes only by
 * applying those events, so a journal replayed through {@link #apply} rebuilds it.
 *
 * <p>Not thread-safe: the engine drives it on its one thread. Time comes from the clock and from
 * {@link #tick}, so a 48-hour soak runs in milliseconds under a virtual clock. Work outside the session (router
 * writes, deployment actions, rollback) goes out through {@link Effects}; its results come back as events.
 */
final class ReleaseFlow {

    /** What the flow asks of the world. Each call returns at once; results arrive as events. */
    interface Effects {
        /** Apply a weight the flow has allowed, recorded as {@code who}'s request. */
        void applyWeight(int percent, Actor who, String reason);

        /** Run the rollback plan (or its staged form) on the rollback lane. */
        void rollback(Actor who, String reason, boolean staged);

        /** Run a canary step's action; its end comes back through {@link ReleaseFlow#actionFinished}. */
        void perform(int step, Action action);

        /** Why traffic may not be changed from this console now (read-only, unconfirmed), if so. */
        Optional<String> writeRefusal();
    }

    /** Why a command does not fit now, and whether a captain's override may go past it. */
    private record Refusal(String reason, boolean overridable) {}

    private final ReleasePlan plan;
    private final String environment;
    /** False where the environment has no canary router ({@code traffic: none}): a release takes all traffic. */
    private final boolean canaryRouting;
    private final List<CanaryStep> steps;
    private final Clock clock;
    private final Consumer<SessionEvent> sink;
    private final Effects effects;
    private final Checklist checklist;
    private final SampleHistory samples;

    private ReleaseStage stage = ReleaseStage.PREFLIGHT;
    private ReleaseStage beforePause = ReleaseStage.PREFLIGHT;
    private Instant pausedAt;
    private int step = -1;
    private boolean stepDone;
    private Instant stepStartedAt;
    private Duration pausedDuringStep = Duration.ZERO;
    private int proposed = -2;
    private Mode mode;
    private int weight = -1;
    private GateJudge gate;
    private final Set<String> breached = new HashSet<>();
    private Instant promotedAt;
    private final List<FollowUpState> followUps = new ArrayList<>();

    /** A follow-up after promotion: when it is due, its soak gate if any, and whether it is closed. */
    private static final class FollowUpState {
        final FollowUp followUp;
        final Instant due;
        final GateJudge soak;
        boolean dueRecorded;
        boolean finished;

        FollowUpState(FollowUp followUp, Instant due, GateJudge soak) {
            this.followUp = followUp;
            this.due = due;
            this.soak = soak;
        }
    }

    ReleaseFlow(ReleasePlan plan, String environment, Clock clock, Consumer<SessionEvent> sink, Effects effects,
            EvidenceCheck evidence) {
        this.plan = plan;
        this.environment = environment;
        this.canaryRouting = plan.environment(environment)
                .map(e -> !(e.traffic() instanceof dev.quarterdeck.plan.TrafficSpec.None)).orElse(true);
        this.steps = plan.steps();
        this.clock = clock;
        this.sink = sink;
        this.effects = effects;
        this.mode = plan.mode();
        this.checklist = new Checklist(plan, environment, evidence);
        Duration keep = plan.gates().stream().map(Gate::window).max(Duration::compareTo).orElse(Gate.DEFAULT_WINDOW);
        this.samples = new SampleHistory(keep.plus(GateJudge.STALE_AFTER));
    }

    // ---------------------------------------------------------------------------------------------- reading

    ReleaseStage stage() {
        return stage;
    }

    int step() {
        return step;
    }

    Mode mode() {
        return mode;
    }

    // --------------------------------------------------------------------------------------------- commands

    void advance(Actor who, Optional<String> override) {
        Optional<Refusal> refusal = whyNotAdvance(clock.instant());
        if (!admitted("advance", refusal, who, override)) {
            return;
        }
        boolean skipping = refusal.isPresent() && step >= 0 && (!stepDone || stage == ReleaseStage.FAILED);
        if (skipping) {
            emit(new StepFinished(clock.instant(), step, steps.get(step).describe(), false,
                    "skipped: " + who.name() + " overrode (" + override.orElse("") + ")"));
        }
        if (stage == ReleaseStage.PREFLIGHT || stage == ReleaseStage.READY) {
            if (steps.isEmpty()) {
                promoteNow(who, "the plan has no canary steps");
            } else {
                startStep(0, who, override.map(r -> "started by override: " + r).orElse("captain started the canary"));
            }
        } else if (step >= steps.size() - 1) {
            promoteNow(who, "captain advanced past the last step");
        } else {
            startStep(step + 1, who, override.map(r -> "advanced by override: " + r).orElse("captain advanced"));
        }
    }

    void promote(Actor who, Optional<String> override) {
        Optional<Refusal> refusal = whyNotPromote();
        if (admitted("promote", refusal, who, override)) {
            promoteNow(who, override.map(r -> "promoted by override: " + r).orElse("captain promoted"));
        }
    }

    void requestWeight(int percent, Actor who, String reason, Optional<String> override) {
        String command = "set weight " + percent + "%";
        Optional<Refusal> refusal = whyNotWeight(percent);
        if (admitted(command, refusal, who, override)) {
            effects.applyWeight(percent, who, reason);
        }
    }

    void pause(Actor who) {
        switch (stage) {
            case CANARY:
            case HOLDING:
            case FAILED:
                moveTo(ReleaseStage.PAUSED, step, who, "captain paused");
                break;
            case PAUSED:
                refuse(who, "pause", "the release is already paused");
                break;
            case PREFLIGHT:
            case READY:
                refuse(who, "pause", "the canary has not started; there is nothing to pause");
                break;
            default:
                refuse(who, "pause", "the release is " + stage.label());
        }
    }

    void resume(Actor who) {
        if (stage != ReleaseStage.PAUSED) {
            refuse(who, "resume", "the release is not paused (it is " + stage.label() + ")");
            return;
        }
        moveTo(beforePause, step, who, "captain resumed");
        tick();
    }

    void setMode(Mode next, Actor who) {
        if (next == mode) {
            refuse(who, "mode " + next.key(), "the release is already in " + next.key() + " mode");
            return;
        }
        emit(new ModeChanged(clock.instant(), who, next));
        continueIfDue();
    }

    void markChecklistItem(String itemId, boolean done, Actor who, String note, String evidence) {
        String command = (done ? "tick " : "untick ") + itemId;
        Optional<ChecklistItem> item = checklist.item(itemId);
        if (item.isEmpty()) {
            refuse(who, command, "the plan has no checklist item '" + itemId + "' for " + environment);
            return;
        }
        if (item.get().automatic()) {
            refuse(who, command, "'" + item.get().title() + "' is automatic: it passes when probe '"
                    + item.get().probe().orElseThrow() + "' passes");
            return;
        }
        Optional<String> refusal = checklist.refuseMark(item.get(), done, evidence, clock.instant());
        if (refusal.isPresent()) {
            refuse(who, command, refusal.get());
            return;
        }
        emit(new ChecklistItemMarked(clock.instant(), who, itemId, done, orEmpty(note), orEmpty(evidence).strip()));
        checkPreflight();
    }

    void completeFollowUp(int index, Actor who, String note) {
        String command = "complete follow-up " + (index + 1);
        if (promotedAt == null || index < 0 || index >= followUps.size()) {
            refuse(who, command, promotedAt == null ? "follow-ups start when the release is promoted"
                    : "the plan has " + followUps.size() + " follow-ups");
            return;
        }
        FollowUpState state = followUps.get(index);
        if (state.finished) {
            refuse(who, command, "'" + state.followUp.title() + "' is already closed");
        } else if (clock.instant().isBefore(state.due)) {
            refuse(who, command, "'" + state.followUp.title() + "' is due in "
                    + Durations.human(Duration.between(clock.instant(), state.due)));
        } else {
            emit(new FollowUpFinished(clock.instant(), index, state.followUp.title(), true, who, orEmpty(note)));
        }
    }

    /**
     * A canary step's action ended. Only while the canary is at that step: once a rollback or a promotion has
     * ended the canary, a late result (an approval answered after the rollback) must not move the release.
     */
    void actionFinished(int index, boolean succeeded, String detail) {
        boolean atTheStep = stage == ReleaseStage.CANARY || stage == ReleaseStage.PAUSED;
        if (atTheStep && index == step && !stepDone && steps.get(step) instanceof CanaryStep.Perform) {
            finishStep(succeeded, detail);
        }
    }

    // ---------------------------------------------------------------------------------------- observations

    /** An event recorded by someone else in the session: weights read back, rollback, samples. */
    void observe(SessionEvent event) {
        apply(event);
        if (event instanceof MetricSample sample) {
            watchAbortRules(sample);
        } else if (event instanceof ProbeSample) {
            checkPreflight();
        } else if (event instanceof WeightApplied applied) {
            weightApplied(applied);
        } else if (event instanceof WeightChangeFailed failed) {
            weightFailed(failed);
        } else if (event instanceof RollbackStarted started) {
            gate = null;
            moveTo(ReleaseStage.ROLLING_BACK, step, started.who(), "rollback: " + started.reason());
        } else if (event instanceof RollbackFinished finished) {
            moveTo(finished.succeeded() ? ReleaseStage.ROLLED_BACK : ReleaseStage.FAILED, step, Actor.quarterdeck(),
                    finished.succeeded() ? "rollback finished: " + finished.detail()
                            : "rollback failed: " + finished.detail());
        }
    }

    /** Lets time pass: pauses end, gates are judged, preflight is re-checked, follow-ups come due. */
    void tick() {
        Instant now = clock.instant();
        checkPreflight();
        if (gate != null && step >= 0 && !stepDone) {
            gate.judge(now, samples).ifPresent(this::emit);
            GateVerdict verdict = gate.verdict().orElse(GateVerdict.NO_DATA);
            if (verdict == GateVerdict.FAIL) {
                gateFailed();
            } else if (verdict == GateVerdict.PASS && stage != ReleaseStage.PAUSED) {
                finishStep(true, "gate " + gate.gate().name() + " passed");
            }
        }
        if ((stage == ReleaseStage.CANARY) && !stepDone && steps.get(step) instanceof CanaryStep.Pause pause
                && pause.duration().isPresent()) {
            Duration elapsed = Duration.between(stepStartedAt, now).minus(pausedDuringStep);
            if (elapsed.compareTo(pause.duration().get()) >= 0) {
                finishStep(true, "paused for " + Durations.human(pause.duration().get()));
            }
        }
        if (stage == ReleaseStage.PROMOTED) {
            followUps(now);
        }
    }

    // ------------------------------------------------------------------------------------------- decisions

    private Optional<Refusal> whyNotAdvance(Instant now) {
        Optional<Refusal> fixed = stageRefusal("advance");
        if (fixed.isPresent()) {
            return fixed;
        }
        Optional<String> write = effects.writeRefusal();
        if (write.isPresent()) {
            return Optional.of(new Refusal(write.get(), false));
        }
        if (stage == ReleaseStage.PREFLIGHT) {
            List<String> blocking = checklist.blocking(Phase.PREFLIGHT, now);
            return blocking.isEmpty() ? Optional.empty()
                    : Optional.of(new Refusal("preflight is not done: " + String.join("; ", blocking), true));
        }
        if (stage == ReleaseStage.READY) {
            return Optional.empty();
        }
        if (stage == ReleaseStage.FAILED) {
            return Optional.of(new Refusal("step " + (step + 1) + " failed; roll back, or override to go on", true));
        }
        if (stepDone) {
            return Optional.empty();
        }
        CanaryStep current = steps.get(step);
        String at = "step " + (step + 1) + " (" + current.describe() + ")";
        if (current instanceof CanaryStep.SetWeight set) {
            return Optional.of(new Refusal(at + " waits for the router to read back " + set.percent() + "%", true));
        }
        if (current instanceof CanaryStep.Pause pause) {
            if (pause.duration().isEmpty()) {
                return Optional.empty(); // a pause until the captain advances: this is the advance
            }
            Duration left = pause.duration().get().minus(Duration.between(stepStartedAt, now).minus(pausedDuringStep));
            return Optional.of(new Refusal(at + " has " + Durations.human(left.isNegative() ? Duration.ZERO : left)
                    + " to go", true));
        }
        if (current instanceof CanaryStep.GateCheck check) {
            return Optional.of(new Refusal("gate " + check.gate() + " has not passed"
                    + gate.verdict().map(v -> " (last verdict: " + v.name().toLowerCase(java.util.Locale.ROOT)
                            .replace('_', ' ') + ")").orElse(" (not judged yet)"), true));
        }
        return Optional.of(new Refusal(at + " is still running", true));
    }

    private Optional<Refusal> whyNotPromote() {
        if (stage == ReleaseStage.PROMOTING || stage == ReleaseStage.PROMOTED) {
            return Optional.of(new Refusal("the release is already " + stage.label(), false));
        }
        Optional<Refusal> fixed = stageRefusal("promote");
        if (fixed.isPresent()) {
            return fixed;
        }
        Optional<String> write = effects.writeRefusal();
        if (write.isPresent()) {
            return Optional.of(new Refusal(write.get(), false));
        }
        if (stage == ReleaseStage.PREFLIGHT || stage == ReleaseStage.READY) {
            return Optional.of(new Refusal("the canary has not started", true));
        }
        if (stage == ReleaseStage.FAILED) {
            return Optional.of(new Refusal("step " + (step + 1) + " failed", true));
        }
        int remaining = steps.size() - step - (stepDone ? 1 : 0);
        return remaining == 0 ? Optional.empty()
                : Optional.of(new Refusal(remaining + (remaining == 1 ? " step remains" : " steps remain")
                        + ", next: " + steps.get(stepDone ? step + 1 : step).describe(), true));
    }

    private Optional<Refusal> whyNotWeight(int percent) {
        if (percent < 0 || percent > 100) {
            return Optional.of(new Refusal("a canary weight is 0 to 100 %", false));
        }
        if (stage == ReleaseStage.ROLLING_BACK) {
            return Optional.of(new Refusal("a rollback is running; wait for it to finish", false));
        }
        Optional<String> write = effects.writeRefusal();
        if (write.isPresent()) {
            return Optional.of(new Refusal(write.get(), false));
        }
        int max = WeightRange.allowedMax(steps, stage, step);
        if (percent > max) {
            return Optional.of(new Refusal("the plan allows 0–" + max + "% now ("
                    + (stage == ReleaseStage.PREFLIGHT || stage == ReleaseStage.READY ? "the canary has not started"
                            : stage == ReleaseStage.ROLLED_BACK ? "the release was rolled back"
                            : "next step: " + max + "%") + ")", true));
        }
        return Optional.empty();
    }

    /** Stages in which nothing moves forward, override or not. */
    private Optional<Refusal> stageRefusal(String command) {
        switch (stage) {
            case ROLLING_BACK:
                return Optional.of(new Refusal("a rollback is running", false));
            case ROLLED_BACK:
                return Optional.of(new Refusal("the release was rolled back", false));
            case PROMOTING:
            case PROMOTED:
                return Optional.of(new Refusal("the release is " + stage.label(), false));
            case PAUSED:
                return Optional.of(new Refusal("the release is paused; resume first", false));
            default:
                return Optional.empty();
        }
    }

    /** Lets a command through, records its override, or refuses it. */
    private boolean admitted(String command, Optional<Refusal> refusal, Actor who, Optional<String> override) {
        if (refusal.isEmpty()) {
            return true;
        }
        if (!refusal.get().overridable()) {
            refuse(who, command, refusal.get().reason());
            return false;
        }
        if (override.isEmpty() || override.get().isBlank()) {
            refuse(who, command, refusal.get().reason() + "; " + ReleaseCommands.OVERRIDABLE);
            return false;
        }
        emit(new OverrideRecorded(clock.instant(), who, command, refusal.get().reason(), override.get().strip()));
        return true;
    }

    private void startStep(int index, Actor who, String why) {
        CanaryStep next = steps.get(index);
        emit(new StepStarted(clock.instant(), index, next.describe(), who));
        if (next instanceof CanaryStep.GateCheck check) {
            moveTo(ReleaseStage.HOLDING, index, who, why);
        } else {
            moveTo(ReleaseStage.CANARY, index, who, why);
        }
        if (next instanceof CanaryStep.SetWeight set) {
            effects.applyWeight(set.percent(), who, "step " + (index + 1) + " of " + steps.size());
        } else if (next instanceof CanaryStep.Perform perform) {
            effects.perform(index, perform.action());
        } else if (next instanceof CanaryStep.GateCheck) {
            tick();
        }
    }

    private void finishStep(boolean succeeded, String detail) {
        emit(new StepFinished(clock.instant(), step, steps.get(step).describe(), succeeded, detail));
        if (!succeeded) {
            moveTo(ReleaseStage.FAILED, step, Actor.quarterdeck(), "step " + (step + 1) + " failed: " + detail);
            return;
        }
        if (stage == ReleaseStage.HOLDING) {
            moveTo(ReleaseStage.CANARY, step, Actor.quarterdeck(), detail);
        }
        continueIfDue();
    }

    private void gateFailed() {
        String name = gate.gate().name();
        finishStep(false, "gate " + name + " failed " + gate.gate().maxFailures() + " judgements in a row");
        if (mode == Mode.AUTOMATIC) {
            effects.rollback(Actor.quarterdeck(), "automatic mode: gate " + name + " failed", false);
        }
    }

    /** After a step: go on by itself, propose the next step, or wait for the captain, as the mode says. */
    private void continueIfDue() {
        if (!stepDone || step < 0 || (stage != ReleaseStage.CANARY && stage != ReleaseStage.HOLDING)) {
            return;
        }
        boolean last = step == steps.size() - 1;
        if (mode == Mode.AUTOMATIC) {
            if (last) {
                promoteNow(Actor.quarterdeck(), "automatic mode: every step passed");
            } else {
                startStep(step + 1, Actor.quarterdeck(), "automatic mode: step " + (step + 1) + " done");
            }
        } else if (mode == Mode.ASSISTED) {
            boolean afterGate = steps.get(step) instanceof CanaryStep.GateCheck;
            if (last || afterGate) {
                if (proposed != step + 1) {
                    emit(new StepProposed(clock.instant(), step + 1, last ? "promote: all traffic to the canary"
                            : steps.get(step + 1).describe(), last ? "every step passed"
                            : "gate " + ((CanaryStep.GateCheck) steps.get(step)).gate() + " passed"));
                }
            } else {
                startStep(step + 1, Actor.quarterdeck(), "assisted mode: step " + (step + 1) + " done");
            }
        }
    }

    private void promoteNow(Actor who, String why) {
        gate = null;
        moveTo(ReleaseStage.PROMOTING, step, who, why);
        if (!canaryRouting) {
            moveTo(ReleaseStage.PROMOTED, step, Actor.quarterdeck(), "every step done; the environment has no "
                    + "canary router, so the release took all traffic when it rolled out");
        } else if (weight == 100) {
            promoted();
        } else {
            effects.applyWeight(100, who, "promote");
        }
    }

    private void promoted() {
        moveTo(ReleaseStage.PROMOTED, step, Actor.quarterdeck(), "the router reads back 100% canary");
    }

    /** From promotion on, the plan's follow-ups are due at their times; soak gates judge from then. */
    private void startFollowUps(Instant now) {
        promotedAt = now;
        followUps.clear();
        for (FollowUp followUp : plan.followUps()) {
            GateJudge soak = followUp.gate().flatMap(plan::gate).map(g -> new GateJudge(g, now)).orElse(null);
            followUps.add(new FollowUpState(followUp, now.plus(followUp.after()), soak));
        }
    }

    private void weightApplied(WeightApplied applied) {
        if (stage == ReleaseStage.PROMOTING && applied.requestedPercent() == 100) {
            if (applied.percent() == 100) {
                promoted();
            } else {
                moveTo(ReleaseStage.FAILED, step, Actor.quarterdeck(), "promotion: the router reads back "
                        + applied.percent() + "% after setting 100%");
            }
            return;
        }
        if (step >= 0 && !stepDone && stage != ReleaseStage.ROLLING_BACK
                && steps.get(step) instanceof CanaryStep.SetWeight set && applied.requestedPercent() == set.percent()) {
            if (applied.percent() == set.percent()) {
                finishStep(true, "read back " + applied.percent() + "% from " + applied.router());
            } else {
                finishStep(false, applied.router() + " reads back " + applied.percent() + "% after setting "
                        + set.percent() + "%");
            }
        }
    }

    private void weightFailed(WeightChangeFailed failed) {
        if (stage == ReleaseStage.PROMOTING && failed.requestedPercent() == 100) {
            moveTo(ReleaseStage.FAILED, step, Actor.quarterdeck(), "promotion failed: " + failed.error());
        } else if (step >= 0 && !stepDone && stage != ReleaseStage.ROLLING_BACK
                && steps.get(step) instanceof CanaryStep.SetWeight set && failed.requestedPercent() == set.percent()) {
            finishStep(false, failed.error());
        }
    }

    /** Abort rules judge every sample while the canary carries traffic; a breach acts at once. */
    private void watchAbortRules(MetricSample sample) {
        if (!watched() || !sample.hasValue()) {
            return;
        }
        for (AbortRule rule : plan.abortRules()) {
            if (rule.condition().metric() != sample.metric() || rule.condition().track() != sample.track()) {
                continue;
            }
            String key = rule.severity() + " " + rule.condition().describe();
            boolean breach = !rule.condition().holdsFor(sample.value());
            if (breach && !breached.contains(key)) {
                emit(new AbortTriggered(sample.at(), rule.severity(), rule.response(), rule.condition().describe(),
                        sample.value(), rule.condition().threshold()));
                if (rule.response() != AbortRule.Response.ALERT && stage != ReleaseStage.ROLLING_BACK) {
                    effects.rollback(Actor.quarterdeck(), rule.severity() + ": " + sample.track().label() + " "
                            + sample.metric().key() + " " + sample.metric().format(sample.value()) + " breaches "
                            + rule.condition().describe(), rule.response() == AbortRule.Response.STAGED_ROLLBACK);
                }
            } else if (!breach && breached.contains(key)) {
                emit(new AbortCleared(sample.at(), rule.severity(), rule.condition().describe(), sample.value()));
            }
        }
    }

    private boolean watched() {
        switch (stage) {
            case CANARY:
            case HOLDING:
            case PAUSED:
            case FAILED:
            case PROMOTING:
            case PROMOTED:
                return true;
            default:
                return false;
        }
    }

    private void checkPreflight() {
        Instant now = clock.instant();
        if (stage == ReleaseStage.PREFLIGHT && checklist.blocking(Phase.PREFLIGHT, now).isEmpty()) {
            moveTo(ReleaseStage.READY, -1, Actor.quarterdeck(), "every required preflight item passed");
        } else if (stage == ReleaseStage.READY) {
            List<String> blocking = checklist.blocking(Phase.PREFLIGHT, now);
            if (!blocking.isEmpty()) {
                moveTo(ReleaseStage.PREFLIGHT, -1, Actor.quarterdeck(), "preflight no longer passes: "
                        + String.join("; ", blocking));
            }
        }
    }

    private void followUps(Instant now) {
        for (int i = 0; i < followUps.size(); i++) {
            FollowUpState state = followUps.get(i);
            if (state.finished) {
                continue;
            }
            String title = state.followUp.title();
            if (state.soak != null) {
                state.soak.judge(now, samples).ifPresent(this::emit);
                if (state.soak.verdict().orElse(GateVerdict.NO_DATA) == GateVerdict.FAIL) {
                    emit(new FollowUpFinished(now, i, title, false, Actor.quarterdeck(), "gate "
                            + state.soak.gate().name() + " failed during the soak"));
                    continue;
                }
            }
            if (now.isBefore(state.due)) {
                continue;
            }
            if (!state.dueRecorded) {
                emit(new FollowUpDue(now, i, title));
            }
            GateVerdict verdict = state.soak == null ? null : state.soak.verdict().orElse(GateVerdict.NO_DATA);
            if (verdict == GateVerdict.PASS || verdict == GateVerdict.HOLDING) {
                emit(new FollowUpFinished(now, i, title, true, Actor.quarterdeck(), "gate " + state.soak.gate().name()
                        + " held for " + Durations.human(Duration.between(promotedAt, now)) + " after promotion"));
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- events

    private void moveTo(ReleaseStage next, int atStep, Actor who, String why) {
        if (next != stage || atStep != step) {
            emit(new StageChanged(clock.instant(), next, atStep, who, why));
        }
    }

    private void refuse(Actor who, String command, String reason) {
        sink.accept(new CommandRefused(clock.instant(), who, command, reason));
    }

    private void emit(SessionEvent event) {
        sink.accept(event);
        apply(event);
    }

    /** The only place state changes: from the session's events, live or replayed. */
    void apply(SessionEvent event) {
        if (event instanceof StageChanged changed) {
            if (changed.stage() == ReleaseStage.PAUSED && stage != ReleaseStage.PAUSED) {
                beforePause = stage;
                pausedAt = changed.at();
            } else if (stage == ReleaseStage.PAUSED && changed.stage() != ReleaseStage.PAUSED && pausedAt != null) {
                pausedDuringStep = pausedDuringStep.plus(Duration.between(pausedAt, changed.at()));
            }
            if (changed.stage() == ReleaseStage.PROMOTED && stage != ReleaseStage.PROMOTED) {
                startFollowUps(changed.at());
            }
            stage = changed.stage();
            step = changed.step();
        } else if (event instanceof StepStarted started) {
            step = started.step();
            stepDone = false;
            stepStartedAt = started.at();
            pausedDuringStep = Duration.ZERO;
            gate = steps.get(step) instanceof CanaryStep.GateCheck check
                    ? new GateJudge(plan.gate(check.gate()).orElseThrow(), started.at())
                    : null;
        } else if (event instanceof StepFinished) {
            stepDone = true;
            gate = null;
        } else if (event instanceof StepProposed p) {
            proposed = p.step();
        } else if (event instanceof ModeChanged changed) {
            mode = changed.mode();
            proposed = -2;
        } else if (event instanceof ChecklistItemMarked mark) {
            checklist.apply(mark);
        } else if (event instanceof ProbeSample sample) {
            checklist.apply(sample);
        } else if (event instanceof MetricSample sample) {
            samples.add(sample);
        } else if (event instanceof GateJudged judged) {
            // Live, the judge already stands where this says; replayed, it picks up the burn-in where it was.
            GateJudge judge = gate != null && gate.gate().name().equals(judged.gate()) ? gate : soakJudge(judged);
            if (judge != null) {
                judge.restore(judged);
            }
        } else if (event instanceof WeightApplied applied) {
            weight = applied.percent();
        } else if (event instanceof AbortTriggered triggered) {
            breached.add(triggered.severity() + " " + triggered.rule());
        } else if (event instanceof AbortCleared cleared) {
            breached.remove(cleared.severity() + " " + cleared.rule());
        } else if (event instanceof FollowUpDue due && due.index() < followUps.size()) {
            followUps.get(due.index()).dueRecorded = true;
        } else if (event instanceof FollowUpFinished finished && finished.index() < followUps.size()) {
            followUps.get(finished.index()).finished = true;
        }
    }

    /** The soak judge of a follow-up that judges this gate, if one is open. */
    private GateJudge soakJudge(GateJudged judged) {
        for (FollowUpState state : followUps) {
            if (!state.finished && state.soak != null && state.soak.gate().name().equals(judged.gate())) {
                return state.soak;
            }
        }
        return null;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
