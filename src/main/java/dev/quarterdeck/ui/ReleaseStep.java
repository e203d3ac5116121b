package dev.quarterdeck.ui;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One canary step of the plan as the release panel lists it: "3 · hold until gate slo passes · current". */
public final class ReleaseStep {

    /** Where a step stands in this release. */
    public enum Status {
        PENDING("pending", Tone.MUTED),
        CURRENT("current", Tone.NEUTRAL),
        DONE("done", Tone.SUCCESS),
        FAILED("failed", Tone.DANGER),
        /** Gone past by an override (or a promotion before it ran). */
        SKIPPED("skipped", Tone.WARNING),
        /** It was running when the release was rolled back. */
        STOPPED("stopped", Tone.WARNING);

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
    private final String label;
    private final String description;
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.PENDING);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");

    ReleaseStep(int index, String label, String description) {
        this.index = index;
        this.label = label;
        this.description = description;
    }

    /** Short, for the list: "10 %", "pause 30 s", "gate slo". */
    public String label() {
        return label;
    }

    /** 0-based, as the engine counts. */
    public int index() {
        return index;
    }

    /** 1-based, as the captain counts. */
    public int number() {
        return index + 1;
    }

    /** The plan's step in words: "set canary weight to 10%". */
    public String description() {
        return description;
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public Status status() {
        return status.get();
    }

    /** How it ended or who started it: "read back 10% from sandbox", "skipped: dana overrode (…)". */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    void set(Status newStatus, String newDetail) {
        status.set(newStatus);
        detail.set(newDetail == null ? "" : newDetail);
    }
}
