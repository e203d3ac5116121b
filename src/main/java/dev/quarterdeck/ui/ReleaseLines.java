package dev.quarterdeck.ui;

import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.AbortCleared;
import dev.quarterdeck.session.SessionEvent.AbortTriggered;
import dev.quarterdeck.session.SessionEvent.FollowUpDue;
import dev.quarterdeck.session.SessionEvent.FollowUpFinished;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import dev.quarterdeck.session.SessionEvent.ModeChanged;
import dev.quarterdeck.session.SessionEvent.OverrideRecorded;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.StepFinished;
import dev.quarterdeck.session.SessionEvent.StepProposed;
import dev.quarterdeck.session.SessionEvent.StepStarted;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The timeline's lines for the release flow: stages, steps, proposals, the mode, overrides, gate verdicts, abort
 * rules and follow-ups. A gate is judged about once a second, so it gets a line only when its verdict changes
 * (afresh for each gate step); a stage change that only repeats the line before it (a step started or finished,
 * a rollback's) gets none.
 */
final class ReleaseLines {
    private static final String QUARTERDECK = "quarterdeck";

    /** Makes a timeline line: the event's time, who, the text, its tone. */
    interface LineMaker {
        TimelineEntry of(SessionEvent event, String who, String text, Tone tone);
    }

    private final LineMaker line;
    private final Map<String, GateVerdict> lastVerdictByGate = new HashMap<>();
    private ReleaseStage stage = ReleaseStage.PREFLIGHT;

    ReleaseLines(LineMaker line) {
        this.line = line;
    }

    /** Events of the release that sometimes get no line at all (a repeated verdict, a stage a step line said). */
    static boolean quietWhenNull(SessionEvent event) {
        return event instanceof StageChanged || event instanceof GateJudged;
    }

    /** The line for a release event; null for other events, and for release events that need none. */
    TimelineEntry describe(SessionEvent event, SessionEvent previous) {
        if (event instanceof StageChanged changed) {
            ReleaseStage before = stage;
            stage = changed.stage();
            return stageLine(changed, before, previous);
        } else if (event instanceof StepStarted started) {
            // A new step judges its gate afresh: its first verdict is news even if the last step's was the same.
            lastVerdictByGate.clear();
            return line.of(event, started.who().name(), "step " + (started.step() + 1) + " started: "
                    + started.description(), Tone.NEUTRAL);
        } else if (event instanceof StepFinished finished) {
            String detail = finished.detail() == null ? "" : finished.detail();
            if (finished.succeeded()) {
                return line.of(event, QUARTERDECK, "step " + (finished.step() + 1) + " done: " + finished.description()
                        + observed(detail), Tone.SUCCESS);
            }
            boolean skipped = detail.startsWith("skipped");
            return line.of(event, QUARTERDECK, "step " + (finished.step() + 1) + (skipped ? " skipped: " : " FAILED: ")
                    + finished.description() + observed(detail), skipped ? Tone.WARNING : Tone.DANGER);
        } else if (event instanceof StepProposed proposed) {
            return line.of(event, QUARTERDECK, "proposes " + (proposed.description().startsWith("promote") ? ""
                    : "step " + (proposed.step() + 1) + ": ") + proposed.description() + because(proposed.why())
                    + "; waiting for the captain to accept", Tone.WARNING);
        } else if (event instanceof ModeChanged changed) {
            return line.of(event, changed.who().name(), "mode: " + changed.mode().key(), Tone.NEUTRAL);
        } else if (event instanceof OverrideRecorded override) {
            return line.of(event, override.who().name(), "OVERRIDE: " + override.command() + " although "
                    + override.refusal() + " · reason: " + override.reason(), Tone.WARNING);
        } else if (event instanceof GateJudged judged) {
            GateVerdict before = lastVerdictByGate.put(judged.gate(), judged.verdict());
            return before == judged.verdict() ? null : gateLine(judged);
        } else if (event instanceof AbortTriggered triggered) {
            String response;
            switch (triggered.response()) {
                case ROLLBACK:
                    response = "Quarterdeck rolls back";
                    break;
                case STAGED_ROLLBACK:
                    response = "Quarterdeck rolls back in stages";
                    break;
                default:
                    response = "alert: rollback recommended";
            }
            return line.of(event, QUARTERDECK, triggered.severity().toUpperCase(Locale.ROOT) + " breached: "
                    + triggered.rule() + " (observed " + value(triggered.rule(), triggered.observed()) + ") → "
                    + response, triggered.response() == AbortRule.Response.ALERT ? Tone.WARNING
                            : Tone.DANGER);
        } else if (event instanceof AbortCleared cleared) {
            return line.of(event, QUARTERDECK, cleared.severity() + " holds again: " + cleared.rule() + " (observed "
                    + value(cleared.rule(), cleared.observed()) + ")", Tone.SUCCESS);
        } else if (event instanceof FollowUpDue due) {
            return line.of(event, QUARTERDECK, "follow-up due: " + due.title(), Tone.WARNING);
        } else if (event instanceof FollowUpFinished finished) {
            return line.of(event, finished.who().name(), "follow-up " + (finished.passed() ? "passed: " : "FAILED: ")
                    + finished.title() + observed(finished.detail()), finished.passed() ? Tone.SUCCESS : Tone.DANGER);
        }
        return null;
    }

    /** A stage change, unless the line just before already said it. */
    private TimelineEntry stageLine(StageChanged changed, ReleaseStage before, SessionEvent previous) {
        String who = changed.who().name();
        String why = because(changed.why());
        switch (changed.stage()) {
            case CANARY:
            case HOLDING:
                if (previous instanceof StepStarted || previous instanceof StepFinished) {
                    return null;
                }
                return line.of(changed, who, (before == ReleaseStage.PAUSED ? "resumed at step " : "canary at step ")
                        + (changed.step() + 1) + why, Tone.NEUTRAL);
            case PREFLIGHT:
                return line.of(changed, who, "back to preflight" + why, Tone.WARNING);
            case READY:
                return line.of(changed, who, "ready to start the canary" + why, Tone.SUCCESS);
            case PAUSED:
                return line.of(changed, who, "PAUSED the release at step " + (changed.step() + 1), Tone.WARNING);
            case PROMOTING:
                return line.of(changed, who, "promoting: all traffic to the canary" + why, Tone.NEUTRAL);
            case PROMOTED:
                return line.of(changed, who, "PROMOTED" + why, Tone.SUCCESS);
            case FAILED:
                if (previous instanceof StepFinished || previous instanceof RollbackFinished) {
                    return null;
                }
                return line.of(changed, who, "release FAILED" + why, Tone.DANGER);
            default:
                // Rolling back and rolled back: the rollback's own lines say it, with more.
                return null;
        }
    }

    private TimelineEntry gateLine(GateJudged judged) {
        String gate = "gate " + judged.gate() + ": ";
        switch (judged.verdict()) {
            case PASS:
                return line.of(judged, QUARTERDECK, gate + "PASS" + (judged.holdFor().isZero() ? ""
                        : " after a burn-in of " + GateViewModel.clockText(judged.heldFor(), judged.holdFor())),
                        Tone.SUCCESS);
            case HOLDING:
                return line.of(judged, QUARTERDECK, gate + "holding, burn-in " + GateViewModel.clockText(
                        judged.heldFor(), judged.holdFor()) + " of " + GateViewModel.clockText(judged.holdFor(),
                        judged.holdFor()), Tone.NEUTRAL);
            case FAILING:
                return line.of(judged, QUARTERDECK, gate + "failing (" + judged.consecutiveFailures() + " of "
                        + judged.maxFailures() + ")" + failed(judged), Tone.WARNING);
            case FAIL:
                return line.of(judged, QUARTERDECK, gate + "FAIL (" + judged.consecutiveFailures() + " in a row)"
                        + failed(judged), Tone.DANGER);
            default:
                return line.of(judged, QUARTERDECK, gate + "no data" + failed(judged), Tone.MUTED);
        }
    }

    /** The conditions that did not pass, in the engine's words. */
    private static String failed(GateJudged judged) {
        String text = judged.conditions().stream()
                .filter(c -> c.outcome() != Outcome.PASS)
                .map(GateJudged.ConditionResult::detail)
                .collect(Collectors.joining("; "));
        return text.isEmpty() ? "" : " · " + text;
    }

    /** A rule's observed value in its metric's unit, found from the rule's words ("canary error-rate ≤ 5%"). */
    private static String value(String rule, double observed) {
        for (String word : rule.split(" ")) {
            Optional<Metric> metric = Metric.byKey(word);
            if (metric.isPresent()) {
                return metric.get().format(observed);
            }
        }
        return Metric.Unit.trim(observed);
    }

    private static String because(String reason) {
        return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
    }

    private static String observed(String detail) {
        return detail == null || detail.isBlank() ? "" : " · " + detail;
    }
}
