package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Durations;
import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.RollbackPlan;
import dev.quarterdeck.rollout.ReleaseCommands;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.ModeChanged;
import dev.quarterdeck.session.SessionEvent.OverrideRecorded;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.StepFinished;
import dev.quarterdeck.session.SessionEvent.StepProposed;
import dev.quarterdeck.session.SessionEvent.StepStarted;
import dev.quarterdeck.session.Subscription;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The release itself, as the captain drives it: where it stands in words ("Step 3 of 8 · hold until gate slo
 * passes", "Paused by dana", "Rolled back"), the plan's steps with their status, who moves it on (the mode), and
 * the commands: start the canary and advance, pause and resume, promote, abort, staged rollback.
 *
 * <p>Everything shown comes from the session's events; a click only asks. A refused command says why on the
 * panel, and when the engine says an override may go past the refusal, the panel offers one: a reason is asked
 * for, and the override goes out with it. Abort and staged rollback ask for a reason too; in assisted mode a
 * proposal from Quarterdeck is shown with an Accept button, which is an advance.
 */
public final class ReleaseViewModel implements AutoCloseable {

    /** What the reason field under the buttons is asking for, if anything. */
    public enum Ask {
        NONE,
        ABORT,
        STAGED_ROLLBACK,
        OVERRIDE_ADVANCE,
        OVERRIDE_PROMOTE
    }

    private final ReleaseCommands commands;
    private final Actor actor;
    private final ReleaseSteps steps;
    private final ReleasePosition position;
    private final RollbackPlan rollbackPlan;

    private final ReadOnlyObjectWrapper<ReleaseStage> stage = new ReadOnlyObjectWrapper<>(ReleaseStage.PREFLIGHT);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Tone> tone = new ReadOnlyObjectWrapper<>(Tone.NEUTRAL);
    private final ReadOnlyObjectWrapper<Mode> mode;
    private final ReadOnlyStringWrapper advanceText = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper canAdvance = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper advanceSuggested = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper pauseText = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper canPause = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canPromote = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper promoteSuggested = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canAbort = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canStagedRollback = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> messageTone = new ReadOnlyObjectWrapper<>(Tone.MUTED);
    private final ReadOnlyBooleanWrapper canOverride = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper proposal = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper stepsSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Ask> asking = new ReadOnlyObjectWrapper<>(Ask.NONE);
    private final ReasonPrompt reason = new ReasonPrompt();
    private final Subscription subscription;

    /** The command a refusal said an override may go past; NONE when there is none to offer. */
    private Ask override = Ask.NONE;
    private String overrideRefusal = "";
    /** A message that stays until the captain's next command, not only until the stage moves. */
    private boolean messageSticks;

    public ReleaseViewModel(ReleasePlan plan, ReleaseCommands commands, Actor actor, FxBridge events) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.rollbackPlan = plan.rollback();
        this.steps = new ReleaseSteps(plan.steps());
        this.position = new ReleasePosition(steps);
        this.mode = new ReadOnlyObjectWrapper<>(plan.mode());
        refresh();
        subscription = events.listen(this::onEvents);
    }

    // -------------------------------------------------------------------------------------------- commands

    /** Starts the canary, or goes on to the next step. */
    public void advance() {
        asked(position.beforeCanary() ? "starting the canary…" : "advancing…");
        commands.advance(actor);
    }

    /** Accepts Quarterdeck's proposal in assisted mode: the same as an advance. */
    public void acceptProposal() {
        if (proposal.get().isEmpty()) {
            return;
        }
        proposal.set("");
        asked("accepted: advancing…");
        commands.advance(actor);
    }

    /** Pauses a running canary, or resumes a paused one. */
    public void togglePause() {
        if (stage.get() == ReleaseStage.PAUSED) {
            asked("resuming…");
            commands.resume(actor);
        } else {
            asked("pausing…");
            commands.pause(actor);
        }
    }

    public void promote() {
        asked("promoting…");
        commands.promote(actor);
    }

    /** Asks the engine to hand the moving on to {@code next}; the switch follows once the session says so. */
    public void setMode(Mode next) {
        if (next == null || next == mode.get()) {
            return;
        }
        asked("switching to " + next.key() + " mode…");
        commands.setMode(next, actor);
    }

    /** Opens the reason field for an abort. */
    public void askAbort() {
        ask(Ask.ABORT, "Abort the release: Quarterdeck rolls back and the release ends here. Why?");
    }

    /** Opens the reason field for the plan's staged rollback. */
    public void askStagedRollback() {
        if (!hasStagedRollback()) {
            return;
        }
        RollbackPlan.Staged staged = rollbackPlan.staged().orElseThrow();
        ask(Ask.STAGED_ROLLBACK, "Staged rollback: " + staged.weights().stream().map(w -> w + " %")
                .collect(Collectors.joining(" → ")) + ", holding " + Durations.human(
                        staged.hold()) + " at each. Why?");
    }

    /** Opens the reason field for an override of the command the engine last refused, when it may be overridden. */
    public void askOverride() {
        if (override == Ask.NONE) {
            return;
        }
        String command = override == Ask.OVERRIDE_PROMOTE ? "promote" : position.beforeCanary() ? "start the canary"
                : "advance";
        ask(override, "Override: " + command + " although " + overrideRefusal + ". The reason is recorded. Why?");
    }

    /** Sends what the reason field was opened for, with the typed reason. */
    public void send() {
        if (!reason.canSendProperty().get()) {
            return;
        }
        Ask what = asking.get();
        String typed = reason.take();
        asking.set(Ask.NONE);
        switch (what) {
            case ABORT:
                asked("aborting…");
                commands.abort(actor, typed);
                break;
            case STAGED_ROLLBACK:
                asked("staged rollback asked…");
                commands.stagedRollback(actor, typed);
                break;
            case OVERRIDE_ADVANCE:
                asked("override sent…");
                commands.overrideAdvance(actor, typed);
                break;
            case OVERRIDE_PROMOTE:
                asked("override sent…");
                commands.overridePromote(actor, typed);
                break;
            default:
                break;
        }
    }

    /** Closes the reason field without sending anything. */
    public void cancelAsk() {
        asking.set(Ask.NONE);
        reason.close();
    }

    private void ask(Ask what, String prompt) {
        reason.open(prompt);
        asking.set(what);
    }

    private void asked(String text) {
        override = Ask.NONE;
        message(text, Tone.MUTED, false);
        refresh();
    }

    // ---------------------------------------------------------------------------------------------- events

    private void onEvents(List<SessionEvent> batch) {
        boolean changed = false;
        for (SessionEvent event : batch) {
            changed |= accept(event);
        }
        if (changed) {
            refresh();
        }
    }

    private boolean accept(SessionEvent event) {
        if (event instanceof StageChanged changed) {
            staged(changed);
        } else if (event instanceof StepStarted started) {
            steps.started(started);
            position.started(started);
            proposal.set("");
            settled();
        } else if (event instanceof StepFinished finished) {
            steps.finished(finished);
            position.finished(finished);
        } else if (event instanceof StepProposed proposed) {
            proposal.set(proposed.step() >= steps.size()
                    ? "Quarterdeck proposes to " + proposed.description() + " (" + proposed.why() + ")"
                    : "Quarterdeck proposes step " + (proposed.step() + 1) + " of " + steps.size() + ": "
                            + proposed.description() + " (" + proposed.why() + ")");
        } else if (event instanceof ModeChanged changed) {
            mode.set(changed.mode());
            proposal.set("");
            settled();
        } else if (event instanceof CommandRefused refused) {
            return refused(refused);
        } else if (event instanceof OverrideRecorded recorded) {
            override = Ask.NONE;
            message("override recorded: " + recorded.command() + " although " + recorded.refusal() + " · "
                    + recorded.who().name() + ": " + recorded.reason(), Tone.WARNING, true);
        } else {
            return false;
        }
        return true;
    }

    private void staged(StageChanged changed) {
        steps.staged(changed);
        position.staged(changed);
        stage.set(changed.stage());
        if (!position.running()) {
            proposal.set("");
        }
        settled();
    }

    /** Something happened: a waiting or refusal line is answered; an override line stays until the next command. */
    private void settled() {
        if (!messageSticks) {
            message("", Tone.MUTED, false);
            override = Ask.NONE;
        }
    }

    private boolean refused(CommandRefused refused) {
        String command = refused.command();
        String label;
        if (command.equals("advance")) {
            label = position.beforeCanary() ? "Start canary" : "Advance";
        } else if (command.equals("promote")) {
            label = "Promote";
        } else if (command.equals("pause") || command.equals("resume")) {
            label = command.equals("pause") ? "Pause" : "Resume";
        } else if (command.equals("staged rollback")) {
            label = "Staged rollback";
        } else if (command.startsWith("mode ")) {
            label = "Switch to " + command.substring(5) + " mode";
        } else {
            return false; // weights, ticks, rollback, follow-ups: their own panels say so
        }
        String text = refused.reason() == null ? "" : refused.reason().strip();
        boolean overridable = text.endsWith(ReleaseCommands.OVERRIDABLE)
                && (command.equals("advance") || command.equals("promote"));
        if (overridable) {
            text = text.substring(0, text.length() - ReleaseCommands.OVERRIDABLE.length()).strip();
            if (text.endsWith(";")) {
                text = text.substring(0, text.length() - 1);
            }
            override = command.equals("promote") ? Ask.OVERRIDE_PROMOTE : Ask.OVERRIDE_ADVANCE;
            overrideRefusal = text;
        } else {
            override = Ask.NONE;
        }
        message(label + " refused: " + (text.isEmpty() ? "no reason given" : text)
                + (overridable ? ". An override with a reason can go past this." : ""), Tone.DANGER, false);
        return true;
    }

    private void message(String text, Tone newTone, boolean sticks) {
        message.set(text);
        messageTone.set(newTone);
        messageSticks = sticks && !text.isEmpty();
    }

    // --------------------------------------------------------------------------------------------- display

    private void refresh() {
        ReleaseStage now = stage.get();
        headline.set(position.headline());
        detail.set(position.detail(mode.get()));
        tone.set(position.tone());
        stepsSummary.set(steps.summary());

        boolean beforeCanary = position.beforeCanary();
        boolean running = position.running();
        boolean captainsMove = running && position.stepDone() && mode.get() != Mode.AUTOMATIC;
        advanceText.set(beforeCanary ? "Start canary" : "Advance");
        canAdvance.set(beforeCanary || running || now == ReleaseStage.FAILED);
        advanceSuggested.set(now == ReleaseStage.READY || (captainsMove && !position.atLastStep()));
        pauseText.set(now == ReleaseStage.PAUSED ? "Resume" : "Pause");
        canPause.set(running || now == ReleaseStage.PAUSED || now == ReleaseStage.FAILED);
        canPromote.set(running || now == ReleaseStage.FAILED);
        promoteSuggested.set(captainsMove && position.atLastStep());
        canAbort.set(!now.terminal() && now != ReleaseStage.ROLLING_BACK);
        canStagedRollback.set(hasStagedRollback() && (running || now == ReleaseStage.PAUSED
                || now == ReleaseStage.FAILED || now == ReleaseStage.PROMOTING || now == ReleaseStage.PROMOTED));
        canOverride.set(override != Ask.NONE);
        if (asking.get() != Ask.NONE && !stillAskable(asking.get())) {
            cancelAsk();
        }
    }

    /** A reason field stays open only while what it asks for still makes sense. */
    private boolean stillAskable(Ask what) {
        switch (what) {
            case ABORT:
                return canAbort.get();
            case STAGED_ROLLBACK:
                return canStagedRollback.get();
            default:
                return canAdvance.get() || canPromote.get();
        }
    }

    // ------------------------------------------------------------------------------------------- properties

    /** The plan's canary steps, in order. */
    public List<ReleaseStep> steps() {
        return steps.rows();
    }

    /** Whether the plan has a staged rollback (the panel shows its button only then). */
    public boolean hasStagedRollback() {
        return rollbackPlan.staged().isPresent();
    }

    public ReadOnlyObjectProperty<ReleaseStage> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    /** "Step 3 of 8 · hold until gate slo passes", "Paused by dana", "Rolled back". */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** What moved it there and who: "gate slo passed · quarterdeck". */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> toneProperty() {
        return tone.getReadOnlyProperty();
    }

    /** Who moves the canary on, as the session last recorded. */
    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** "Start canary" before the canary, "Advance" after. */
    public ReadOnlyStringProperty advanceTextProperty() {
        return advanceText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canAdvanceProperty() {
        return canAdvance.getReadOnlyProperty();
    }

    /** True when the next move is the captain's: ready to start, or a step done in manual or assisted mode. */
    public ReadOnlyBooleanProperty advanceSuggestedProperty() {
        return advanceSuggested.getReadOnlyProperty();
    }

    /** "Pause", or "Resume" while paused. */
    public ReadOnlyStringProperty pauseTextProperty() {
        return pauseText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPauseProperty() {
        return canPause.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPromoteProperty() {
        return canPromote.getReadOnlyProperty();
    }

    /** True when the last step is done and promoting is the captain's move. */
    public ReadOnlyBooleanProperty promoteSuggestedProperty() {
        return promoteSuggested.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canAbortProperty() {
        return canAbort.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStagedRollbackProperty() {
        return canStagedRollback.getReadOnlyProperty();
    }

    /** A refusal with its reason, an override recorded, or what was just asked; empty when nothing to say. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> messageToneProperty() {
        return messageTone.getReadOnlyProperty();
    }

    /** True when the last refusal may be overridden with a reason: the panel offers "Override…". */
    public ReadOnlyBooleanProperty canOverrideProperty() {
        return canOverride.getReadOnlyProperty();
    }

    /** "8 steps · 2 done · 1 current · 5 pending". */
    public ReadOnlyStringProperty stepsSummaryProperty() {
        return stepsSummary.getReadOnlyProperty();
    }

    /** Quarterdeck's proposal in assisted mode, or empty. */
    public ReadOnlyStringProperty proposalProperty() {
        return proposal.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Ask> askingProperty() {
        return asking.getReadOnlyProperty();
    }

    /** The reason asked for an abort, a staged rollback or an override. */
    public ReasonPrompt reason() {
        return reason;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
