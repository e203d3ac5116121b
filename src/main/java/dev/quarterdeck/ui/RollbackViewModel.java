package dev.quarterdeck.ui;

import dev.quarterdeck.rollout.ReleaseCommands;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.RollbackStepFinished;
import dev.quarterdeck.session.Subscription;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The one-click rollback. The button is never disabled: an incident commander who clicks twice gets a second
 * rollback request, which the engine treats as the same intent, rather than a button that ignores them.
 */
public final class RollbackViewModel implements AutoCloseable {
    /** Where the latest rollback stands. */
    public enum Phase {
        /** No rollback in this session yet. */
        IDLE,
        /** Asked for; the engine has not started it yet. */
        REQUESTED,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    static final String REASON = "rollback button";

    private final ReleaseCommands commands;
    private final Actor actor;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final Subscription subscription;
    private int steps;
    private int finishedSteps;
    private boolean stepFailed;

    public RollbackViewModel(ReleaseCommands commands, Actor actor, FxBridge events) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.actor = Objects.requireNonNull(actor, "actor");
        subscription = events.listen(this::onEvents);
    }

    /** Rolls everything back now, in the operator's name. */
    public void rollback() {
        if (phase.get() != Phase.RUNNING) {
            phase.set(Phase.REQUESTED);
            progressText.set("rollback requested…");
            progress.set(-1);
        }
        commands.rollback(actor, REASON);
    }

    private void onEvents(List<SessionEvent> batch) {
        for (SessionEvent event : batch) {
            if (event instanceof RollbackStarted started) {
                steps = started.steps();
                finishedSteps = 0;
                stepFailed = false;
                phase.set(Phase.RUNNING);
                progressText.set("rolling back · step 1/" + steps + " · by " + started.who().name());
                progress.set(0);
            } else if (event instanceof RollbackStepFinished step) {
                // Counted rather than read from step.index(), so 0- and 1-based engines read the same.
                finishedSteps++;
                stepFailed |= !step.succeeded();
                String mark = step.succeeded() ? " done: " : " FAILED: ";
                progressText.set("rolling back · step " + finishedSteps + "/" + steps + mark + step.step());
                progress.set(steps == 0 ? 1 : (double) finishedSteps / steps);
            } else if (event instanceof RollbackFinished finished) {
                phase.set(finished.succeeded() ? Phase.SUCCEEDED : Phase.FAILED);
                progress.set(1);
                progressText.set(outcome(finished));
            }
        }
    }

    private String outcome(RollbackFinished finished) {
        String weight = finished.weight() >= 0 ? "canary " + finished.weight() + " %" : "canary weight unknown";
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

    /** "rolling back · step 2/3 done: set canary weight to 0%", then the outcome. Empty before any rollback. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** 0..1 while running, -1 while waiting for the engine to start (indeterminate). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    @Override
    public void close() {
        subscription.close();
    }
}
