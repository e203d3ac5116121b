package dev.quarterdeck.report;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.AbortCleared;
import dev.quarterdeck.session.SessionEvent.AbortTriggered;
import dev.quarterdeck.session.SessionEvent.ApprovalAnswered;
import dev.quarterdeck.session.SessionEvent.ApprovalRequested;
import dev.quarterdeck.session.SessionEvent.ChecklistItemMarked;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.EnvironmentChecked;
import dev.quarterdeck.session.SessionEvent.EnvironmentDescribed;
import dev.quarterdeck.session.SessionEvent.EnvironmentUnlocked;
import dev.quarterdeck.session.SessionEvent.FollowUpDue;
import dev.quarterdeck.session.SessionEvent.FollowUpFinished;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import dev.quarterdeck.session.SessionEvent.InsecureTlsInUse;
import dev.quarterdeck.session.SessionEvent.LastKnownGoodRecorded;
import dev.quarterdeck.session.SessionEvent.LeaseChanged;
import dev.quarterdeck.session.SessionEvent.ModeChanged;
import dev.quarterdeck.session.SessionEvent.NoteAdded;
import dev.quarterdeck.session.SessionEvent.OverrideRecorded;
import dev.quarterdeck.session.SessionEvent.PlanLoaded;
import dev.quarterdeck.session.SessionEvent.PreflightChecked;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import dev.quarterdeck.session.SessionEvent.ProtectedEnvironmentConfirmed;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.RollbackStepFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStepStarted;
import dev.quarterdeck.session.SessionEvent.SandboxFaultsChanged;
import dev.quarterdeck.session.SessionEvent.SessionStarted;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.StepFinished;
import dev.quarterdeck.session.SessionEvent.StepProposed;
import dev.quarterdeck.session.SessionEvent.StepStarted;
import dev.quarterdeck.session.SessionEvent.WeightApplied;
import dev.quarterdeck.session.SessionEvent.WeightChangeFailed;
import dev.quarterdeck.session.SessionEvent.WeightRequested;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The timeline: one line per event a postmortem reads, in words. What repeats is kept only when it changes:
 * metric samples never (they are the charts and the metrics summary), a probe when its outcome changes, a gate
 * when its verdict changes, the lease when its holder changes, a stage change only when the stage itself does
 * (a new step has its own line).
 */
final class Timeline {
    private final List<SessionReport.TimelineEntry> entries = new ArrayList<>();
    private final Map<String, Outcome> probes = new HashMap<>();
    private final Map<String, dev.quarterdeck.session.GateVerdict> gates = new HashMap<>();
    private String leaseHolder;
    private Boolean leaseOurs;
    private ReleaseStage stage;

    List<SessionReport.TimelineEntry> entries() {
        return entries;
    }

