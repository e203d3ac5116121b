package dev.quarterdeck.ui;

import dev.quarterdeck.rollout.ReleaseCommands;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.ApprovalAnswered;
import dev.quarterdeck.session.SessionEvent.ApprovalRequested;
import dev.quarterdeck.session.SessionEvent.ChecklistItemMarked;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.EnvironmentChecked;
import dev.quarterdeck.session.SessionEvent.EnvironmentDescribed;
import dev.quarterdeck.session.SessionEvent.EnvironmentUnlocked;
import dev.quarterdeck.session.SessionEvent.InsecureTlsInUse;
import dev.quarterdeck.session.SessionEvent.LastKnownGoodRecorded;
import dev.quarterdeck.session.SessionEvent.LeaseChanged;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import dev.quarterdeck.session.SessionEvent.NoteAdded;
import dev.quarterdeck.session.SessionEvent.PreflightChecked;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import dev.quarterdeck.session.SessionEvent.ProtectedEnvironmentConfirmed;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.RollbackStepFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStepProgress;
import dev.quarterdeck.session.SessionEvent.RollbackStepStarted;
import dev.quarterdeck.session.SessionEvent.SandboxFaultsChanged;
import dev.quarterdeck.session.SessionEvent.PlanLoaded;
import dev.quarterdeck.session.SessionEvent.SessionResumed;
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
 * would drown everything else; the charts show them), and a probe appears only when its outcome changes. Lease
 * renewals (every 10 s) appear only when the holder changes, a check only when its result changes, and a long
 * rollback step's progress keeps one line that moves to the top as it changes. A gate is judged about once a
 * second; it gets a line only when its verdict changes. A stage change that only repeats the step line before it
 * (a step started, a step finished, a rollback) is left out. The list is bounded: the journal, not the screen, is
 * the complete record.
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
    private final Map<String, EnvironmentChecked> lastCheck = new HashMap<>();
    private final Map<Integer, TimelineEntry> progressLineByStep = new HashMap<>();
    private final ReleaseLines releaseLines;
    private SessionEvent previous;
    private String leaseHolder;
    private Boolean leaseOurs;
    private int rollbackSteps;
    /** Between RollbackStarted and RollbackFinished: approvals then belong to the rollback, not a canary step. */
    private boolean rollingBack;
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
        this.releaseLines = new ReleaseLines(this::line);
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
            if (entry == null) {
                continue;
            }
            if (event instanceof RollbackStepProgress progress) {
                TimelineEntry before = progressLineByStep.put(progress.index(), entry);
                if (before != null && !removeSame(fresh, before)) {
                    removeSame(entries, before);
                }
            }
            fresh.add(entry);
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

    /** Removes {@code entry} itself (not an equal line of another event); true when it was there. */
    private static boolean removeSame(List<TimelineEntry> list, TimelineEntry entry) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == entry) {
                list.remove(i);
                return true;
            }
        }
        return false;
    }

    /** The line for an event, or null for events the timeline leaves out. */
    TimelineEntry describe(SessionEvent event) {
        TimelineEntry line = describeOne(event);
        if (!(event instanceof MetricSample) && !(event instanceof ProbeSample)) {
            previous = event;
        }
        return line;
    }

    private TimelineEntry describeOne(SessionEvent event) {
        TimelineEntry release = releaseLines.describe(event, previous);
        if (release != null || ReleaseLines.quietWhenNull(event)) {
            return release;
        }
        TimelineEntry guard = describeGuard(event);
        if (guard != null || isGuardEvent(event)) {
            return guard;
        }
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
        } else if (event instanceof SessionResumed resumed) {
            return line(event, resumed.operator().name(), "session resumed from its journal (" + resumed.replayed()
                    + " events): the release was " + resumed.stage().label() + (resumed.step() >= 0
                            ? " at step " + (resumed.step() + 1) : ""), Tone.WARNING);
        } else if (event instanceof PlanLoaded plan) {
            return line(event, QUARTERDECK, "plan " + plan.name() + " " + plan.version() + ": " + count(
                    plan.steps().size(), "step") + ", " + count(plan.gates().size(), "gate") + ", "
                    + plan.mode().key() + " mode", Tone.MUTED);
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
            rollbackSteps = started.steps();
            rollingBack = true;
            progressLineByStep.clear();
            return line(event, started.who().name(), "ROLLBACK started" + because(started.reason()) + ", "
                    + started.steps() + (started.steps() == 1 ? " step" : " steps"), Tone.DANGER);
        } else if (event instanceof RollbackStepStarted step) {
            return line(event, QUARTERDECK, "rollback " + stepLabel(step.index()) + ": " + step.step(), Tone.NEUTRAL);
        } else if (event instanceof RollbackStepProgress step) {
            return line(event, QUARTERDECK, "rollback " + stepLabel(step.index()) + ": " + step.progress(), Tone.MUTED);
        } else if (event instanceof ApprovalRequested asked) {
            return line(event, QUARTERDECK, approvalStep(asked.index()) + " waits for " + asked.approver()
                    + "'s approval: " + asked.title(), Tone.WARNING);
        } else if (event instanceof ApprovalAnswered answered) {
            String recorded = answered.recordedBy().equals(answered.approver())
                    ? ""
                    : " (recorded by " + answered.recordedBy().name() + ")";
            return line(event, answered.recordedBy().name(), answered.approver().name()
                    + (answered.approved() ? " approved " : " declined ") + approvalStep(answered.index())
                    + recorded + observed(answered.note()), answered.approved() ? Tone.SUCCESS : Tone.DANGER);
        } else if (event instanceof RollbackStepFinished step) {
            return line(event, QUARTERDECK, "rollback " + stepLabel(step.index())
                    + (step.succeeded() ? " done: " : " FAILED: ") + step.step() + observed(step.detail()),
                    step.succeeded() ? Tone.NEUTRAL : Tone.DANGER);
        } else if (event instanceof RollbackFinished finished) {
            rollingBack = false;
            String weight = finished.weight() >= 0 ? ", canary at " + finished.weight() + " %" : "";
            return line(event, QUARTERDECK, (finished.succeeded() ? "rollback finished" : "ROLLBACK FAILED")
                    + weight + observed(finished.detail()), finished.succeeded() ? Tone.SUCCESS : Tone.DANGER);
        } else if (event instanceof ChecklistItemMarked marked) {
            return line(event, marked.who().name(), (marked.done() ? "ticked " : "unticked ") + marked.item()
                    + observed(marked.note()) + (marked.evidence().isBlank() ? "" : " · evidence "
                            + ChecklistViewModel.shortEvidence(marked.evidence())), Tone.NEUTRAL);
        } else if (event instanceof SandboxFaultsChanged faults) {
            return line(event, faults.who().name(), String.format(Locale.ROOT,
                    "sandbox canary faults: %.0f %% errors, +%d ms", faults.errorRatio() * 100,
                    faults.addedLatency().toMillis()), Tone.WARNING);
        } else if (event instanceof NoteAdded added) {
            return line(event, added.who().name(), "note: " + added.text(), Tone.NEUTRAL);
        }
        return line(event, QUARTERDECK, event.getClass().getSimpleName(), Tone.MUTED);
    }

    private static boolean isGuardEvent(SessionEvent event) {
        return event instanceof LeaseChanged || event instanceof EnvironmentChecked;
    }

    /** Lines for what guards the environment: lease, protection, lock, TLS, checks, preflight, refusals. */
    private TimelineEntry describeGuard(SessionEvent event) {
        if (event instanceof LeaseChanged lease) {
            boolean same = lease.holder().equals(leaseHolder) && Boolean.valueOf(lease.ours()).equals(leaseOurs);
            leaseHolder = lease.holder();
            leaseOurs = lease.ours();
            if (same) {
                return null;
            }
            return lease.ours()
                    ? line(event, QUARTERDECK, "this console holds the lease (as " + lease.holder() + ")", Tone.SUCCESS)
                    : line(event, QUARTERDECK, "read-only: " + lease.holder() + " holds the lease", Tone.WARNING);
        } else if (event instanceof EnvironmentChecked check) {
            EnvironmentChecked before = lastCheck.put(check.check(), check);
            if (before != null && before.passed() == check.passed() && Objects.equals(before.detail(), check.detail())) {
                return null;
            }
            return check.passed()
                    ? line(event, QUARTERDECK, "check " + check.check() + " passed" + observed(check.detail()), Tone.MUTED)
                    : line(event, QUARTERDECK, "check " + check.check() + " FAILED" + observed(check.detail()),
                            Tone.DANGER);
        } else if (event instanceof ProtectedEnvironmentConfirmed confirmed) {
            return line(event, confirmed.who().name(), "confirmed " + confirmed.environment()
                    + " by typing its name: changes allowed", Tone.NEUTRAL);
        } else if (event instanceof EnvironmentUnlocked unlocked) {
            return line(event, unlocked.recordedBy().name(), "unlocked: " + unlocked.approver().name() + " approved"
                    + (unlocked.recordedBy().equals(unlocked.approver()) ? "" : " (recorded by "
                            + unlocked.recordedBy().name() + ")") + observed(unlocked.note()), Tone.NEUTRAL);
        } else if (event instanceof InsecureTlsInUse insecure) {
            return line(event, QUARTERDECK, "TLS certificates are not verified for " + insecure.environment()
                    + (insecure.endpoints().isEmpty() ? "" : ": " + String.join(", ", insecure.endpoints())),
                    Tone.WARNING);
        } else if (event instanceof PreflightChecked preflight) {
            int all = preflight.results().size();
            List<PreflightChecked.Access> missing = preflight.missing();
            if (missing.isEmpty()) {
                return line(event, QUARTERDECK, "preflight: all " + all + (all == 1 ? " permission" : " permissions")
                        + " granted", Tone.SUCCESS);
            }
            return line(event, QUARTERDECK, "preflight: " + missing.size() + " of " + all + " permissions missing: "
                    + missing.stream().map(a -> a.permission() + " (" + a.purpose() + ")")
                            .collect(java.util.stream.Collectors.joining("; ")), Tone.DANGER);
        } else if (event instanceof LastKnownGoodRecorded good) {
            return line(event, QUARTERDECK, "last known good of " + good.deployment() + ": "
                    + EnvironmentViewModel.images(good.images()) + (good.featureFlags().isEmpty() ? ""
                            : " · flags " + EnvironmentViewModel.flags(good.featureFlags())), Tone.MUTED);
        } else if (event instanceof CommandRefused refused) {
            return line(event, refused.who().name(), "refused: " + refused.command() + " · " + refused.reason(),
                    Tone.WARNING);
        }
        return null;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** "rollback step 3 of 6" while a rollback runs; a canary step's approval otherwise: "step 3". */
    private String approvalStep(int index) {
        return rollingBack ? "rollback " + stepLabel(index) : "step " + (index + 1);
    }

    /** "step 3 of 6" from the engine's 0-based index. */
    private String stepLabel(int index) {
        return "step " + (index + 1) + (rollbackSteps > 0 ? " of " + rollbackSteps : "");
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
