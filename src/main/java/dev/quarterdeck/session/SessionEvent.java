package dev.quarterdeck.session;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import java.time.Duration;
import java.time.Instant;
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
     * What the environment is, as read from it: router, cluster or server, namespace, the versions that run
     * on each track, and who holds the release.
     */
    record EnvironmentDescribed(
            Instant at,
            String environment,
            String router,
            String server,
            String namespace,
            Map<String, String> versions,
            String holder) implements SessionEvent {
        public EnvironmentDescribed {
            versions = Map.copyOf(versions);
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

    /** A person ticked or unticked a manual checklist item. */
    record ChecklistItemMarked(Instant at, Actor who, String item, boolean done, String note)
            implements SessionEvent {}

    /** The sandbox's canary fault knobs changed (demo environments only). */
    record SandboxFaultsChanged(Instant at, Actor who, double errorRatio, Duration addedLatency)
            implements SessionEvent {}

    /** A command was refused, and why; nothing of it was applied. */
    record CommandRefused(Instant at, Actor who, String command, String reason) implements SessionEvent {}

    /** A free-text note for the timeline and the report. */
    record NoteAdded(Instant at, Actor who, String text) implements SessionEvent {}
}
