package dev.quarterdeck.ui;

import dev.quarterdeck.sandbox.CanaryFaults;
import dev.quarterdeck.sandbox.SandboxControl;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.SandboxFaultsChanged;
import dev.quarterdeck.session.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The sandbox's fault knobs, for showing a bad canary being caught. {@link SandboxControl} may talk HTTP to a
 * standalone sandbox, so every call goes through the {@link TaskExecutor}, never on the FX thread.
 */
public final class SandboxFaultsViewModel implements AutoCloseable {
    /** The sandbox accepts up to 30 s; more than 5 s makes no demo clearer. */
    public static final int MAX_ADDED_LATENCY_MS = 5000;

    private final SandboxControl control;
    private final TaskExecutor tasks;
    private final DoubleProperty errorPercent = new SimpleDoubleProperty();
    private final IntegerProperty addedLatencyMs = new SimpleIntegerProperty();
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper("current faults: reading…");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final Subscription subscription;

    public SandboxFaultsViewModel(SandboxControl control, TaskExecutor tasks, FxBridge events) {
        this.control = Objects.requireNonNull(control, "control");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        subscription = events.listen(this::onEvents);
    }

    /** Reads the faults in force, and sets the knobs to them. */
    public void load() {
        busy.set(true);
        tasks.run(control::canaryFaults, faults -> {
            showCurrent(faults);
            errorPercent.set(faults.errorRatio() * 100);
            addedLatencyMs.set((int) faults.addedLatency().toMillis());
        }, this::failed);
    }

    /** Sends the knobs' values to the sandbox, then reads back what it applies. */
    public void apply() {
        CanaryFaults wanted;
        try {
            wanted = new CanaryFaults(
                    Math.max(0, Math.min(100, errorPercent.get())) / 100.0,
                    Duration.ofMillis(Math.max(0, Math.min(MAX_ADDED_LATENCY_MS, addedLatencyMs.get()))));
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return;
        }
        send(wanted);
    }

    /** Makes the canary healthy again. */
    public void clear() {
        errorPercent.set(0);
        addedLatencyMs.set(0);
        send(CanaryFaults.NONE);
    }

    private void send(CanaryFaults wanted) {
        busy.set(true);
        problem.set("");
        tasks.run(() -> {
            control.setCanaryFaults(wanted);
            return control.canaryFaults();
        }, this::showCurrent, this::failed);
    }

    private void showCurrent(CanaryFaults faults) {
        busy.set(false);
        problem.set("");
        current.set(describe(faults.errorRatio(), faults.addedLatency()));
    }

    private void failed(Exception e) {
        busy.set(false);
        problem.set("sandbox did not answer: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    private void onEvents(List<SessionEvent> batch) {
        for (SessionEvent event : batch) {
            if (event instanceof SandboxFaultsChanged changed) {
                current.set(describe(changed.errorRatio(), changed.addedLatency()));
            }
        }
    }

    static String describe(double errorRatio, Duration addedLatency) {
        if (errorRatio == 0 && addedLatency.isZero()) {
            return "current faults: none, the canary is healthy";
        }
        return String.format(Locale.ROOT, "current faults: %s %% errors · +%d ms",
                errorRatio * 100 == Math.rint(errorRatio * 100)
                        ? String.valueOf((long) (errorRatio * 100))
                        : String.format(Locale.ROOT, "%.1f", errorRatio * 100),
                addedLatency.toMillis());
    }

    /** Share of canary requests to fail, in percent. */
    public DoubleProperty errorPercentProperty() {
        return errorPercent;
    }

    /** Latency added to every canary answer, in milliseconds. */
    public IntegerProperty addedLatencyMsProperty() {
        return addedLatencyMs;
    }

    /** What the sandbox applies now, as last read or reported. */
    public ReadOnlyStringProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Why the last call failed; empty when it did not. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** True while a call to the sandbox is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    @Override
    public void close() {
        subscription.close();
    }
}
