package dev.quarterdeck.report;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.*;
import dev.quarterdeck.report.IncidentTiming.Moment;
import dev.quarterdeck.report.SessionReport.*;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Folds a session's events, in order, into a {@link SessionReport}. A consumer, so a journal can be read straight
 * into it without holding every event: only what a report prints is kept (samples as primitive series).
 * Every event is redacted first. Not thread-safe; one builder per report.
 */
public final class ReportBuilder implements Consumer<SessionEvent> {
    private final Redaction redaction;
    private final Timeline timeline = new Timeline();
    private final Checklist checklist = new Checklist();
    private final People people = new People();
    private final List<EnvironmentChecked> checks = new ArrayList<>();
    private final List<LeaseChanged> leases = new ArrayList<>();
    private final List<LastKnownGoodRecorded> lastKnownGood = new ArrayList<>();
    private final List<StepLine> steps = new ArrayList<>();
    private final Map<String, GateHistory> gates = new LinkedHashMap<>();
    private final List<StageChanged> decisions = new ArrayList<>();
    private final List<OverrideRecorded> overrides = new ArrayList<>();
    private final List<CommandRefused> refusals = new ArrayList<>();
    private final List<ApprovalLine> approvals = new ArrayList<>();
    private final List<WeightApplied> weights = new ArrayList<>();
    private final List<WeightChangeFailed> weightFailures = new ArrayList<>();
    private final List<AbortLine> aborts = new ArrayList<>();
    private final List<Rollback> rollbacks = new ArrayList<>();
    private final Map<Track, Map<Metric, MetricSeries>> metrics = new EnumMap<>(Track.class);
    private final Map<String, Bound> bounds = new LinkedHashMap<>();
    private final Map<Integer, Instant> followUpsDue = new LinkedHashMap<>();
    private final Map<Integer, FollowUpFinished> followUpsFinished = new LinkedHashMap<>();
    private final List<NoteAdded> notes = new ArrayList<>();
    private final List<String> gaps = new ArrayList<>();
    private final List<Moment> detections = new ArrayList<>();
    private final List<Moment> faults = new ArrayList<>();
    private final List<Moment> zeroWeights = new ArrayList<>();
    private final List<Moment> rollbackStarts = new ArrayList<>();

    private SessionStarted started;
    private PlanLoaded plan;
    private EnvironmentDescribed environment;
    private List<PreflightChecked.Access> permissions = List.of();
    private String mode;
    private StageChanged lastStage;
    private RollbackFinished lastRollbackEnd;
    private boolean faulty;
    private boolean sessionFinished;
    private int highestWeight;
    private Instant firstAt;
    private Instant lastAt;
    private long events;

    public ReportBuilder(Redaction redaction) {
        this.redaction = Objects.requireNonNull(redaction, "redaction");
    }

    /** Builds a report from events already in memory, of a session still in progress as far as it knows. */
    public static SessionReport build(Iterable<? extends SessionEvent> events, Redaction redaction) {
        ReportBuilder builder = new ReportBuilder(redaction);
        events.forEach(builder);
        return builder.build();
    }

    /**
     * The record is whole: the session was ended on purpose (its journal's last line says so). Without this the
     * report says the session is still in progress, as far as its record goes.
     */
    public void sessionFinished() {
        sessionFinished = true;
    }

    /** Something the record is missing, said in the report: a line of the journal that could not be read. */
    public void gap(String what) {
        gaps.add(redaction.text(what));
    }

