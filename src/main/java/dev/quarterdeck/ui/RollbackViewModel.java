package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.rollout.ReleaseCommands;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.ApprovalAnswered;
import dev.quarterdeck.session.SessionEvent.ApprovalRequested;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.EnvironmentChecked;
import dev.quarterdeck.session.SessionEvent.LeaseChanged;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.RollbackStepFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStepProgress;
import dev.quarterdeck.session.SessionEvent.RollbackStepStarted;
import dev.quarterdeck.session.Subscription;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The one-click rollback. The button is never disabled: an incident commander who clicks twice gets a second
 * rollback request, which the engine treats as the same intent, rather than a button that ignores them.
 *
 * <p>The engine refuses a rollback only while another console holds the lease. Then a click asks first ("Take
 * over and roll back?"); on yes the lease is taken over, and the rollback goes out once the session says this
 * console holds the lease, not before, so it is never refused for a lease that was still on its way.
 *
 * <p>While it runs, the progress names the step and what a long step reports; a step that waits for a named
 * person's approval shows a prompt to record their answer.
 */
public final class RollbackViewModel implements AutoCloseable {
    /** Where the latest rollback stands. */
    public enum Phase {
        /** No rollback in this session yet. */
        IDLE,
        /** Asked for (or the lease being taken over for it); the engine has not started it yet. */
        REQUESTED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        /** The engine refused it, or the lease could not be taken over: nothing was rolled back. */
        REFUSED
    }

    static final String REASON = "rollback button";
    static final String TAKE_OVER_REASON = "take over to roll back";

    private final Environment environment;
    private final ReleaseCommands commands;
    private final Actor actor;
    private final WriteAccess access;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyBooleanWrapper takeOverAsked = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper takeOverQuestion = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper approvalWaiting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper approvalText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper approvalDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper approvalSent = new ReadOnlyBooleanWrapper();
    private final StringProperty approver = new SimpleStringProperty("");
    private final StringProperty approvalNote = new SimpleStringProperty("");
    private final BooleanBinding canAnswer;
    private final Subscription subscription;
    private int steps;
    private int finishedSteps;
    private boolean stepFailed;
    private int approvalIndex = -1;
    private boolean rollbackAfterLease;

    public RollbackViewModel(Environment environment, ReleaseCommands commands, Actor actor, FxBridge events) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.access = new WriteAccess(environment);
        canAnswer = Bindings.createBooleanBinding(
                () -> approvalWaiting.get() && !approvalSent.get() && approver.get() != null && !approver.get().isBlank(),
                approvalWaiting, approvalSent, approver);
        subscription = events.listen(this::onEvents);
    }

    /**
     * Rolls everything back now, in the operator's name; while another console holds the lease, asks first
     * whether to take it over.
     */
    public void rollback() {
        if (rollbackAfterLease) {
            return;
        }
        Optional<String> holder = access.otherHolder();
        if (holder.isPresent()) {
            takeOverQuestion.set(environment.name() + " is driven by " + holder.get() + ". Take over and roll back?");
            takeOverAsked.set(true);
            return;
        }
        sendRollback();
    }

    /** The answer yes: takes the lease over now, and rolls back once the session says it is ours. */
    public void takeOverAndRollBack() {
        if (!takeOverAsked.get()) {
            return;
        }
        takeOverAsked.set(false);
        rollbackAfterLease = true;
        phase.set(Phase.REQUESTED);
        progressText.set("taking over the lease to roll back…");
        progress.set(-1);
        commands.takeOverLease(actor, TAKE_OVER_REASON);
    }

    /** The answer no: nothing is sent. */
    public void keepWatching() {
        takeOverAsked.set(false);
    }

    /** Records the named person's yes for the waiting step. */
    public void approve() {
        answer(true);
    }

    /** Records the named person's no: the rollback stops at that step. */
    public void decline() {
        answer(false);
    }

    private void answer(boolean approved) {
        if (!canAnswer.get()) {
            return;
        }
        approvalSent.set(true);
        approvalDetail.set(approved ? "recording the approval…" : "recording the refusal…");
        commands.answerApproval(approvalIndex, new Actor(approver.get().strip()), actor, approved,
                approvalNote.get() == null ? "" : approvalNote.get().strip());
    }

    private void sendRollback() {
        if (phase.get() != Phase.RUNNING) {
            phase.set(Phase.REQUESTED);
            progressText.set("rollback requested…");
            progress.set(-1);
        }
        commands.rollback(actor, REASON);
    }

    private void onEvents(List<SessionEvent> batch) {
        for (SessionEvent event : batch) {
            access.accept(event);
            if (event instanceof LeaseChanged lease && lease.ours()) {
                takeOverAsked.set(false);
                if (rollbackAfterLease) {
                    rollbackAfterLease = false;
                    sendRollback();
                }
            } else if (event instanceof CommandRefused refused) {
                refused(refused);
            } else if (event instanceof EnvironmentChecked check && rollbackAfterLease
                    && check.check().equals("lease") && !check.passed()) {
                notTakenOver(check.detail());
            } else if (event instanceof RollbackStarted started) {
                steps = started.steps();
                finishedSteps = 0;
                stepFailed = false;
                phase.set(Phase.RUNNING);
                progressText.set("rolling back · " + steps + (steps == 1 ? " step" : " steps") + " · by "
                        + started.who().name());
                progress.set(0);
            } else if (event instanceof RollbackStepStarted step) {
                progressText.set(stepLabel(step.index()) + ": " + step.step());
            } else if (event instanceof RollbackStepProgress step) {
                String text = progressText.get();
                int dash = text.indexOf(" — ");
                String head = text.startsWith(stepLabel(step.index()) + ": ")
                        ? (dash < 0 ? text : text.substring(0, dash))
                        : stepLabel(step.index());
                progressText.set(head + " — " + step.progress());
            } else if (event instanceof ApprovalRequested asked) {
                approvalIndex = asked.index();
                approver.set(asked.approver());
                approvalNote.set("");
                approvalSent.set(false);
                approvalDetail.set("");
                approvalText.set("Step " + (asked.index() + 1) + " waits for " + asked.approver() + ": " + asked.title());
                approvalWaiting.set(true);
                // The title is in the prompt under the bar; the bar's line stays short beside the button.
                progressText.set(stepLabel(asked.index()) + " waits for " + asked.approver());
            } else if (event instanceof ApprovalAnswered answered) {
                if (answered.index() == approvalIndex) {
                    closeApproval();
                }
                progressText.set(stepLabel(answered.index()) + ": " + (answered.approved() ? "approved" : "declined")
                        + " by " + answered.approver().name());
            } else if (event instanceof RollbackStepFinished step) {
                finishedSteps++;
                stepFailed |= !step.succeeded();
                String mark = step.succeeded() ? " done: " : " FAILED: ";
                progressText.set(stepLabel(step.index()) + mark + step.step());
                progress.set(steps == 0 ? 1 : (double) finishedSteps / steps);
            } else if (event instanceof RollbackFinished finished) {
                closeApproval();
                phase.set(finished.succeeded() ? Phase.SUCCEEDED : Phase.FAILED);
                progress.set(1);
                progressText.set(outcome(finished));
            }
        }
    }

    private void refused(CommandRefused refused) {
        String command = refused.command();
        if (command.equals("rollback")) {
            // "already running" answers a second click: the running rollback's progress stays.
            if (phase.get() != Phase.RUNNING) {
                phase.set(Phase.REFUSED);
                progress.set(0);
                progressText.set("ROLLBACK REFUSED · " + refused.reason());
            }
        } else if (command.equals("take over") && rollbackAfterLease) {
            notTakenOver(refused.reason());
        } else if (approvalWaiting.get() && command.endsWith("step " + (approvalIndex + 1))
                && (command.startsWith("approve ") || command.startsWith("decline "))) {
            approvalSent.set(false);
            approvalDetail.set("refused: " + refused.reason());
        }
    }

    private void notTakenOver(String why) {
        rollbackAfterLease = false;
        phase.set(Phase.REFUSED);
        progress.set(0);
        progressText.set("NOT ROLLED BACK · could not take over the lease: " + why);
    }

    private void closeApproval() {
        approvalWaiting.set(false);
        approvalSent.set(false);
        approvalDetail.set("");
        approvalIndex = -1;
    }

    /** "step 3 of 6" from the engine's 0-based index. */
    private String stepLabel(int index) {
        return "step " + (index + 1) + (steps > 0 ? " of " + steps : "");
    }

    private String outcome(RollbackFinished finished) {
        // Without a canary router (the rollout itself moves all traffic) there is no weight to know.
        String weight = finished.weight() >= 0 ? "canary " + finished.weight() + " %"
                : environment.traffic() instanceof dev.quarterdeck.plan.TrafficSpec.None ? "no canary router"
                : "canary weight unknown";
        String detail = finished.detail() == null || finished.detail().isBlank() ? "" : " · " + finished.detail();
        if (finished.succeeded()) {
            return "rolled back · " + weight + detail;
        }
        String failedSteps = stepFailed ? " (a step failed)" : "";
        return "ROLLBACK FAILED" + failedSteps + " · " + weight + detail;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /**
     * "step 3 of 6: wait for the rollout of checkout — 2 of 3 updated replicas are available", then the outcome.
     * Empty before any rollback.
     */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** 0..1 while running, -1 while waiting for the engine to start (indeterminate). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** True while the captain is asked whether to take over the lease and roll back. */
    public ReadOnlyBooleanProperty takeOverAskedProperty() {
        return takeOverAsked.getReadOnlyProperty();
    }

    /** "production is driven by sam@console-2. Take over and roll back?" */
    public ReadOnlyStringProperty takeOverQuestionProperty() {
        return takeOverQuestion.getReadOnlyProperty();
    }

    /** True while a step waits for a named person's approval. */
    public ReadOnlyBooleanProperty approvalWaitingProperty() {
        return approvalWaiting.getReadOnlyProperty();
    }

    /** "Step 4 waits for db-owner: Restore the database from last night's snapshot". */
    public ReadOnlyStringProperty approvalTextProperty() {
        return approvalText.getReadOnlyProperty();
    }

    /** Empty, "recording the approval…", or why the engine refused the answer. */
    public ReadOnlyStringProperty approvalDetailProperty() {
        return approvalDetail.getReadOnlyProperty();
    }

    /** True between sending an answer and the session recording it (or refusing it). */
    public ReadOnlyBooleanProperty approvalSentProperty() {
        return approvalSent.getReadOnlyProperty();
    }

    /** Who answers; starts as the person the step names. */
    public StringProperty approverProperty() {
        return approver;
    }

    public StringProperty approvalNoteProperty() {
        return approvalNote;
    }

    /** True while an answer can be sent: a step waits, a name is given, no answer is on its way. */
    public BooleanBinding canAnswerProperty() {
        return canAnswer;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
