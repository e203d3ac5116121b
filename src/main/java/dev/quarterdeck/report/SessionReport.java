package dev.quarterdeck.report;

import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.SessionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a session's record says, gathered once for every format: who ran what where, how it went, and the
 * values every decision was taken on. Built by {@link ReportBuilder} from the events alone; every text in it
 * has been through a {@link Redaction}. Times are instants; formats choose the zone.
 */
public record SessionReport(
        Summary summary,
        Optional<SessionEvent.PlanLoaded> plan,
        Optional<SessionEvent.EnvironmentDescribed> environment,
        List<SessionEvent.EnvironmentChecked> checks,
        List<SessionEvent.PreflightChecked.Access> permissions,
        List<SessionEvent.LeaseChanged> leases,
        List<SessionEvent.LastKnownGoodRecorded> lastKnownGood,
        List<Person> people,
        List<TimelineEntry> timeline,
        List<ChecklistLine> checklist,
        List<StepLine> steps,
        List<GateHistory> gates,
        List<SessionEvent.StageChanged> decisions,
        List<SessionEvent.OverrideRecorded> overrides,
        List<SessionEvent.CommandRefused> refusals,
        List<ApprovalLine> approvals,
        List<SessionEvent.WeightApplied> weights,
        List<SessionEvent.WeightChangeFailed> weightFailures,
        List<AbortLine> aborts,
        List<Rollback> rollbacks,
        List<MetricSeries> metrics,
        List<Bound> bounds,
        List<FollowUpLine> followUps,
        List<SessionEvent.NoteAdded> notes,
        IncidentTiming timing,
        long events,
        List<String> gaps) {

    public SessionReport {
        checks = List.copyOf(checks);
        permissions = List.copyOf(permissions);
        leases = List.copyOf(leases);
        lastKnownGood = List.copyOf(lastKnownGood);
        people = List.copyOf(people);
        timeline = List.copyOf(timeline);
        checklist = List.copyOf(checklist);
        steps = List.copyOf(steps);
        gates = List.copyOf(gates);
        decisions = List.copyOf(decisions);
        overrides = List.copyOf(overrides);
        refusals = List.copyOf(refusals);
        approvals = List.copyOf(approvals);
        weights = List.copyOf(weights);
        weightFailures = List.copyOf(weightFailures);
        aborts = List.copyOf(aborts);
        rollbacks = List.copyOf(rollbacks);
        metrics = List.copyOf(metrics);
        bounds = List.copyOf(bounds);
        followUps = List.copyOf(followUps);
        notes = List.copyOf(notes);
        gaps = List.copyOf(gaps);
    }

    /** How a release ended, as far as its record goes. */
    public enum Ending {
        PROMOTED("promoted"),
        ROLLED_BACK("rolled back"),
        FAILED("failed"),
        UNFINISHED("unfinished");

        private final String label;

        Ending(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** {@code rolled-back}: the form JSON uses. */
        public String key() {
            return label.replace(' ', '-');
        }
    }

    /**
     * The session in one look. {@code endedAt} is the last event's time: when the record ends, whether or not the
     * console was closed then. {@code why} says what ended it (the rollback's reason, the failed step).
     * {@code finished}: the session was ended on purpose and the record is whole; false while it is still in
     * progress (exported from a console that is open, or left open to be resumed), when more may follow.
     */
    public record Summary(String plan, String planVersion, String environment, String operator, Instant startedAt,
            Instant endedAt, Ending ending, String why, String finalStage, String mode, int highestWeight,
            boolean finished) {
        public Duration duration() {
            return Duration.between(startedAt, endedAt);
        }
    }

    /** Someone who acted in the session: the operator who opened it, and everyone whose name is on an event. */
    public record Person(String name, boolean operator, int actions, Instant firstAt, Instant lastAt) {}

    /** One line of the timeline: {@code kind} is a short tag ("stage", "weight", "gate", "note", ...). */
    public record TimelineEntry(Instant at, String who, String kind, String text) {}

    /**
     * A checklist item and where it ended: ticked by whom with which evidence, or, for an item a probe decides,
     * the probe's last outcome. {@code marks} is every tick and untick, in order.
     */
    public record ChecklistLine(String id, String title, String phase, boolean required, String probe,
            String evidenceWanted, String status, String by, Instant at, String note, String evidence,
            List<SessionEvent.ChecklistItemMarked> marks) {
        public ChecklistLine {
            marks = List.copyOf(marks);
        }
    }

    /** A canary step as it ran: when it started and finished, how, and who started it. */
    public record StepLine(int index, String description, Instant startedAt, String startedBy, Instant finishedAt,
            Boolean succeeded, String detail) {}

    /**
     * A gate's judgements: how many, and each one whose verdict differed from the one before (the first
     * included), with the values it was judged on. {@code last} is the last judgement, changed or not.
     */
    public record GateHistory(String name, int judgements, List<SessionEvent.GateJudged> changes,
            SessionEvent.GateJudged last) {
        public GateHistory {
            changes = List.copyOf(changes);
        }

        public GateVerdict finalVerdict() {
            return last.verdict();
        }
    }

    /** An approval asked for by a step ({@code index}), and its answer when one came. */
    public record ApprovalLine(int index, String approver, String title, Instant askedAt,
            Optional<SessionEvent.ApprovalAnswered> answer) {}

    /** An abort rule's breach, and when it cleared again (alerting rules only). */
    public record AbortLine(Instant at, String severity, AbortRule.Response response, String rule, double observed,
            double threshold, Optional<Instant> clearedAt) {}

    /** One run of the rollback plan. {@code finished} is empty when the record ends before it did. */
    public record Rollback(SessionEvent.RollbackStarted started, List<RollbackStepLine> steps,
            Optional<SessionEvent.RollbackFinished> finished) {
        public Rollback {
            steps = List.copyOf(steps);
        }
    }

    /** One rollback step: started, its progress reports, and its end. */
    public record RollbackStepLine(int index, String step, Instant startedAt, List<String> progress,
            Instant finishedAt, Boolean succeeded, String detail) {
        public RollbackStepLine {
            progress = List.copyOf(progress);
        }
    }

    /**
     * A bound the session judged a track's metric by: a gate's threshold condition, or an abort rule that fired.
     * {@code max}: a ceiling (values above it breach), else a floor. {@code source}: "gate slo", "abort sev1".
     */
    public record Bound(Track track, Metric metric, boolean max, double threshold, String source, String condition) {
        public boolean breachedBy(double value) {
            return !Double.isNaN(value) && (max ? value > threshold : value < threshold);
        }
    }

    /** A follow-up of the plan: when it came due and how it was closed, if it was. */
    public record FollowUpLine(int index, String title, Optional<Instant> dueAt,
            Optional<SessionEvent.FollowUpFinished> finished) {}
}