    @Override
    public void accept(SessionEvent raw) {
        // A sample's only text is why it has no value, which no report prints: a day of samples skips redaction.
        SessionEvent event = raw instanceof MetricSample ? raw : redaction.event(raw);
        events++;
        if (firstAt == null) {
            firstAt = event.at();
        }
        lastAt = lastAt == null || event.at().isAfter(lastAt) ? event.at() : lastAt;
        timeline.add(event);
        checklist.add(event);
        people.add(event);
        if (event instanceof MetricSample e) {
            sample(e);
        } else if (event instanceof SessionStarted e) {
            started = started == null ? e : started;
        } else if (event instanceof PlanLoaded e) {
            plan = e;
            mode = e.mode().key();
        } else if (event instanceof EnvironmentDescribed e) {
            environment = e;
        } else if (event instanceof EnvironmentChecked e) {
            checks.add(e);
        } else if (event instanceof PreflightChecked e) {
            permissions = e.results();
        } else if (event instanceof LeaseChanged e) {
            LeaseChanged before = leases.isEmpty() ? null : leases.get(leases.size() - 1);
            if (before == null || !before.holder().equals(e.holder()) || before.ours() != e.ours()) {
                leases.add(e);
            }
        } else if (event instanceof LastKnownGoodRecorded e) {
            lastKnownGood.add(e);
        } else if (event instanceof StepStarted e) {
            steps.add(new StepLine(e.step(), e.description(), e.at(), e.who().name(), null, null, ""));
        } else if (event instanceof StepFinished e) {
            stepFinished(e);
        } else if (event instanceof GateJudged e) {
            judged(e);
        } else if (event instanceof StageChanged e) {
            decisions.add(e);
            lastStage = e;
        } else if (event instanceof ModeChanged e) {
            mode = e.mode().key();
        } else if (event instanceof OverrideRecorded e) {
            overrides.add(e);
        } else if (event instanceof CommandRefused e) {
            refusals.add(e);
        } else if (event instanceof ApprovalRequested e) {
            approvals.add(new ApprovalLine(e.index(), e.approver(), e.title(), e.at(), Optional.empty()));
        } else if (event instanceof ApprovalAnswered e) {
            answered(e);
        } else if (event instanceof WeightApplied e) {
            weights.add(e);
            highestWeight = Math.max(highestWeight, e.percent());
            if (e.percent() == 0) {
                zeroWeights.add(new Moment(e.at(), e.router() + " read back 0 % canary"));
            }
        } else if (event instanceof WeightChangeFailed e) {
            weightFailures.add(e);
        } else if (event instanceof AbortTriggered e) {
            aborts.add(new AbortLine(e.at(), e.severity(), e.response(), e.rule(), e.observed(), e.threshold(),
                    Optional.empty()));
            Bounds.parse(e.rule(), e.threshold(), "abort " + e.severity()).ifPresent(this::bound);
            detections.add(new Moment(e.at(), e.severity() + " abort rule breached: " + e.rule() + ", observed "
                    + Timeline.observed(e.rule(), e.observed())));
        } else if (event instanceof AbortCleared e) {
            cleared(e);
        } else if (event instanceof RollbackStarted e) {
            rollbacks.add(new Rollback(e, List.of(), Optional.empty()));
            rollbackStarts.add(new Moment(e.at(), "started by " + e.who() + ": " + e.reason()));
            detections.add(new Moment(e.at(), "rollback started by " + e.who() + ": " + e.reason()));
        } else if (event instanceof RollbackStepStarted e) {
            rollbackStep(e.index(), s -> new RollbackStepLine(e.index(), e.step(), e.at(), List.of(), null, null, ""),
                    true);
        } else if (event instanceof RollbackStepProgress e) {
            rollbackStep(e.index(), s -> {
                List<String> progress = new ArrayList<>(s.progress());
                if (progress.isEmpty() || !progress.get(progress.size() - 1).equals(e.progress())) {
                    progress.add(e.progress());
                }
                return new RollbackStepLine(s.index(), s.step(), s.startedAt(), progress, s.finishedAt(),
                        s.succeeded(), s.detail());
            }, false);
        } else if (event instanceof RollbackStepFinished e) {
            rollbackStep(e.index(), s -> new RollbackStepLine(e.index(), e.step(), s == null ? null : s.startedAt(),
                    s == null ? List.of() : s.progress(), e.at(), e.succeeded(), e.detail()), false);
        } else if (event instanceof RollbackFinished e) {
            rollbackFinished(e);
        } else if (event instanceof FollowUpDue e) {
            followUpsDue.putIfAbsent(e.index(), e.at());
        } else if (event instanceof FollowUpFinished e) {
            followUpsFinished.put(e.index(), e);
        } else if (event instanceof SandboxFaultsChanged e) {
            boolean now = e.errorRatio() > 0 || !e.addedLatency().isZero();
            if (now && !faulty) {
                faults.add(new Moment(e.at(), "canary faults injected by " + e.who() + ": "
                        + ReportText.faults(e.errorRatio(), e.addedLatency())));
            }
            faulty = now;
        } else if (event instanceof NoteAdded e) {
            notes.add(e);
        }
    }