    void add(SessionEvent event) {
        if (event instanceof SessionEvent.MetricSample || event instanceof SessionEvent.RollbackStepProgress) {
            return;
        }
        if (event instanceof SessionStarted e) {
            line(e, e.operator(), "session", "session started: " + e.plan() + " " + e.planVersion() + " to "
                    + e.environment());
        } else if (event instanceof SessionEvent.SessionResumed e) {
            stage = e.stage();
            line(e, e.operator(), "session", "session resumed after " + count(e.replayed(), "event")
                    + " read back from the journal; the release was " + e.stage().label()
                    + (e.step() >= 0 ? " at step " + (e.step() + 1) : ""));
        } else if (event instanceof PlanLoaded e) {
            line(e, null, "plan", "plan " + e.name() + " " + e.version() + " loaded (" + e.mode().key() + " mode): "
                    + count(e.checklist().size(), "checklist item") + ", " + count(e.steps().size(), "canary step")
                    + ", " + count(e.gates().size(), "gate") + ", " + count(e.rollback().size(), "rollback step"));
        } else if (event instanceof EnvironmentDescribed e) {
            line(e, null, "environment", "environment " + e.environment() + ": " + e.router() + " router, context "
                    + e.context() + ", namespace " + e.namespace() + ", " + versions(e.versions()));
        } else if (event instanceof LastKnownGoodRecorded e) {
            line(e, null, "environment", "last known good of " + e.deployment() + ": " + versions(e.images())
                    + (e.featureFlags().isEmpty() ? "" : "; flags " + versions(e.featureFlags())));
        } else if (event instanceof PreflightChecked e) {
            List<PreflightChecked.Access> missing = e.missing();
            line(e, null, "environment", "permissions checked: " + (e.results().size() - missing.size()) + " of "
                    + e.results().size() + " allowed" + (missing.isEmpty() ? "" : "; missing: " + missing.stream()
                            .map(PreflightChecked.Access::permission).collect(Collectors.joining("; "))));
        } else if (event instanceof LeaseChanged e) {
            lease(e);
        } else if (event instanceof EnvironmentChecked e) {
            line(e, null, "environment", "check " + e.check() + " " + (e.passed() ? "passed" : "FAILED") + ": "
                    + e.detail());
        } else if (event instanceof ProtectedEnvironmentConfirmed e) {
            line(e, e.who(), "environment", "confirmed writes to protected environment " + e.environment());
        } else if (event instanceof EnvironmentUnlocked e) {
            line(e, e.recordedBy(), "environment", e.approver() + " approved changes to the locked environment"
                    + suffix(e.note()));
        } else if (event instanceof InsecureTlsInUse e) {
            line(e, null, "environment", "TLS not verified for " + String.join(", ", e.endpoints()));
        } else if (event instanceof WeightRequested e) {
            line(e, e.who(), "weight", "asked for canary weight " + e.percent() + " %" + suffix(e.reason()));
        } else if (event instanceof WeightApplied e) {
            line(e, null, "weight", e.requestedPercent() == WeightApplied.PLAIN_READ
                    ? e.router() + " reads " + e.percent() + " % canary"
                    : e.router() + " reads back " + e.percent() + " % canary"
                            + (e.requestedPercent() == e.percent() ? ""
                                    : " after " + e.requestedPercent() + " % was set"));
        } else if (event instanceof WeightChangeFailed e) {
            line(e, null, "weight", "weight change " + (e.requestedPercent() < 0 ? "" : "to " + e.requestedPercent()
                    + " % ") + "FAILED on " + e.router() + ": " + e.error());
        } else if (event instanceof RollbackStarted e) {
            line(e, e.who(), "rollback", "rollback started (" + count(e.steps(), "step") + "): " + e.reason());
        } else if (event instanceof RollbackStepStarted e) {
            line(e, null, "rollback", "rollback step " + (e.index() + 1) + " started: " + e.step());
        } else if (event instanceof RollbackStepFinished e) {
            line(e, null, "rollback", "rollback step " + (e.index() + 1) + " " + (e.succeeded() ? "done" : "FAILED")
                    + ": " + e.step() + suffix(e.detail()));
        } else if (event instanceof RollbackFinished e) {
            line(e, null, "rollback", "rollback " + (e.succeeded() ? "finished" : "FAILED") + ", canary weight "
                    + (e.weight() < 0 ? "unknown" : e.weight() + " %") + suffix(e.detail()));
        } else if (event instanceof ApprovalRequested e) {
            line(e, null, "approval", "step " + (e.index() + 1) + " waits for " + e.approver() + "'s approval: "
                    + e.title());
        } else if (event instanceof ApprovalAnswered e) {
            line(e, e.recordedBy(), "approval", e.approver() + (e.approved() ? " approved" : " REFUSED") + " step "
                    + (e.index() + 1) + suffix(e.note()));
        } else if (event instanceof ProbeSample e) {
            probe(e);
        } else if (event instanceof ChecklistItemMarked e) {
            line(e, e.who(), "checklist", (e.done() ? "ticked " : "unticked ") + e.item()
                    + (e.evidence().isBlank() ? "" : " with evidence " + e.evidence()) + suffix(e.note()));
        } else if (event instanceof StageChanged e) {
            if (e.stage() != stage) {
                stage = e.stage();
                line(e, e.who(), "stage", "release " + e.stage().label() + (e.step() >= 0 ? " at step "
                        + (e.step() + 1) : "") + suffix(e.why()));
            }
        } else if (event instanceof StepStarted e) {
            line(e, e.who(), "step", "step " + (e.step() + 1) + " started: " + e.description());
        } else if (event instanceof StepFinished e) {
            line(e, null, "step", "step " + (e.step() + 1) + " " + (e.succeeded() ? "done" : "FAILED") + ": "
                    + e.description() + suffix(e.detail()));
        } else if (event instanceof StepProposed e) {
            line(e, null, "step", "proposes step " + (e.step() + 1) + ": " + e.description() + suffix(e.why()));
        } else if (event instanceof ModeChanged e) {
            line(e, e.who(), "mode", "mode set to " + e.mode().key());
        } else if (event instanceof OverrideRecorded e) {
            line(e, e.who(), "override", "OVERRIDE: " + e.command() + " although " + e.refusal() + "; reason: "
                    + e.reason());
        } else if (event instanceof GateJudged e) {
            gate(e);
        } else if (event instanceof AbortTriggered e) {
            line(e, null, "abort", e.severity() + " abort rule breached: " + e.rule() + ", observed "
                    + observed(e.rule(), e.observed()) + " → " + e.response().key());
        } else if (event instanceof AbortCleared e) {
            line(e, null, "abort", e.severity() + " abort rule holds again: " + e.rule() + ", observed "
                    + observed(e.rule(), e.observed()));
        } else if (event instanceof FollowUpDue e) {
            line(e, null, "follow-up", "follow-up " + (e.index() + 1) + " due: " + e.title());
        } else if (event instanceof FollowUpFinished e) {
            line(e, e.who(), "follow-up", "follow-up " + (e.index() + 1) + (e.passed() ? " closed" : " FAILED")
                    + ": " + e.title() + suffix(e.detail()));
        } else if (event instanceof SandboxFaultsChanged e) {
            line(e, e.who(), "faults", "canary faults set to " + ReportText.faults(e.errorRatio(), e.addedLatency()));
        } else if (event instanceof CommandRefused e) {
            line(e, e.who(), "refused", "refused " + e.command() + ": " + e.reason());
        } else if (event instanceof NoteAdded e) {
            line(e, e.who(), "note", e.text());
        }
    }

