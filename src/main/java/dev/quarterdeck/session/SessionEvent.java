package dev.quarterdeck.session;

import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.plan.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every fact of a release session. The set is closed: the session state, the timeline, the journal and
 * the reports each handle every kind, and the compiler says where a new kind is not handled yet.
 */
public sealed interface SessionEvent {

    /** When it happened, by the session's clock. */
    Instant at();

    /** A session began: which plan, which environment, who drives it. */
    record SessionStarted(Instant at, String plan, String planVersion, String environment, Actor operator)
            implements SessionEvent {}

    /**
     * A console took up a session that had not finished (after a crash, or on another day): {@code replayed}
     * events were read back from its journal, and the release stood at {@code stage}, step {@code step}.
     */
    record SessionResumed(Instant at, Actor operator, int replayed, ReleaseStage stage, int step)
            implements SessionEvent {}

    /**
     * The plan the session runs, as far as a report needs it without the plan file: its checklist, steps, gates,
     * rollback and follow-ups in words. Recorded right after {@link SessionStarted}, so the journal alone tells
     * the story.
     */
    record PlanLoaded(Instant at, String name, String version, String owner, String source, Mode mode,
            List<PlannedItem> checklist, List<String> steps, List<String> gates, List<String> rollback,
            List<String> followUps) implements SessionEvent {
        public PlanLoaded {
            Objects.requireNonNull(mode, "mode");
            checklist = List.copyOf(checklist);
            steps = List.copyOf(steps);
            gates = List.copyOf(gates);
            rollback = List.copyOf(rollback);
            followUps = List.copyOf(followUps);
        }

        /** One checklist item of the environment: "file, newer than 7 d" in {@code evidence}, or empty. */
        public record PlannedItem(String id, String title, String phase, boolean required, String probe,
                String evidence) {}
    }

    /**
     * What the environment is, as read from it: router, cluster context, server, namespace and user, the
     * versions that run on each track, and who holds the release. Fields that do not apply are "—".
     */
    record EnvironmentDescribed(
            Instant at,
            String environment,
            String router,
            String context,
            String server,
            String namespace,
            String user,
            Map<String, String> versions,
            String holder) implements SessionEvent {
        public EnvironmentDescribed {
            versions = Map.copyOf(versions);
        }
    }

    /**
     * The images a deployment's containers ran when the session started, and its feature flags (plain
     * {@code FEATURE_*} variables): what "last known good" means for this session's rollback.
     */
    record LastKnownGoodRecorded(Instant at, String deployment, Map<String, String> images,
            Map<String, String> featureFlags) implements SessionEvent {
        public LastKnownGoodRecorded {
            images = Map.copyOf(images);
            featureFlags = Map.copyOf(featureFlags);
        }

        /** A deployment without feature flags. */
        public LastKnownGoodRecorded(Instant at, String deployment, Map<String, String> images) {
            this(at, deployment, images, Map.of());
        }
    }

    /** What the API server said the current user may do, asked before the first change. */
    record PreflightChecked(Instant at, List<Access> results) implements SessionEvent {
        public PreflightChecked {
            results = List.copyOf(results);
        }

        /**
         * One permission: "patch ingresses.networking.k8s.io in shop", why it is needed, and the answer.
         * {@code neededByRouter}: the router's own resource, so a denial refuses every traffic change.
         */
        public record Access(String permission, String purpose, boolean allowed, String reason,
                boolean neededByRouter) {}

        public List<Access> missing() {
            return results.stream().filter(a -> !a.allowed()).toList();
        }
    }

    /**
     * Who holds the environment's lease now; {@code ours} when this console does. {@code renewedAt} is when the
     * holder last showed it is alive.
     */
    record LeaseChanged(Instant at, String holder, boolean ours, Instant renewedAt, Instant expiresAt, String detail)
            implements SessionEvent {}

    /**
     * A check of the environment at session start: the router is set up as the plan says, the kubeconfig works.
     * A failed check names what is wrong.
     */
    record EnvironmentChecked(Instant at, String check, boolean passed, String detail) implements SessionEvent {}

