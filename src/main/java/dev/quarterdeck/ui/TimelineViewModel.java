package dev.quarterdeck.ui;

import dev.quarterdeck.rollout.ReleaseCommands;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.ChecklistItemMarked;
import dev.quarterdeck.session.SessionEvent.EnvironmentDescribed;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import dev.quarterdeck.session.SessionEvent.NoteAdded;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.RollbackStepFinished;
import dev.quarterdeck.session.SessionEvent.SandboxFaultsChanged;
import dev.quarterdeck.session.SessionEvent.SessionStarted;
import dev.quarterdeck.session.SessionEvent.WeightApplied;
import dev.quarterdeck.session.SessionEvent.WeightChangeFailed;
import dev.quarterdeck.session.SessionEvent.WeightRequested;
import dev.quarterdeck.session.Subscription;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What happened in this session, newest first, one line each. Metric samples are left out (several a second
 * would drown everything else; the charts show them), and a probe appears only when its outcome changes. The
 * list is bounded: the journal, not the screen, is the complete record.
 */
public final class TimelineViewModel implements AutoCloseable {
    /** Enough to scroll back through an incident; the report has the rest. */
    public static final int DEFAULT_CAPACITY = 500;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final String QUARTERDECK = "quarterdeck";

    private final ReleaseCommands commands;
    private final Actor actor;
    private final ZoneId zone;
    private final int capacity;
    private final ObservableList<TimelineEntry> entries = FXCollections.observableArrayList();
    // One wrapper, kept: a fresh unmodifiable view per call would drop its listeners when collected.
    private final ObservableList<TimelineEntry> entriesView = FXCollections.unmodifiableObservableList(entries);
    private final StringProperty note = new SimpleStringProperty("");
    private final Map<String, Outcome> lastOutcomeByProbe = new HashMap<>();
    private final Subscription subscription;

    public TimelineViewModel(ReleaseCommands commands, Actor actor, ZoneId zone, FxBridge events) {
        this(commands, actor, zone, events, DEFAULT_CAPACITY);
    }

    public TimelineViewModel(ReleaseCommands commands, Actor actor, ZoneId zone, FxBridge events, int capacity) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        subscription = events.listen(this::onEvents);
    }

    /** Newest first, at most the capacity. */
    public ObservableList<TimelineEntry> entries() {
        return entriesView;
    }

    /** The note being typed; bound to the text field. */
    public StringProperty noteProperty() {
        return note;
    }

    /** Sends the typed note to the session and clears the field; a blank note is not sent. */
    public void addNote() {
        String text = note.get() == null ? "" : note.get().strip();
        if (text.isEmpty()) {
            return;
        }
        commands.addNote(actor, text);
        note.set("");
    }

    private void onEvents(List<SessionEvent> batch) {
        List<TimelineEntry> fresh = new ArrayList<>();
        for (SessionEvent event : batch) {
            TimelineEntry entry = describe(event);
            if (entry != null) {
                fresh.add(entry);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        Collections.reverse(fresh);
        if (fresh.size() > capacity) {
            fresh = fresh.subList(0, capacity);
        }
        // One insert and one trim per batch: the list view relayouts once.
        entries.addAll(0, fresh);
        if (entries.size() > capacity) {
            entries.remove(capacity, entries.size());
        }
    }

    /** The line for an event, or null for events the timeline leaves out. */
    TimelineEntry describe(SessionEvent event) {
        if (event instanceof MetricSample) {
            return null;
        } else if (event instanceof ProbeSample probe) {
            Outcome before = lastOutcomeByProbe.put(probe.probe(), probe.outcome());
            if (before == probe.outcome()) {
                return null;
            }
            String change = before == null ? "" : " (was " + before + ")";
            return line(event, QUARTERDECK, "probe " + probe.probe() + ": " + probe.outcome() + change
                    + observed(probe.observed()), probeTone(probe.outcome()));
        } else if (event instanceof SessionStarted started) {
            return line(event, started.operator().name(), "session started: " + started.plan() + " "
                    + started.planVersion() + " on " + started.environment(), Tone.NEUTRAL);
        } else if (event instanceof EnvironmentDescribed env) {
            String versions = env.versions().entrySet().stream()
                    .map(v -> v.getKey() + " " + v.getValue())
                    .collect(java.util.stream.Collectors.joining(", "));
            return line(event, QUARTERDECK, env.environment() + " runs " + (versions.isEmpty() ? "unknown versions" : versions)
                    + "; " + env.router() + " router at " + env.server() + "; held by " + env.holder(), Tone.MUTED);
        } else if (event instanceof WeightRequested req) {
            return line(event, req.who().name(), "asked for canary " + req.percent() + " %" + because(req.reason()),
                    Tone.NEUTRAL);
        } else if (event instanceof WeightApplied done) {
            return line(event, QUARTERDECK, "canary weight now " + done.percent() + " % (read back from "
                    + done.router() + ")", Tone.SUCCESS);
        } else if (event instanceof WeightChangeFailed failed) {
            return line(event, QUARTERDECK, "canary " + failed.requestedPercent() + " % failed: " + failed.error(),
                    Tone.DANGER);
        } else if (event instanceof RollbackStarted started) {
            return line(event, started.who().name(), "ROLLBACK started" + because(started.reason()) + ", "
                    + started.steps() + (started.steps() == 1 ? " step" : " steps"), Tone.DANGER);
        } else if (event instanceof RollbackStepFinished step) {
            return line(event, QUARTERDECK, "rollback step " + (step.succeeded() ? "done: " : "FAILED: ")
                    + step.step() + observed(step.detail()), step.succeeded() ? Tone.NEUTRAL : Tone.DANGER);
        } else if (event instanceof RollbackFinished finished) {
            String weight = finished.weight() >= 0 ? ", canary at " + finished.weight() + " %" : "";
            return line(event, QUARTERDECK, (finished.succeeded() ? "rollback finished" : "ROLLBACK FAILED")
                    + weight + observed(finished.detail()), finished.succeeded() ? Tone.SUCCESS : Tone.DANGER);
        } else if (event instanceof ChecklistItemMarked marked) {
            return line(event, marked.who().name(), (marked.done() ? "ticked " : "unticked ") + marked.item()
                    + observed(marked.note()), Tone.NEUTRAL);
        } else if (event instanceof SandboxFaultsChanged faults) {
            return line(event, faults.who().name(), String.format(Locale.ROOT,
                    "sandbox canary faults: %.0f %% errors, +%d ms", faults.errorRatio() * 100,
                    faults.addedLatency().toMillis()), Tone.WARNING);
        } else if (event instanceof NoteAdded added) {
            return line(event, added.who().name(), "note: " + added.text(), Tone.NEUTRAL);
        }
        return line(event, QUARTERDECK, event.getClass().getSimpleName(), Tone.MUTED);
    }

    private TimelineEntry line(SessionEvent event, String who, String text, Tone tone) {
        return new TimelineEntry(event.at(), TIME.format(event.at().atZone(zone)), who, text, tone);
    }

    private static Tone probeTone(Outcome outcome) {
        switch (outcome) {
            case PASS:
                return Tone.SUCCESS;
            case FAIL:
                return Tone.DANGER;
            case ERROR:
                return Tone.WARNING;
            default:
                return Tone.MUTED;
        }
    }

    private static String because(String reason) {
        return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
    }

    private static String observed(String detail) {
        return detail == null || detail.isBlank() ? "" : " · " + detail;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
