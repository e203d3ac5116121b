package dev.quarterdeck.rollout;

import static dev.quarterdeck.rollout.FlowHarness.CAPTAIN;
import static dev.quarterdeck.rollout.FlowHarness.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import dev.quarterdeck.session.SessionEvent.GateJudged.ConditionResult;
import dev.quarterdeck.session.SessionEvent.StepFinished;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Gates judged on a virtual clock: burn-in, failures in a row, comparisons, "no data", Mann-Whitney. */
class GatesTest {

    static String plan(String mode, String gate) {
        return """
                apiVersion: quarterdeck/v1
                metadata: {name: checkout, version: 2.4.0, owner: payments}
                environments:
                  - name: sandbox
                    traffic: {sandbox: {}}
                canary:
                  mode: %s
                  steps:
                    - setWeight: 10
                    - gate: burn-in
                    - setWeight: 100
                gates:
                  - name: burn-in
                %s
                """.formatted(mode, gate.indent(4));
    }

    static FlowHarness atGate(String mode, String gate) throws Exception {
        FlowHarness h = new FlowHarness(plan(mode, gate));
        h.tick(); // no checklist: ready at once
        h.flow.advance(CAPTAIN, Optional.empty());
        h.settle();
        if (!mode.equals("automatic")) {
            h.flow.advance(CAPTAIN, Optional.empty());
        }
        assertThat(h.flow.stage()).isEqualTo(ReleaseStage.HOLDING);
        return h;
    }