    /** The captain typed the protected environment's name: writes may go ahead. */
    record ProtectedEnvironmentConfirmed(Instant at, Actor who, String environment) implements SessionEvent {}

    /** The person named by the environment's lock approved changes; {@code recordedBy} is who entered it. */
    record EnvironmentUnlocked(Instant at, Actor approver, Actor recordedBy, String note) implements SessionEvent {}

    /** An environment endpoint is used without TLS verification; the console shows a standing banner. */
    record InsecureTlsInUse(Instant at, String environment, List<String> endpoints) implements SessionEvent {
        public InsecureTlsInUse {
            endpoints = List.copyOf(endpoints);
        }
    }

    /** Someone asked for a canary weight. Not yet applied. */
    record WeightRequested(Instant at, Actor who, int percent, String reason) implements SessionEvent {}

    /**
     * The router reported this weight when read back. Only this counts as applied. {@code requestedPercent}
     * is the weight written just before this read, so a console can tell which request it answers; it is
     * {@link #PLAIN_READ} when nothing was written (the reading at session start).
     */
    record WeightApplied(Instant at, int percent, int requestedPercent, String router) implements SessionEvent {
        public static final int PLAIN_READ = -1;
    }

    /** A weight change did not happen, or could not be confirmed. */
    record WeightChangeFailed(Instant at, int requestedPercent, String router, String error)
            implements SessionEvent {}

    /** Rollback began: who, why, and how many steps it will run. */
    record RollbackStarted(Instant at, Actor who, String reason, int steps) implements SessionEvent {}

    /** One rollback step began. */
    record RollbackStepStarted(Instant at, int index, String step) implements SessionEvent {}

    /** A long rollback step reports where it stands: "2 of 3 updated replicas are available". */
    record RollbackStepProgress(Instant at, int index, String progress) implements SessionEvent {}

    /** A step waits for a named person's approval. */
    record ApprovalRequested(Instant at, int index, String approver, String title) implements SessionEvent {}

    /** The named person answered; {@code recordedBy} is who entered the answer at this console. */
    record ApprovalAnswered(Instant at, int index, Actor approver, Actor recordedBy, boolean approved, String note)
            implements SessionEvent {}

    /** One rollback step ended, well or not. */
    record RollbackStepFinished(Instant at, int index, String step, boolean succeeded, String detail)
            implements SessionEvent {}

    /** Rollback ended. {@code weight} is the canary weight read back at the end, or -1 when unknown. */
    record RollbackFinished(Instant at, boolean succeeded, int weight, String detail) implements SessionEvent {}

