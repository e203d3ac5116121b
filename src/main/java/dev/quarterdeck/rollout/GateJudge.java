package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.Condition;
import dev.quarterdeck.plan.Durations;
import dev.quarterdeck.plan.Gate;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import dev.quarterdeck.session.SessionEvent.GateJudged.ConditionResult;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Judges one gate, again and again, on the samples that arrive after it was opened: each condition against its
 * bound, the burn-in (every condition holding without a break for the gate's {@code holdFor}), and the limit of
 * failing judgements in a row. A judgement is made only when new samples arrived; when none arrive for
 * {@link #STALE_AFTER} the verdict is "no data", which is never a pass and breaks the burn-in.
 */
final class GateJudge {
    /** No new sample for this long and the gate has nothing to judge. */
    static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private final Gate gate;
    private final Instant since;
    private final Set<Metric> metrics = EnumSet.noneOf(Metric.class);

    private Instant judgedData;
    private Instant lastJudgement;
    private Instant heldSince;
    private int consecutiveFailures;
    private GateVerdict verdict;

    /** A gate judged on samples taken at or after {@code since} (when its step began). */
    GateJudge(Gate gate, Instant since) {
        this.gate = gate;
        this.since = since;
        this.lastJudgement = since;
        gate.conditions().forEach(c -> metrics.add(c.metric()));
    }

    Gate gate() {
        return gate;
    }

    /** The last verdict, if judged yet. */
    Optional<GateVerdict> verdict() {
        return Optional.ofNullable(verdict);
    }

    /** A judgement when there is something new to judge (fresh samples, or none for too long); else empty. */
    Optional<GateJudged> judge(Instant now, SampleHistory history) {
        Optional<Instant> newest = history.newest(metrics).filter(t -> !t.isBefore(since));
        boolean fresh = newest.isPresent() && (judgedData == null || newest.get().isAfter(judgedData));
        if (!fresh) {
            Instant lastData = judgedData == null ? since : judgedData;
            boolean stale = Duration.between(lastData, now).compareTo(STALE_AFTER) >= 0
                    && Duration.between(lastJudgement, now).compareTo(STALE_AFTER) >= 0;
            if (!stale) {
                return Optional.empty();
            }
            heldSince = null;
            return Optional.of(record(now, GateVerdict.NO_DATA, gate.conditions().stream()
                    .map(c -> new ConditionResult(c.describe(), Outcome.NO_DATA, Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN, "no sample for " + Durations.human(Duration.between(lastData, now))))
                    .toList()));
        }
        judgedData = newest.get();
        List<ConditionResult> results = new ArrayList<>();
        for (Condition condition : gate.conditions()) {
            results.add(judge(condition, now, history));
        }
        GateVerdict next;
        if (results.stream().anyMatch(r -> r.outcome() == Outcome.FAIL)) {
            consecutiveFailures++;
            heldSince = null;
            next = consecutiveFailures >= gate.maxFailures() ? GateVerdict.FAIL : GateVerdict.FAILING;
        } else if (results.stream().anyMatch(r -> r.outcome() != Outcome.PASS)) {
            heldSince = null;
            next = GateVerdict.NO_DATA;
        } else {
            consecutiveFailures = 0;
            if (heldSince == null) {
                heldSince = now;
            }
            next = heldFor(now).compareTo(gate.holdFor()) >= 0 ? GateVerdict.PASS : GateVerdict.HOLDING;
        }
        return Optional.of(record(now, next, results));
    }

    /** Takes up a judgement made before (replayed from the journal): the verdict, the burn-in, the failures. */
    void restore(GateJudged judged) {
        verdict = judged.verdict();
        lastJudgement = judged.at();
        consecutiveFailures = judged.consecutiveFailures();
        heldSince = judged.heldFor().isZero() && judged.verdict() != GateVerdict.HOLDING
                && judged.verdict() != GateVerdict.PASS ? null : judged.at().minus(judged.heldFor());
        if (judgedData == null) {
            judgedData = judged.at(); // replayed: what came before this judgement was judged
        }
    }

    private GateJudged record(Instant now, GateVerdict next, List<ConditionResult> results) {
        verdict = next;
        lastJudgement = now;
        return new GateJudged(now, gate.name(), next, results, heldFor(now), gate.holdFor(), consecutiveFailures,
                gate.maxFailures());
    }

    private Duration heldFor(Instant now) {
        return heldSince == null ? Duration.ZERO : Duration.between(heldSince, now);
    }

    private ConditionResult judge(Condition condition, Instant now, SampleHistory history) {
        if (condition instanceof Condition.Threshold threshold) {
            return threshold(threshold, history);
        }
        if (condition instanceof Condition.Comparison comparison) {
            return comparison(comparison, history);
        }
        return judgement((Condition.Judgement) condition, now, history);
    }

    private ConditionResult threshold(Condition.Threshold c, SampleHistory history) {
        Optional<MetricSample> sample = history.latest(c.track(), c.metric(), since);
        double value = sample.filter(MetricSample::hasValue).map(MetricSample::value).orElse(Double.NaN);
        double canary = c.track() == Track.CANARY ? value : Double.NaN;
        double stable = c.track() == Track.STABLE ? value : Double.NaN;
        if (Double.isNaN(value)) {
            return new ConditionResult(c.describe(), Outcome.NO_DATA, value, c.threshold(), canary, stable,
                    noData(c.track(), c.metric(), sample));
        }
        boolean holds = c.holdsFor(value);
        return new ConditionResult(c.describe(), holds ? Outcome.PASS : Outcome.FAIL, value, c.threshold(), canary,
                stable, c.track().label() + " " + c.metric().key() + " " + c.metric().format(value)
                        + (holds ? " within " : " beyond ") + c.metric().format(c.threshold()));
    }

    private ConditionResult comparison(Condition.Comparison c, SampleHistory history) {
        Optional<MetricSample> canarySample = history.latest(Track.CANARY, c.metric(), since);
        Optional<MetricSample> stableSample = history.latest(Track.STABLE, c.metric(), since);
        double canary = canarySample.filter(MetricSample::hasValue).map(MetricSample::value).orElse(Double.NaN);
        double stable = stableSample.filter(MetricSample::hasValue).map(MetricSample::value).orElse(Double.NaN);
        if (Double.isNaN(canary) || Double.isNaN(stable)) {
            String why = Double.isNaN(canary) ? noData(Track.CANARY, c.metric(), canarySample)
                    : noData(Track.STABLE, c.metric(), stableSample);
            return new ConditionResult(c.describe(), Outcome.NO_DATA, Double.NaN, c.threshold(), canary, stable, why);
        }
        double observed;
        String shown;
        if (c.kind() == Condition.Comparison.Kind.CANARY_MINUS_STABLE) {
            observed = canary - stable;
            shown = "canary − stable = " + c.metric().format(observed);
        } else {
            // Both at zero are equal; a canary failing where stable never does is infinitely worse.
            observed = stable == 0 ? (canary == 0 ? 1 : Double.POSITIVE_INFINITY) : canary / stable;
            shown = "canary ÷ stable = " + (Double.isInfinite(observed) ? "∞" : trim(observed) + "×");
        }
        boolean holds = c.bound().holds(observed, c.threshold());
        return new ConditionResult(c.describe(), holds ? Outcome.PASS : Outcome.FAIL, observed, c.threshold(), canary,
                stable, shown + " (canary " + c.metric().format(canary) + ", stable " + c.metric().format(stable) + ")");
    }

    private ConditionResult judgement(Condition.Judgement c, Instant now, SampleHistory history) {
        Instant from = now.minus(gate.window());
        if (from.isBefore(since)) {
            from = since;
        }
        double[] canary = history.values(Track.CANARY, c.metric(), from, now);
        double[] stable = history.values(Track.STABLE, c.metric(), from, now);
        double alpha = 1 - c.confidence();
        double canaryMedian = median(canary);
        double stableMedian = median(stable);
        if (canary.length < MannWhitney.MIN_SAMPLES || stable.length < MannWhitney.MIN_SAMPLES) {
            return new ConditionResult(c.describe(), Outcome.NO_DATA, Double.NaN, alpha, canaryMedian, stableMedian,
                    "too few samples to judge: " + canary.length + " canary, " + stable.length + " stable (need "
                            + MannWhitney.MIN_SAMPLES + " each)");
        }
        MannWhitney.Result test = MannWhitney.canaryGreater(canary, stable);
        boolean holds = test.pValue() >= alpha;
        return new ConditionResult(c.describe(), holds ? Outcome.PASS : Outcome.FAIL, test.pValue(), alpha,
                canaryMedian, stableMedian, String.format(Locale.ROOT,
                        "p = %.4f %s %.4f (U = %.1f, z = %.2f, n = %d canary / %d stable; medians %s / %s)",
                        test.pValue(), holds ? "≥" : "<", alpha, test.u(), test.z(), test.canaryCount(),
                        test.stableCount(), c.metric().format(canaryMedian), c.metric().format(stableMedian)));
    }

    private static String noData(Track track, Metric metric, Optional<MetricSample> sample) {
        return sample.map(s -> track.label() + " " + metric.key() + ": " + (s.detail().isBlank() ? s.outcome().name()
                .toLowerCase(Locale.ROOT).replace('_', ' ') : s.detail()))
                .orElse("no " + track.label() + " " + metric.key() + " sample yet");
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String trim(double value) {
        return Metric.Unit.trim(value);
    }
}
