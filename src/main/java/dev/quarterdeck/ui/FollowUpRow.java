package dev.quarterdeck.ui;

import dev.quarterdeck.plan.FollowUp;
import java.time.Instant;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One follow-up checkpoint after promotion: when it is due, where it stands, and what closed it. */
public final class FollowUpRow {

    /** Where a follow-up stands. */
    public enum Status {
        /** Not promoted yet, or not due yet. */
        WAITING("waiting", Tone.MUTED),
        /** Due: a manual one waits for a person to complete it. */
        DUE("due", Tone.WARNING),
        PASSED("passed", Tone.SUCCESS),
        FAILED("failed", Tone.DANGER);

        private final String label;
        private final Tone tone;

        Status(String label, Tone tone) {
            this.label = label;
            this.tone = tone;
        }

        public String label() {
            return label;
        }

        public Tone tone() {
            return tone;
        }
    }

    private final int index;
    private final FollowUp followUp;
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.WAITING);
    private final ReadOnlyStringWrapper when = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canComplete = new ReadOnlyBooleanWrapper();
    private final StringProperty note = new SimpleStringProperty("");
    private Instant due;

    FollowUpRow(int index, FollowUp followUp) {
        this.index = index;
        this.followUp = followUp;
    }

    public int index() {
        return index;
    }

    public String title() {
        return followUp.title();
    }

    /** The soak's gate, when it is one; a follow-up without a gate is closed by a person. */
    public Optional<String> gate() {
        return followUp.gate();
    }

    public boolean manual() {
        return followUp.gate().isEmpty();
    }

    FollowUp followUp() {
        return followUp;
    }

    Instant due() {
        return due;
    }

    void due(Instant at) {
        due = at;
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public Status status() {
        return status.get();
    }

    /** "due 14:13 · in 9 min 12 s", or "10 min after promotion" before it. */
    public ReadOnlyStringProperty whenProperty() {
        return when.getReadOnlyProperty();
    }

    /** The soak's standing, who completed it and how, or why completing it was refused. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** True for a manual follow-up that is due and not closed. */
    public ReadOnlyBooleanProperty canCompleteProperty() {
        return canComplete.getReadOnlyProperty();
    }

    /** The note to complete it with; bound to the row's field. */
    public StringProperty noteProperty() {
        return note;
    }

    void set(Status newStatus) {
        status.set(newStatus);
        canComplete.set(manual() && newStatus == Status.DUE);
    }

    void when(String text) {
        when.set(text);
    }

    void detail(String text) {
        detail.set(text == null ? "" : text);
    }
}