    /** A probe ran. {@code observed} is what it saw, e.g. "HTTP 200 in 12 ms". */
    record ProbeSample(Instant at, String probe, Outcome outcome, String observed, Duration took)
            implements SessionEvent {
        public ProbeSample {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * A metric of one track, over the metrics window ending at {@code at}. With an outcome other than
     * {@link Outcome#PASS} the value is NaN and {@code detail} says why.
     */
    record MetricSample(Instant at, Track track, Metric metric, double value, Outcome outcome, String detail)
            implements SessionEvent {
        public MetricSample {
            Objects.requireNonNull(outcome, "outcome");
        }

        public boolean hasValue() {
            return outcome == Outcome.PASS && !Double.isNaN(value);
        }
    }

    /**
     * A person ticked or unticked a manual checklist item, with a note and the evidence the item asks for (a
     * link, or the path of a file); {@code evidence} is empty when none was given.
     */
    record ChecklistItemMarked(Instant at, Actor who, String item, boolean done, String note, String evidence)
            implements SessionEvent {
        public ChecklistItemMarked {
            Objects.requireNonNull(note, "note");
            Objects.requireNonNull(evidence, "evidence");
        }

        /** A tick without evidence. */
        public ChecklistItemMarked(Instant at, Actor who, String item, boolean done, String note) {
            this(at, who, item, done, note, "");
        }
    }

    /**
     * The release moved to another stage. {@code step} is the canary step it is at (0-based), or -1 before the
     * first; {@code who} moved it and {@code why} says what made it move ("gate slo passed", "captain advanced").
     */
    record StageChanged(Instant at, ReleaseStage stage, int step, Actor who, String why) implements SessionEvent {
        public StageChanged {
            Objects.requireNonNull(stage, "stage");
        }
    }

    /** A canary step began. {@code step} is 0-based; {@code description} is the plan's step in words. */
    record StepStarted(Instant at, int step, String description, Actor who) implements SessionEvent {}

    /**
     * A canary step finished: its weight read back, its pause elapsed, its gate passed, its action done; or it
     * failed ({@code succeeded} false) and the release stopped there.
     */
    record StepFinished(Instant at, int step, String description, boolean succeeded, String detail)
            implements SessionEvent {}

    /** In assisted mode: the next step is ready to go and waits for the captain to accept it. */
    record StepProposed(Instant at, int step, String description, String why) implements SessionEvent {}

    /** Who moves the canary on changed: manual, assisted, automatic. */
    record ModeChanged(Instant at, Actor who, Mode mode) implements SessionEvent {
        public ModeChanged {
            Objects.requireNonNull(mode, "mode");
        }
    }

    /**
     * A captain went past something the plan would have refused (an unfinished preflight, a gate that has not
     * passed, a weight beyond the next step), and said why. The command itself follows as its own event.
     */
    record OverrideRecorded(Instant at, Actor who, String command, String refusal, String reason)
            implements SessionEvent {}

    /**
     * A gate was judged on the latest samples. Every verdict carries the values it was judged on: one result
     * per condition. {@code heldFor} is how long all conditions have held without a break, against the gate's
     * {@code holdFor} burn-in; {@code consecutiveFailures} counts failing judgements in a row against
     * {@code maxFailures}.
     */
    record GateJudged(Instant at, String gate, GateVerdict verdict, List<ConditionResult> conditions,
            Duration heldFor, Duration holdFor, int consecutiveFailures, int maxFailures) implements SessionEvent {
        public GateJudged {
            Objects.requireNonNull(verdict, "verdict");
            conditions = List.copyOf(conditions);
        }

        /**
         * One condition, judged: what it says ("canary error-rate ≤ 1%"), the value judged ({@code observed}:
         * the track's value, the canary−stable difference, canary÷stable, or a Mann-Whitney p-value), the bound
         * it was held to, and both tracks' values where they were read (NaN where not).
         */
        public record ConditionResult(String condition, Outcome outcome, double observed, double threshold,
                double canary, double stable, String detail) {
            public ConditionResult {
                Objects.requireNonNull(outcome, "outcome");
            }
        }
    }

    /**
     * An abort rule was breached by a sample: {@code severity} ("sev1"), what was seen against the rule's
     * bound, and what Quarterdeck does about it: roll back now, roll back in stages, or alert and recommend.
     */
    record AbortTriggered(Instant at, String severity, AbortRule.Response response, String rule, double observed,
            double threshold) implements SessionEvent {
        public AbortTriggered {
            Objects.requireNonNull(response, "response");
        }
    }

    /** An alerting abort rule holds again: the sample is back within its bound. */
    record AbortCleared(Instant at, String severity, String rule, double observed) implements SessionEvent {}

    /** A follow-up checkpoint after promotion came due ("T0 + 1 day: check the error budget"). */
    record FollowUpDue(Instant at, int index, String title) implements SessionEvent {}

    /**
     * A follow-up was closed: by a person with a note, or by its soak gate (which fails as soon as the gate
     * fails, and passes when it held until the checkpoint).
     */
    record FollowUpFinished(Instant at, int index, String title, boolean passed, Actor who, String detail)
            implements SessionEvent {}

    /** The sandbox's canary fault knobs changed (demo environments only). */
    record SandboxFaultsChanged(Instant at, Actor who, double errorRatio, Duration addedLatency)
            implements SessionEvent {}

    /** A command was refused, and why; nothing of it was applied. */
    record CommandRefused(Instant at, Actor who, String command, String reason) implements SessionEvent {}

    /** A free-text note for the timeline and the report. */
    record NoteAdded(Instant at, Actor who, String text) implements SessionEvent {}
}