    private void sample(MetricSample e) {
        MetricSeries series = metrics.computeIfAbsent(e.track(), t -> new EnumMap<>(Metric.class))
                .computeIfAbsent(e.metric(), m -> new MetricSeries(e.track(), m));
        series.add(e.at(), e.hasValue() ? e.value() : Double.NaN);
    }

    private void stepFinished(StepFinished e) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            StepLine s = steps.get(i);
            if (s.index() == e.step() && s.finishedAt() == null) {
                steps.set(i, new StepLine(s.index(), s.description(), s.startedAt(), s.startedBy(), e.at(),
                        e.succeeded(), e.detail()));
                return;
            }
        }
        steps.add(new StepLine(e.step(), e.description(), null, "", e.at(), e.succeeded(), e.detail()));
    }

    private void judged(GateJudged e) {
        GateHistory before = gates.get(e.gate());
        List<GateJudged> changes = before == null ? new ArrayList<>() : new ArrayList<>(before.changes());
        if (before == null || before.last().verdict() != e.verdict()) {
            changes.add(e);
        }
        gates.put(e.gate(), new GateHistory(e.gate(), before == null ? 1 : before.judgements() + 1, changes, e));
        for (GateJudged.ConditionResult c : e.conditions()) {
            Bounds.parse(c.condition(), c.threshold(), "gate " + e.gate()).ifPresent(this::bound);
        }
        if (e.verdict() == GateVerdict.FAILING || e.verdict() == GateVerdict.FAIL) {
            detections.add(new Moment(e.at(), "gate " + e.gate() + " " + ReportText.verdict(e.verdict()) + ": "
                    + ReportText.conditions(e)));
        }
    }

    private void bound(Bound bound) {
        bounds.putIfAbsent(bound.source() + " " + bound.condition(), bound);
    }

    private void answered(ApprovalAnswered e) {
        for (int i = approvals.size() - 1; i >= 0; i--) {
            ApprovalLine a = approvals.get(i);
            if (a.index() == e.index() && a.answer().isEmpty()) {
                approvals.set(i, new ApprovalLine(a.index(), a.approver(), a.title(), a.askedAt(), Optional.of(e)));
                return;
            }
        }
        approvals.add(new ApprovalLine(e.index(), e.approver().name(), "", null, Optional.of(e)));
    }

    private void cleared(AbortCleared e) {
        for (int i = aborts.size() - 1; i >= 0; i--) {
            AbortLine a = aborts.get(i);
            if (a.severity().equals(e.severity()) && a.rule().equals(e.rule()) && a.clearedAt().isEmpty()) {
                aborts.set(i, new AbortLine(a.at(), a.severity(), a.response(), a.rule(), a.observed(), a.threshold(),
                        Optional.of(e.at())));
                return;
            }
        }
    }

    /** Changes the current rollback's step {@code index} (its latest run; a new one when {@code fresh}). */
    private void rollbackStep(int index, java.util.function.UnaryOperator<RollbackStepLine> change, boolean fresh) {
        if (rollbacks.isEmpty()) {
            rollbacks.add(new Rollback(new RollbackStarted(lastAt, Actor.quarterdeck(), "not recorded", -1), List.of(),
                    Optional.empty()));
        }
        Rollback r = rollbacks.get(rollbacks.size() - 1);
        List<RollbackStepLine> lines = new ArrayList<>(r.steps());
        int at = -1;
        for (int i = lines.size() - 1; i >= 0 && !fresh; i--) {
            if (lines.get(i).index() == index) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            lines.add(change.apply(null));
        } else {
            lines.set(at, change.apply(lines.get(at)));
        }
        rollbacks.set(rollbacks.size() - 1, new Rollback(r.started(), lines, r.finished()));
    }

    private void rollbackFinished(RollbackFinished e) {
        lastRollbackEnd = e;
        if (!rollbacks.isEmpty()) {
            Rollback r = rollbacks.get(rollbacks.size() - 1);
            rollbacks.set(rollbacks.size() - 1, new Rollback(r.started(), r.steps(), Optional.of(e)));
        }
        if (e.weight() == 0) {
            zeroWeights.add(new Moment(e.at(), "the rollback finished with 0 % canary read back"));
        }
    }

    public SessionReport build() {
        if (started == null) {
            throw new IllegalStateException(events == 0 ? "the record holds no event"
                    : "the record does not say how the session started (no SessionStarted among " + events
                            + " events)");
        }
        Map<Metric, MetricSeries> canary = metrics.getOrDefault(Track.CANARY, Map.of());
        List<Bound> boundList = List.copyOf(bounds.values());
        IncidentTiming timing = IncidentTiming.of(detections, faults, zeroWeights, rollbackStarts, canary, boundList);
        List<MetricSeries> series = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            for (Track track : List.of(Track.CANARY, Track.STABLE)) {
                MetricSeries s = metrics.getOrDefault(track, Map.of()).get(metric);
                if (s != null) {
                    series.add(s);
                }
            }
        }
        Summary summary = new Summary(started.plan(), started.planVersion(), started.environment(),
                started.operator().name(), started.at(), lastAt, ending(), why(), lastStage == null ? "—"
                        : lastStage.stage().label(), mode == null ? "—" : mode, highestWeight, sessionFinished);
        return new SessionReport(summary, Optional.ofNullable(plan), Optional.ofNullable(environment), checks,
                permissions, leases, lastKnownGood, people.list(), timeline.entries(),
                checklist.lines(plan), steps, List.copyOf(gates.values()), decisions, overrides, refusals, approvals,
                weights, weightFailures, aborts, rollbacks, series, boundList, followUps(), notes, timing, events,
                gaps);
    }

    private boolean rollbackEndsIt() {
        return lastRollbackEnd != null && (lastStage == null || lastRollbackEnd.at().isAfter(lastStage.at()));
    }

    private Ending ending() {
        if (rollbackEndsIt()) {
            return lastRollbackEnd.succeeded() ? Ending.ROLLED_BACK : Ending.FAILED;
        }
        if (lastStage == null) {
            return Ending.UNFINISHED;
        }
        if (lastStage.stage() == ReleaseStage.PROMOTED) {
            return Ending.PROMOTED;
        }
        if (lastStage.stage() == ReleaseStage.ROLLED_BACK) {
            return Ending.ROLLED_BACK;
        }
        return lastStage.stage() == ReleaseStage.FAILED ? Ending.FAILED : Ending.UNFINISHED;
    }

    private String why() {
        Ending ending = ending();
        if (ending == Ending.ROLLED_BACK || (ending == Ending.FAILED && rollbackEndsIt())) {
            Rollback last = rollbacks.isEmpty() ? null : rollbacks.get(rollbacks.size() - 1);
            String reason = last == null ? "" : "rolled back by " + last.started().who() + ": "
                    + last.started().reason();
            return ending == Ending.FAILED ? reason + "; the rollback failed: " + lastRollbackEnd.detail() : reason;
        }
        if (lastStage == null) {
            return "the record ends before the release started";
        }
        if (ending == Ending.UNFINISHED) {
            return "the record ends with the release " + lastStage.stage().label() + ": " + lastStage.why();
        }
        return lastStage.why();
    }

    private List<FollowUpLine> followUps() {
        List<FollowUpLine> lines = new ArrayList<>();
        List<String> planned = plan == null ? List.of() : plan.followUps();
        int count = Math.max(planned.size(), Math.max(maxKey(followUpsDue), maxKey(followUpsFinished)) + 1);
        for (int i = 0; i < count; i++) {
            FollowUpFinished finished = followUpsFinished.get(i);
            String title = i < planned.size() ? planned.get(i) : finished != null ? finished.title() : "";
            lines.add(new FollowUpLine(i, title, Optional.ofNullable(followUpsDue.get(i)),
                    Optional.ofNullable(finished)));
        }
        return lines;
    }

    private static int maxKey(Map<Integer, ?> map) {
        return map.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
    }
}
