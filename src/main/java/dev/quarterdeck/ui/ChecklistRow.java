package dev.quarterdeck.ui;

import dev.quarterdeck.plan.ChecklistItem;
import dev.quarterdeck.plan.Durations;
import dev.quarterdeck.plan.Evidence;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One checklist item as the console shows it. A manual item is done when someone ticked it (and its link, when it
 * asks for one no older than some age, has not gone stale); an automatic item is done only while its probe's
 * latest sample is a PASS.
 *
 * <p>A manual item is ticked through a small form under it: a note, and the evidence the item asks for (a link,
 * or a file). A refusal (no evidence, a stale file) is shown on the row, and the form stays open to fix it.
 */
public final class ChecklistRow {

    /** Where an item stands. The probe outcomes are kept apart because each asks for a different reaction. */
    public enum Status {
        /** A manual item nobody has ticked. */
        OPEN(false, "open", Tone.MUTED),
        /** A manual item someone ticked. */
        TICKED(true, "done", Tone.SUCCESS),
        /** Ticked with a link that is now older than the item allows: no longer counts. */
        STALE(false, "stale", Tone.WARNING),
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
    private final ReadOnlyBooleanWrapper editing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper("");
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty evidence = new SimpleStringProperty("");
    private final BooleanBinding canSubmit;
    private Instant observedAt;
    private Instant tickedAt;
    private String tickedDetail = "";

    ChecklistRow(ChecklistItem item) {
        this.item = item;
        this.status = new ReadOnlyObjectWrapper<>(item.automatic() ? Status.WAITING : Status.OPEN);
        if (item.automatic()) {
            detail.set("probe " + item.probe().orElseThrow());
        }
        canSubmit = Bindings.createBooleanBinding(() -> editing.get() && (item.evidence().isEmpty()
                || (evidence.get() != null && !evidence.get().isBlank())), editing, evidence);
        summarize();
    }

    /** A manual item ticked by someone: done until unticked, or until its link is older than the item allows. */
    void ticked(boolean done, String newDetail, Instant at, Instant now) {
        tickedAt = done ? at : null;
        tickedDetail = newDetail;
        refusal.set("");
        observed(done ? Status.TICKED : Status.OPEN, newDetail, at, now);
    }

    void edit(boolean open) {
        editing.set(open);
        if (open) {
            refusal.set("");
        }
    }

    void refused(String reason) {
        pending.set(false);
        refusal.set(reason);
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
        staleness(now);
        summarize();
    }

    /** A link's age is its tick's (as the engine judges it); a file's age is the file's, which only the engine reads. */
    private void staleness(Instant now) {
        if (tickedAt == null || item.evidence().isEmpty() || item.evidence().get().kind() != Evidence.Kind.LINK
                || item.evidence().get().maxAge().isEmpty()) {
            return;
        }
        Duration max = item.evidence().get().maxAge().get();
        Duration age = Duration.between(tickedAt, now);
        boolean stale = age.compareTo(max) > 0;
        if (stale && status.get() == Status.TICKED) {
            status.set(Status.STALE);
            detail.set(tickedDetail + " · the link was given " + Durations.human(Duration.ofSeconds(age.toSeconds()))
                    + " ago; the item wants it newer than " + Durations.human(max));
        } else if (!stale && status.get() == Status.STALE) {
            status.set(Status.TICKED);
            detail.set(tickedDetail);
        }
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

    /** What evidence the item asks for, if any. */
    public Optional<Evidence> evidence() {
        return item.evidence();
    }

    /** "asks for a link", "asks for a file, newer than 7 d"; empty when the item asks for none. */
    public String asksFor() {
        return item.evidence().map(e -> "asks for a " + (e.kind() == Evidence.Kind.LINK ? "link" : "file")
                + e.maxAge().map(max -> ", newer than " + Durations.human(max)).orElse("")).orElse("");
    }

    /** True while the tick form (note, evidence) is open under the item. */
    public ReadOnlyBooleanProperty editingProperty() {
        return editing.getReadOnlyProperty();
    }

    /** Why the engine refused the last tick or untick from here; empty otherwise. */
    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    /** The note to tick with; bound to the form's field. */
    public StringProperty noteProperty() {
        return note;
    }

    /** The link or the file's path to tick with; bound to the form's field. */
    public StringProperty evidenceProperty() {
        return evidence;
    }

    /** True when the form holds what the item asks for. */
    public BooleanBinding canSubmitProperty() {
        return canSubmit;
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
