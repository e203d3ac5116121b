package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.ChecklistItem;
import dev.quarterdeck.plan.Gate;
import dev.quarterdeck.plan.Phase;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import dev.quarterdeck.session.SessionEvent.GateJudged.ConditionResult;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A release gate judged once, headless, as the runbooks' release-gate scripts do: every automatic checklist item
 * by its probe's answer, every gate on the metric samples gathered (history first, so a burn-in can be judged
 * on what Prometheus already holds). Manual items are listed, not judged. The gate passes only when every
 * required check passes and every gate's verdict is PASS; "no data" is never a pass.
 */
public final class GateEvaluation {
    private GateEvaluation() {}

    /** One checklist item: how it was judged and on what. {@code verdict}: pass, fail, no-data, error, manual. */
    public record Check(String id, String title, String phase, boolean required, String probe, String verdict,
            String observed) {
        boolean blocks(boolean strict) {
            return (required || strict) && !verdict.equals("pass") && !verdict.equals("manual");
        }
    }

    /** One gate: its verdict, the burn-in covered, and every condition with the values it was judged on. */
    public record GateResult(String name, GateVerdict verdict, Duration heldFor, Duration holdFor,
            int consecutiveFailures, int maxFailures, List<ConditionResult> conditions, int judgements) {}

    /** Everything judged. */
    public record Report(List<Check> checks, List<GateResult> gates, boolean strict) {
        public boolean passed() {
            return checks.stream().noneMatch(c -> c.blocks(strict))
                    && gates.stream().allMatch(g -> g.verdict() == GateVerdict.PASS);
        }
    }

    /**
     * Judges the checklist items of {@code phase} (all phases when empty) and the named gates (all when
     * {@code gateNames} is empty) of {@code environment}, on these probe answers and metric samples.
     */
    public static Report evaluate(ReleasePlan plan, String environment, Optional<Phase> phase, List<String> gateNames,
            List<ProbeSample> probes, List<MetricSample> samples) {
        Map<String, ProbeSample> latest = new HashMap<>();
        probes.forEach(p -> latest.merge(p.probe(), p, (a, b) -> b.at().isBefore(a.at()) ? a : b));
        List<Check> checks = new ArrayList<>();
        for (ChecklistItem item : plan.checklistFor(environment)) {
            if (phase.isPresent() && item.phase() != phase.get()) {
                continue;
            }
            if (!item.automatic()) {
                checks.add(new Check(item.id(), item.title(), item.phase().key(), item.required(), "", "manual",
                        "ticked by a person in the console"));
                continue;
            }
            String probe = item.probe().orElseThrow();
            ProbeSample answer = latest.get(probe);
            checks.add(answer == null
                    ? new Check(item.id(), item.title(), item.phase().key(), item.required(), probe, "no-data",
                            "probe " + probe + " did not run in " + environment)
                    : new Check(item.id(), item.title(), item.phase().key(), item.required(), probe,
                            verdict(answer.outcome()), answer.observed()));
        }
        List<GateResult> gates = new ArrayList<>();
        for (Gate gate : plan.gates()) {
            if (gateNames.isEmpty() || gateNames.contains(gate.name())) {
                gates.add(judge(gate, samples));
            }
        }
        return new Report(checks, gates, plan.strict());
    }

    /** Replays the samples in time order through a judge, as the engine would have judged them live. */
    private static GateResult judge(Gate gate, List<MetricSample> samples) {
        TreeMap<Instant, List<MetricSample>> byTime = new TreeMap<>();
        samples.stream().sorted(Comparator.comparing(MetricSample::at))
                .forEach(s -> byTime.computeIfAbsent(s.at(), t -> new ArrayList<>()).add(s));
        Duration keep = gate.window().compareTo(gate.holdFor()) > 0 ? gate.window() : gate.holdFor();
        SampleHistory history = new SampleHistory(keep.plus(GateJudge.STALE_AFTER));
        Instant first = byTime.isEmpty() ? Instant.EPOCH : byTime.firstKey();
        GateJudge judge = new GateJudge(gate, first);
        GateJudged last = null;
        int judgements = 0;
        for (Map.Entry<Instant, List<MetricSample>> moment : byTime.entrySet()) {
            moment.getValue().forEach(history::add);
            Optional<GateJudged> judged = judge.judge(moment.getKey(), history);
            if (judged.isPresent()) {
                last = judged.get();
                judgements++;
            }
        }
        if (last == null) {
            List<ConditionResult> none = gate.conditions().stream()
                    .map(c -> new ConditionResult(c.describe(), Outcome.NO_DATA, Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN, "no samples were gathered"))
                    .toList();
            return new GateResult(gate.name(), GateVerdict.NO_DATA, Duration.ZERO, gate.holdFor(), 0,
                    gate.maxFailures(), none, 0);
        }
        return new GateResult(gate.name(), last.verdict(), last.heldFor(), last.holdFor(), last.consecutiveFailures(),
                last.maxFailures(), last.conditions(), judgements);
    }

    private static String verdict(Outcome outcome) {
        switch (outcome) {
            case PASS:
                return "pass";
            case FAIL:
                return "fail";
            case NO_DATA:
                return "no-data";
            default:
                return "error";
        }
    }
}