    @Test
    void aThirtyMinuteBurnInPassesOnlyAfterThirtyMinutesWithoutABreak() throws Exception {
        FlowHarness h = atGate("manual", """
                holdFor: 30m
                conditions:
                  - {metric: error-rate, track: canary, max: 1%}
                """);
        Instant start = h.clock.instant();

        // Good for 20 minutes, one bad sample, then good again.
        h.run(Duration.ofMinutes(20), Duration.ofSeconds(10), t -> errors(0.004, 0.003));
        h.run(Duration.ofSeconds(10), Duration.ofSeconds(10), t -> errors(0.02, 0.003));
        GateJudged broken = h.last(GateJudged.class);
        assertThat(broken.verdict()).isEqualTo(GateVerdict.FAILING);
        assertThat(broken.heldFor()).isZero();
        assertThat(broken.conditions().get(0).detail()).isEqualTo("canary error-rate 2% beyond 1%");

        h.run(Duration.ofMinutes(29).plusSeconds(50), Duration.ofSeconds(10), t -> errors(0.004, 0.003));
        GateJudged holding = h.last(GateJudged.class);
        assertThat(holding.verdict()).isEqualTo(GateVerdict.HOLDING);
        // Held since the first good judgement after the bad one.
        assertThat(holding.heldFor()).isEqualTo(Duration.ofMinutes(29).plusSeconds(40));
        assertThat(holding.holdFor()).isEqualTo(Duration.ofMinutes(30));

        h.run(Duration.ofSeconds(10), Duration.ofSeconds(10), t -> errors(0.004, 0.003));
        assertThat(h.last(GateJudged.class).verdict()).isEqualTo(GateVerdict.HOLDING);
        h.run(Duration.ofSeconds(10), Duration.ofSeconds(10), t -> errors(0.004, 0.003));
        GateJudged passed = h.last(GateJudged.class);
        assertThat(passed.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(passed.heldFor()).isEqualTo(Duration.ofMinutes(30));
        assertThat(Duration.between(start, passed.at())).isEqualTo(Duration.ofMinutes(50).plusSeconds(20));
        ConditionResult result = passed.conditions().get(0);
        assertThat(result.condition()).isEqualTo("canary error-rate ≤ 1%");
        assertThat(result.outcome()).isEqualTo(Outcome.PASS);
        assertThat(result.observed()).isEqualTo(0.004);
        assertThat(result.threshold()).isEqualTo(0.01);
        assertThat(h.last(StepFinished.class).detail()).isEqualTo("gate burn-in passed");
    }

    @Test
    void consecutiveFailuresUpToTheLimitFailTheGateAndAutomaticModeRollsBack() throws Exception {
        FlowHarness h = atGate("automatic", """
                maxFailures: 3
                holdFor: 10m
                conditions:
                  - {metric: error-rate, track: canary, max: 1%}
                """);

        h.run(Duration.ofSeconds(20), Duration.ofSeconds(10), t -> errors(0.05, 0.001));
        h.run(Duration.ofSeconds(10), Duration.ofSeconds(10), t -> errors(0.001, 0.001));
        assertThat(h.last(GateJudged.class).consecutiveFailures()).as("a good judgement resets the count").isZero();
        h.run(Duration.ofSeconds(20), Duration.ofSeconds(10), t -> errors(0.05, 0.001));
        assertThat(h.last(GateJudged.class).verdict()).isEqualTo(GateVerdict.FAILING);
        assertThat(h.rollbacks).isEmpty();

        h.run(Duration.ofSeconds(10), Duration.ofSeconds(10), t -> errors(0.05, 0.001));

        GateJudged failed = h.all(GateJudged.class).stream().filter(j -> j.verdict() == GateVerdict.FAIL)
                .findFirst().orElseThrow();
        assertThat(failed.consecutiveFailures()).isEqualTo(3);
        assertThat(failed.maxFailures()).isEqualTo(3);
        assertThat(h.last(StepFinished.class).succeeded()).isFalse();
        assertThat(h.rollbacks).containsExactly("automatic mode: gate burn-in failed");
        assertThat(h.flow.stage()).isEqualTo(ReleaseStage.ROLLED_BACK);
    }

    @Test
    void inManualModeAFailedGateStopsTheReleaseAndLeavesTheDecisionToTheCaptain() throws Exception {
        FlowHarness h = atGate("manual", """
                maxFailures: 1
                conditions:
                  - {metric: error-rate, track: canary, max: 1%}
                """);

        h.run(Duration.ofSeconds(10), Duration.ofSeconds(10), t -> errors(0.05, 0.001));

        assertThat(h.flow.stage()).isEqualTo(ReleaseStage.FAILED);
        assertThat(h.rollbacks).isEmpty();
        h.flow.advance(CAPTAIN, Optional.empty());
        assertThat(h.lastRefusal()).startsWith("step 2 failed; roll back, or override to go on");
    }

    @Test
    void noDataIsInconclusiveNeverAPass() throws Exception {
        FlowHarness h = atGate("manual", """
                conditions:
                  - {metric: error-rate, track: canary, max: 1%}
                """);

        h.run(Duration.ofMinutes(5), Duration.ofSeconds(10), t -> errors(Double.NaN, 0.001));

        assertThat(h.all(GateJudged.class)).isNotEmpty().allSatisfy(j -> {
            assertThat(j.verdict()).isEqualTo(GateVerdict.NO_DATA);
            assertThat(j.conditions().get(0).outcome()).isEqualTo(Outcome.NO_DATA);
        });
        assertThat(h.flow.stage()).isEqualTo(ReleaseStage.HOLDING);
    }

    @Test
    void silenceForThirtySecondsIsJudgedAsNoData() throws Exception {
        FlowHarness h = atGate("manual", """
                holdFor: 10m
                conditions:
                  - {metric: error-rate, track: canary, max: 1%}
                """);
        h.run(Duration.ofMinutes(2), Duration.ofSeconds(10), t -> errors(0.001, 0.001));
        assertThat(h.last(GateJudged.class).verdict()).isEqualTo(GateVerdict.HOLDING);

        h.run(Duration.ofSeconds(40), Duration.ofSeconds(10), t -> Map.of()); // Prometheus went quiet

        GateJudged silent = h.last(GateJudged.class);
        assertThat(silent.verdict()).isEqualTo(GateVerdict.NO_DATA);
        assertThat(silent.heldFor()).as("the burn-in starts over").isZero();
        assertThat(silent.conditions().get(0).detail()).isEqualTo("no sample for 30 s");
    }

    @Test
    void comparisonsJudgeTheDifferenceAndTheRatioAndShowBothTracks() throws Exception {
        FlowHarness h = atGate("manual", """
                maxFailures: 1
                conditions:
                  - {metric: p95-latency, compare: canary-minus-stable, max: 100ms}
                  - {metric: error-rate, compare: canary-over-stable, max: 2}
                """);

        h.clock.advance(Duration.ofSeconds(10));
        h.sample(Metric.P95_LATENCY, 0.320, 0.250).sample(Metric.ERROR_RATE, 0.004, 0.001).tick();

        GateJudged judged = h.last(GateJudged.class);
        ConditionResult delta = judged.conditions().get(0);
        assertThat(delta.outcome()).isEqualTo(Outcome.PASS);
        assertThat(delta.observed()).isCloseTo(0.070, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(delta.canary()).isEqualTo(0.320);
        assertThat(delta.stable()).isEqualTo(0.250);
        assertThat(delta.detail()).isEqualTo("canary − stable = 70 ms (canary 320 ms, stable 250 ms)");
        ConditionResult ratio = judged.conditions().get(1);
        assertThat(ratio.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(ratio.observed()).isEqualTo(4.0);
        assertThat(ratio.detail()).isEqualTo("canary ÷ stable = 4× (canary 0.4%, stable 0.1%)");
        assertThat(judged.verdict()).isEqualTo(GateVerdict.FAIL);
    }

    @Test
    void mannWhitneyFailsACanarySlowerThanStableAndPassesOneThatIsNot() throws Exception {
        String gate = """
                maxFailures: 1
                window: 2m
                conditions:
                  - {metric: p95-latency, judge: mann-whitney, confidence: 95%}
                """;
        FlowHarness same = atGate("manual", gate);
        java.util.Random noise = new java.util.Random(7);
        same.run(Duration.ofMinutes(2), Duration.ofSeconds(5), t -> Map.of(Metric.P95_LATENCY,
                new double[] {0.2 + noise.nextGaussian() * 0.01, 0.2 + noise.nextGaussian() * 0.01}));
        ConditionResult fine = same.last(GateJudged.class).conditions().get(0);
        assertThat(fine.outcome()).isEqualTo(Outcome.PASS);
        assertThat(fine.observed()).as("p-value").isGreaterThan(0.05);
        assertThat(fine.threshold()).isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-12));

        FlowHarness slow = atGate("manual", gate);
        slow.run(Duration.ofMinutes(1), Duration.ofSeconds(5), t -> Map.of(Metric.P95_LATENCY,
                new double[] {0.23 + noise.nextGaussian() * 0.01, 0.2 + noise.nextGaussian() * 0.01}));
        GateJudged judged = slow.last(GateJudged.class);
        ConditionResult worse = judged.conditions().get(0);
        assertThat(worse.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(worse.observed()).isLessThan(0.05);
        assertThat(worse.detail()).startsWith("p = ").contains("n = ").contains("medians");
        assertThat(judged.verdict()).isEqualTo(GateVerdict.FAIL);
    }

    @Test
    void mannWhitneyWithTooFewSamplesIsNoData() throws Exception {
        FlowHarness h = atGate("manual", """
                conditions:
                  - {metric: p95-latency, judge: mann-whitney, confidence: 95%}
                """);
        h.run(Duration.ofSeconds(20), Duration.ofSeconds(5), t -> Map.of(Metric.P95_LATENCY, new double[] {0.2, 0.2}));

        ConditionResult result = h.last(GateJudged.class).conditions().get(0);
        assertThat(result.outcome()).isEqualTo(Outcome.NO_DATA);
        assertThat(result.detail()).isEqualTo("too few samples to judge: 4 canary, 4 stable (need 5 each)");
        assertThat(h.last(GateJudged.class).verdict()).isEqualTo(GateVerdict.NO_DATA);
    }

    @Test
    void samplesFromBeforeTheGateOpenedDoNotCount() throws Exception {
        FlowHarness h = new FlowHarness(plan("manual", """
                conditions:
                  - {metric: error-rate, track: canary, max: 1%}
                """));
        h.tick();
        h.flow.advance(CAPTAIN, Optional.empty());
        h.settle();
        h.run(Duration.ofSeconds(30), Duration.ofSeconds(10), t -> errors(0.001, 0.001));
        h.clock.advance(Duration.ofSeconds(1));

        h.flow.advance(CAPTAIN, Optional.empty()); // the gate opens now

        assertThat(h.all(GateJudged.class)).isEmpty();
        assertThat(h.flow.stage()).isEqualTo(ReleaseStage.HOLDING);
    }

    @Test
    void inAssistedModeAPausedReleaseDoesNotGoOnWhenItsGatePasses() throws Exception {
        FlowHarness h = atGate(Mode.ASSISTED.key(), """
                conditions:
                  - {metric: error-rate, track: canary, max: 1%}
                """);
        h.flow.pause(CAPTAIN);
        h.run(Duration.ofSeconds(30), Duration.ofSeconds(10), t -> errors(0.001, 0.001));
        assertThat(h.last(GateJudged.class).verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PAUSED);

        h.flow.resume(CAPTAIN);
        h.settle();

        assertThat(h.last(StepFinished.class).detail()).isEqualTo("gate burn-in passed");
    }
}
