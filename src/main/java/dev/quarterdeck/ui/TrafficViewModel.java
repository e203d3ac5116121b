package dev.quarterdeck.ui;

import dev.quarterdeck.plan.CanaryStep;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.rollout.ReleaseCommands;
import dev.quarterdeck.rollout.WeightRange;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.WeightApplied;
import dev.quarterdeck.session.SessionEvent.WeightChangeFailed;
import dev.quarterdeck.session.SessionEvent.WeightRequested;
import dev.quarterdeck.session.Subscription;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The canary weight: what the captain asked for and what the router really applies. The applied weight comes
 * only from {@link WeightApplied} (read back from the router), never from the request, so "requested 40 %"
 * next to "applied 20 %" is the honest picture while a change is under way.
 *
 * <p>{@link #targetProperty()} is where the slider should rest: the latest request, or the applied weight
 * when a change happened elsewhere (a rollback) or a request failed.
 *
 * <p>The plan allows the captain a range at each stage ({@link WeightRange}: 0 up to the next step's weight);
 * the slider shows it. A weight past it is not sent to be refused: the captain is asked for an override reason
 * first, and the override goes out with it (as it does when the engine refuses a weight it says an override may
 * pass).
 *
 * <p>While the engine would refuse a change (another console holds the lease, the environment is locked or its
 * protected name not typed, the cluster forbids the router write) the slider is locked and the status line says
 * the first reason that applies, in the engine's order; a refusal that still happens is shown with its reason.
 */
public final class TrafficViewModel implements AutoCloseable {
    /** Where a weight change stands, for the status line. */
    public enum Status {
        /** Nothing read back from the router yet. */
        UNKNOWN,
        /** The router applies what was asked. */
        IN_PLACE,
        /** A request is under way. */
        APPLYING,
        /** The last request did not happen, or could not be confirmed. */
        FAILED,
        /** A rollback owns the weight until it finishes. */
        ROLLING_BACK,
        /** The engine would refuse a change now (read-only, locked, not confirmed, forbidden): the slider is locked. */
        BLOCKED,
        /** The engine refused the last change; nothing of it was applied. */
        REFUSED
    }

    /** The engine's name for a weight command: "set weight 40%". */
    private static final Pattern SET_WEIGHT = Pattern.compile("set weight (-?\\d+)\\s*%");

    private final ReleaseCommands commands;
    private final Actor actor;
    private final List<Integer> stepWeights;
    private final List<CanaryStep> steps;
    private final ReadOnlyIntegerWrapper allowedMax = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper allowedText = new ReadOnlyStringWrapper();
    private final ReasonPrompt override = new ReasonPrompt();
    private final ReadOnlyIntegerWrapper overridePercent = new ReadOnlyIntegerWrapper();
    private ReleaseStage stage = ReleaseStage.PREFLIGHT;
    private int step = -1;
    private final ReadOnlyObjectWrapper<Integer> requested = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Integer> applied = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper target = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper requestedText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper appliedText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper requestedValue = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper appliedValue = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Tone> requestedTone = new ReadOnlyObjectWrapper<>(Tone.NEUTRAL);
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.UNKNOWN);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper rollingBack = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper();
    private final WriteAccess access;
    private String failure = "";
    private String refusal = "";
    private int refusedPercent;
    /** The latest request as the session knows it, to fall back to when an eager one is refused. */
    private Integer sessionRequested;
    private final Subscription subscription;

    public TrafficViewModel(ReleasePlan plan, Environment environment, ReleaseCommands commands, Actor actor,
            FxBridge events) {
        this.access = new WriteAccess(environment);
        this.commands = Objects.requireNonNull(commands, "commands");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.stepWeights = plan.stepWeights().stream().distinct().sorted().toList();
        this.steps = plan.steps();
        refresh();
        subscription = events.listen(this::onEvents);
    }

    /**
     * Asks for a canary weight. A request for the weight the slider already rests at is dropped, so releasing
     * the slider where it was, or the slider following the router, sends nothing. Ignored during a rollback and
     * while the engine would refuse it: the slider is locked then, and the status line says why.
     */
    public void request(int percent, String reason) {
        int clamped = Math.max(0, Math.min(100, percent));
        if (locked.get() || (clamped == target.get() && requested.get() != null)) {
            return;
        }
        if (clamped > allowedMax.get()) {
            askOverride(clamped, "the plan allows 0–" + allowedMax.get() + " % now");
            return;
        }
        override.close();
        eager(clamped);
        commands.requestWeight(clamped, actor, reason);
    }

    /** Sends the weight the override was asked for, with the typed reason. */
    public void sendOverride() {
        if (!override.canSendProperty().get() || locked.get()) {
            return;
        }
        int percent = overridePercent.get();
        String reason = override.take();
        eager(percent);
        commands.overrideWeight(percent, actor, reason);
    }

    /** Drops the override; the slider goes back to where it rests. */
    public void cancelOverride() {
        override.close();
    }

    private void askOverride(int percent, String why) {
        overridePercent.set(percent);
        override.open(percent + " % is past what the plan allows now: " + why
                + ". Override with a reason (recorded), or cancel.");
    }

    /** Shown at once so the captain sees the click landed; the session's WeightRequested confirms it. */
    private void eager(int percent) {
        requested.set(percent);
        target.set(percent);
        failure = "";
        refusal = "";
        refresh();
    }

    private void onEvents(List<SessionEvent> batch) {
        for (SessionEvent event : batch) {
            access.accept(event);
            if (event instanceof StageChanged changed) {
                stage = changed.stage();
                step = changed.step();
            } else if (event instanceof WeightRequested req) {
                requested.set(req.percent());
                sessionRequested = req.percent();
                if (!rollingBack.get()) {
                    target.set(req.percent());
                }
                failure = "";
                refusal = "";
            } else if (event instanceof CommandRefused refused) {
                refused(refused);
            } else if (event instanceof WeightApplied done) {
                applied.set(done.percent());
                // A plain read (session start) answers no request: it stands for one of what it read.
                int answers = done.requestedPercent() == WeightApplied.PLAIN_READ
                        ? done.percent()
                        : done.requestedPercent();
                // Follow the router unless a newer request is still on its way. A plain read answers none, and
                // none of this console's is on its way then (commands wait for the session to open): after a
                // resume, what the journal asked for last is history, and the router is the truth.
                if (requested.get() == null || requested.get() == answers || rollingBack.get()
                        || done.requestedPercent() == WeightApplied.PLAIN_READ) {
                    requested.set(answers);
                    sessionRequested = answers;
                    target.set(done.percent());
                }
            } else if (event instanceof WeightChangeFailed failed) {
                if (requested.get() == null || requested.get() == failed.requestedPercent()) {
                    failure = failed.error() == null || failed.error().isBlank() ? "no reason given" : failed.error();
                    if (applied.get() != null) {
                        target.set(applied.get());
                    }
                }
            } else if (event instanceof RollbackStarted) {
                rollingBack.set(true);
                failure = "";
                refusal = "";
            } else if (event instanceof RollbackFinished finished) {
                rollingBack.set(false);
                if (finished.weight() >= 0) {
                    applied.set(finished.weight());
                    requested.set(finished.weight());
                    sessionRequested = finished.weight();
                    target.set(finished.weight());
                }
            }
        }
        refresh();
    }

    /** A weight change the engine refused: nothing was asked of the router, so the eager request is taken back. */
    private void refused(CommandRefused refused) {
        Matcher weight = SET_WEIGHT.matcher(refused.command());
        if (!weight.matches()) {
            return;
        }
        refusedPercent = Integer.parseInt(weight.group(1));
        refusal = refused.reason() == null || refused.reason().isBlank() ? "no reason given" : refused.reason();
        if (refusal.endsWith(ReleaseCommands.OVERRIDABLE) && refused.who().equals(actor)) {
            // Refused, but an override may pass: ask for the reason right away rather than leave a dead end.
            String why = refusal.substring(0, refusal.length() - ReleaseCommands.OVERRIDABLE.length()).strip();
            askOverride(refusedPercent, why.endsWith(";") ? why.substring(0, why.length() - 1) : why);
        }
        failure = "";
        requested.set(sessionRequested);
        Integer back = applied.get() != null ? applied.get() : sessionRequested;
        if (back != null) {
            target.set(back);
        }
    }

    private void refresh() {
        allowedMax.set(WeightRange.allowedMax(steps, stage, step));
        allowedText.set(allowedMax.get() == 0 ? "the plan allows no canary traffic now"
                : "the plan allows 0–" + allowedMax.get() + " % now");
        if (rollingBack.get() && override.openProperty().get()) {
            cancelOverride();
        }
        Integer req = requested.get();
        Integer app = applied.get();
        Optional<String> blocked = access.trafficRefusal();
        locked.set(rollingBack.get() || blocked.isPresent());
        requestedValue.set(req == null ? "—" : req + " %");
        appliedValue.set(app == null ? "—" : app + " %");
        requestedText.set("requested " + requestedValue.get());
        appliedText.set("applied " + appliedValue.get());
        // Asked for but not (yet) what the router applies: the captain must not read one for the other.
        requestedTone.set(req != null && !req.equals(app) ? Tone.WARNING : Tone.NEUTRAL);
        if (rollingBack.get()) {
            status.set(Status.ROLLING_BACK);
            statusText.set("rollback in progress: the slider is locked");
        } else if (blocked.isPresent()) {
            status.set(Status.BLOCKED);
            statusText.set(blocked.get());
        } else if (!refusal.isEmpty()) {
            status.set(Status.REFUSED);
            statusText.set("change to " + refusedPercent + " % refused: " + refusal);
        } else if (!failure.isEmpty()) {
            status.set(Status.FAILED);
            statusText.set("change to " + req + " % failed: " + failure);
        } else if (app == null) {
            status.set(req == null ? Status.UNKNOWN : Status.APPLYING);
            statusText.set(req == null ? "router not read yet" : "applying…");
        } else if (req != null && !req.equals(app)) {
            status.set(Status.APPLYING);
            statusText.set("applying… " + app + " % → " + req + " %");
        } else {
            status.set(Status.IN_PLACE);
            statusText.set("canary gets " + app + " % of traffic");
        }
    }

    /** The plan's step weights in ascending order: the slider's major ticks and the step buttons. */
    public List<Integer> stepWeights() {
        return stepWeights;
    }

    /** The highest weight the plan allows now without an override (0 before the canary, 100 once promoting). */
    public ReadOnlyIntegerProperty allowedMaxProperty() {
        return allowedMax.getReadOnlyProperty();
    }

    /** "plan allows 0–10 % now". */
    public ReadOnlyStringProperty allowedTextProperty() {
        return allowedText.getReadOnlyProperty();
    }

    /** The reason asked before a weight past the plan's range goes out; open while it waits for one. */
    public ReasonPrompt override() {
        return override;
    }

    /** The weight the override is asked for. */
    public ReadOnlyIntegerProperty overridePercentProperty() {
        return overridePercent.getReadOnlyProperty();
    }

    /** The latest weight asked for, by anyone; null before the first request. */
    public ReadOnlyObjectProperty<Integer> requestedProperty() {
        return requested.getReadOnlyProperty();
    }

    /** The weight the router reported after the latest change; null before the first read. */
    public ReadOnlyObjectProperty<Integer> appliedProperty() {
        return applied.getReadOnlyProperty();
    }

    /** Where the slider should rest. */
    public ReadOnlyIntegerProperty targetProperty() {
        return target.getReadOnlyProperty();
    }

    /** "requested 40 %". */
    public ReadOnlyStringProperty requestedTextProperty() {
        return requestedText.getReadOnlyProperty();
    }

    /** "applied 20 %". */
    public ReadOnlyStringProperty appliedTextProperty() {
        return appliedText.getReadOnlyProperty();
    }

    /** The requested weight alone, for the big number under its caption: "40 %", or "—" before any. */
    public ReadOnlyStringProperty requestedValueProperty() {
        return requestedValue.getReadOnlyProperty();
    }

    /** The applied weight alone: "20 %", or "—" before the router is read. */
    public ReadOnlyStringProperty appliedValueProperty() {
        return appliedValue.getReadOnlyProperty();
    }

    /** WARNING while the requested weight differs from the applied one (or nothing is applied yet). */
    public ReadOnlyObjectProperty<Tone> requestedToneProperty() {
        return requestedTone.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** "applying… 20 % → 40 %", or the router's error after a failure. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** True while a rollback runs: weight requests would fight it, so the slider is locked. */
    public ReadOnlyBooleanProperty rollingBackProperty() {
        return rollingBack.getReadOnlyProperty();
    }

    /** True while a change would be refused or fight a rollback: the slider and step buttons are off. */
    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    @Override
    public void close() {
        subscription.close();
    }
}
