package dev.quarterdeck.ui;

import dev.quarterdeck.plan.ChecklistItem;
import java.time.Instant;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One checklist item as the console shows it. A manual item is done when someone ticked it; an automatic item
 * is done only while its probe's latest sample is a PASS.
 */
public final class ChecklistRow {

    /** Where an item stands. The probe outcomes are kept apart because each asks for a different reaction. */
    public enum Status {
        /** A manual item nobody has ticked. */
        OPEN(false, "open", Tone.MUTED),
        /** A manual item someone ticked. */
        TICKED(true, "done", Tone.SUCCESS),
        /** An automatic item whose probe has not reported yet. */
        WAITING(false, "waiting", Tone.MUTED),
        PASS(true, "PASS", Tone.SUCCESS),
        FAIL(false, "FAIL", Tone.DANGER),
        NO_DATA(false, "NO DATA", Tone.NEUTRAL),
        ERROR(false, "ERROR", Tone.WARNING);

        private final boolean done;
        private final String label;
        private final Tone tone;

        Status(boolean done, String label, Tone tone) {
            this.done = done;
            this.label = label;
            this.tone = tone;
        }

        public boolean done() {
            return done;
        }

        public String label() {
            return label;
        }

        public Tone tone() {
            return tone;
        }
    }

    private final ChecklistItem item;
    private final ReadOnlyObjectWrapper<Status> status;
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper age = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper pending = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private Instant observedAt;

    ChecklistRow(ChecklistItem item) {
        this.item = item;
        this.status = new ReadOnlyObjectWrapper<>(item.automatic() ? Status.WAITING : Status.OPEN);
        if (item.automatic()) {
            detail.set("probe " + item.probe().orElseThrow());
        }
        summarize();
    }

    void observed(Status newStatus, String newDetail, Instant at, Instant now) {
        status.set(newStatus);
        detail.set(newDetail);
        pending.set(false);
        observedAt = at;
        refreshAge(now);
    }

    void markPending() {
        pending.set(true);
        summarize();
    }

    void refreshAge(Instant now) {
        age.set(observedAt == null ? "" : Age.ago(observedAt, now));
        summarize();
    }

    // The age first: whether a PASS is 5 s or 5 minutes old matters more than its wording.
    private void summarize() {
        if (pending.get()) {
            summary.set("recording…");
        } else if (age.get().isEmpty()) {
            summary.set(detail.get());
        } else {
            summary.set(detail.get().isEmpty() ? age.get() : age.get() + " · " + detail.get());
        }
    }

    public String id() {
        return item.id();
    }

    public String title() {
        return item.title();
    }

    public boolean required() {
        return item.required();
    }

    /** Automatic items follow a probe and cannot be ticked by hand. */
    public boolean automatic() {
        return item.automatic();
    }

    public Optional<String> probe() {
        return item.probe();
    }

    public boolean done() {
        return status.get().done();
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What was seen ("HTTP 200 in 12 ms") or who ticked it ("ticked by alice"). */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** How old {@link #detailProperty()} is: "12 s ago"; empty before anything was observed. */
    public ReadOnlyStringProperty ageProperty() {
        return age.getReadOnlyProperty();
    }

    /** The line under the title: "12 s ago · HTTP 200 in 9 ms", or "recording…" while a tick is on its way. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** True between a tick by this console and the session recording it. */
    public ReadOnlyBooleanProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }
}
