package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Phase;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The items of one phase and how far along they are: "Preflight 2/3". */
public final class ChecklistPhase {
    private final Phase phase;
    private final List<ChecklistRow> rows;
    private final ReadOnlyIntegerWrapper done = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper requiredDone = new ReadOnlyBooleanWrapper();

    ChecklistPhase(Phase phase, List<ChecklistRow> rows) {
        this.phase = phase;
        this.rows = List.copyOf(rows);
        recount();
    }

    void recount() {
        int count = (int) rows.stream().filter(ChecklistRow::done).count();
        done.set(count);
        String name = phase.key();
        progress.set(Character.toUpperCase(name.charAt(0)) + name.substring(1) + " " + count + "/" + rows.size());
        requiredDone.set(rows.stream().filter(ChecklistRow::required).allMatch(ChecklistRow::done));
    }

    public Phase phase() {
        return phase;
    }

    public List<ChecklistRow> rows() {
        return rows;
    }

    public int total() {
        return rows.size();
    }

    /** Items done: ticked, or automatic with a PASS. */
    public ReadOnlyIntegerProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Whether every required item of the phase is done; optional ones may still be open. */
    public ReadOnlyBooleanProperty requiredDoneProperty() {
        return requiredDone.getReadOnlyProperty();
    }
}