    private void lease(LeaseChanged e) {
        if (e.holder().equals(leaseHolder) && Boolean.valueOf(e.ours()).equals(leaseOurs)) {
            return; // a renewal
        }
        leaseHolder = e.holder();
        leaseOurs = e.ours();
        line(e, null, "lease", (e.ours() ? "lease held by this console (" + e.holder() + ")" : "lease held by "
                + e.holder()) + suffix(e.detail()));
    }

    private void probe(ProbeSample e) {
        Outcome before = probes.put(e.probe(), e.outcome());
        if (before != e.outcome()) {
            line(e, null, "probe", "probe " + e.probe() + ": " + e.outcome().name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + suffix(e.observed()));
        }
    }

    private void gate(GateJudged e) {
        dev.quarterdeck.session.GateVerdict before = gates.put(e.gate(), e.verdict());
        if (before != e.verdict()) {
            line(e, null, "gate", "gate " + e.gate() + ": " + ReportText.verdict(e.verdict()) + " — "
                    + ReportText.conditions(e));
        }
    }

    private void line(SessionEvent e, Actor who, String kind, String text) {
        entries.add(new SessionReport.TimelineEntry(e.at(), who == null ? "" : who.name(), kind, text));
    }

    /** A value judged by a rule in words: formatted in the rule's metric when the words name one. */
    static String observed(String rule, double value) {
        for (Metric metric : Metric.values()) {
            if (rule.contains(metric.key())) {
                return metric.format(value);
            }
        }
        return Metric.Unit.trim(value);
    }

    private static String versions(Map<String, String> map) {
        return new java.util.TreeMap<>(map).entrySet().stream().map(v -> v.getKey() + " " + v.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String suffix(String text) {
        return text == null || text.isBlank() ? "" : " — " + text;
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
