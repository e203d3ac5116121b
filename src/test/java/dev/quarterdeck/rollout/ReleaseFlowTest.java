package dev.quarterdeck.rollout;

import static dev.quarterdeck.rollout.FlowHarness.CAPTAIN;
import static dev.quarterdeck.rollout.FlowHarness.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.OverrideRecorded;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.StepFinished;
import dev.quarterdeck.session.SessionEvent.StepProposed;
import dev.quarterdeck.session.SessionEvent.StepStarted;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The release state machine on a virtual clock: stages, commands, refusals, overrides, modes. */
class ReleaseFlowTest {

    static final String PLAN = """
            apiVersion: quarterdeck/v1
            metadata: {name: checkout, version: 2.4.0, owner: payments}
            environments:
              - name: sandbox
                traffic: {sandbox: {}}
            probes:
              - {id: canary-health, http: {service: canary, path: /health}}
            checklist:
              - {id: canary-healthy, title: Canary answers /health, phase: preflight, probe: canary-health}
              - {id: on-call, title: On-call knows, phase: preflight}
              - {id: status-page, title: Status page ready, phase: preflight, required: false}
            canary:
              mode: %s
              steps:
                - setWeight: 10
                - pause: 5m
                - gate: slo
                - setWeight: 50
                - pause: {}
                - setWeight: 100
            gates:
              - name: slo
                conditions:
                  - {metric: error-rate, track: canary, max: 1%%}
            """;

    static FlowHarness harness(Mode mode) throws Exception {
        return new FlowHarness(PLAN.formatted(mode.key()));
    }

    /** A flow whose preflight passed. */
    static FlowHarness ready(Mode mode) throws Exception {
        FlowHarness h = harness(mode);
        h.probe("canary-health", Outcome.PASS);
        h.flow.markChecklistItem("on-call", true, CAPTAIN, "paged Sam", "");
        h.settle();
        assertThat(h.flow.stage()).isEqualTo(ReleaseStage.READY);
        return h;
    }

    @Nested
    class Preflight {
        @Test
        void theCanaryCannotStartUntilRequiredItemsPass() throws Exception {
            FlowHarness h = harness(Mode.MANUAL);

            h.flow.advance(CAPTAIN, Optional.empty());

            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PREFLIGHT);
            assertThat(h.lastRefusal()).contains("preflight is not done")
                    .contains("'Canary answers /health': probe canary-health has not answered yet")
                    .contains("'On-call knows' is not ticked").doesNotContain("Status page")
                    .contains("an override with a reason can go past this");
            assertThat(h.all(StepStarted.class)).isEmpty();
            assertThat(h.all(SessionEvent.WeightRequested.class)).isEmpty();
        }

        @Test
        void passingRequiredItemsMakesTheReleaseReadyAndAFailingProbeTakesItBack() throws Exception {
            FlowHarness h = ready(Mode.MANUAL);
            assertThat(h.last(StageChanged.class).why()).isEqualTo("every required preflight item passed");

            h.probe("canary-health", Outcome.FAIL);

            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PREFLIGHT);
            assertThat(h.last(StageChanged.class).why()).contains("probe canary-health is FAIL");
        }

        @Test
        void anOverrideStartsTheCanaryAndRecordsWhoAndWhy() throws Exception {
            FlowHarness h = harness(Mode.MANUAL);

            h.flow.advance(CAPTAIN, Optional.of("incident fix, on-call is on the bridge"));
            h.settle();

            OverrideRecorded override = h.last(OverrideRecorded.class);
            assertThat(override.who()).isEqualTo(CAPTAIN);
            assertThat(override.command()).isEqualTo("advance");
            assertThat(override.refusal()).contains("preflight is not done");
            assertThat(override.reason()).isEqualTo("incident fix, on-call is on the bridge");
            assertThat(h.events.indexOf(override)).isLessThan(h.events.indexOf(h.last(StepStarted.class)));
            assertThat(h.routerWeight()).isEqualTo(10);
            assertThat(h.last(StageChanged.class).why()).isEqualTo("started by override: incident fix, on-call is on "
                    + "the bridge");
        }

        @Test
        void aStrictPlanBlocksOnWarningsToo() throws Exception {
            FlowHarness h = new FlowHarness(PLAN.formatted("manual").replace("apiVersion: quarterdeck/v1",
                    "apiVersion: quarterdeck/v1\nstrict: true"));
            h.probe("canary-health", Outcome.PASS);
            h.flow.markChecklistItem("on-call", true, CAPTAIN, "", "");

            h.flow.advance(CAPTAIN, Optional.empty());

            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PREFLIGHT);
            assertThat(h.lastRefusal()).contains("'Status page ready' is not ticked");
        }
    }

    @Nested
    class ManualMode {
        @Test
        void theCaptainAdvancesEveryStepAndEachWaitsForItsEnd() throws Exception {
            FlowHarness h = ready(Mode.MANUAL);

            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();
            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.CANARY);
            assertThat(h.last(StepFinished.class).detail()).isEqualTo("read back 10% from test router");
            h.wait(Duration.ofMinutes(10));
            assertThat(h.flow.step()).as("manual: nothing moves by itself").isZero();

            h.flow.advance(CAPTAIN, Optional.empty()); // step 2: pause 5m
            h.flow.advance(CAPTAIN, Optional.empty());
            assertThat(h.lastRefusal()).isEqualTo("step 2 (pause for 5 min) has 5 min to go; an override with a "
                    + "reason can go past this");

            h.wait(Duration.ofMinutes(5));
            assertThat(h.last(StepFinished.class).detail()).isEqualTo("paused for 5 min");
            h.flow.advance(CAPTAIN, Optional.empty()); // step 3: gate
            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.HOLDING);
            h.flow.advance(CAPTAIN, Optional.empty());
            assertThat(h.lastRefusal()).startsWith("gate slo has not passed (not judged yet)");

            h.clock.advance(Duration.ofSeconds(10));
            h.sample(dev.quarterdeck.plan.Metric.ERROR_RATE, 0.002, 0.001).tick();
            assertThat(h.last(StepFinished.class).detail()).isEqualTo("gate slo passed");
            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.CANARY);

            h.flow.advance(CAPTAIN, Optional.empty()); // 50 %
            h.settle();
            h.flow.advance(CAPTAIN, Optional.empty()); // pause until the captain advances
            h.flow.advance(CAPTAIN, Optional.empty()); // ... which this is
            h.flow.advance(CAPTAIN, Optional.empty()); // 100 %
            h.settle();
            assertThat(h.flow.step()).isEqualTo(5);
            assertThat(h.flow.stage()).as("manual: the captain promotes").isEqualTo(ReleaseStage.CANARY);

            h.flow.promote(CAPTAIN, Optional.empty());
            h.settle();
            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PROMOTED);
            assertThat(h.all(StageChanged.class)).extracting(StageChanged::stage).containsSubsequence(
                    ReleaseStage.READY, ReleaseStage.CANARY, ReleaseStage.HOLDING, ReleaseStage.CANARY,
                    ReleaseStage.PROMOTING, ReleaseStage.PROMOTED);
            assertThat(h.all(StageChanged.class)).allSatisfy(c -> assertThat(c.why()).isNotBlank());
        }

        @Test
        void theSliderMovesFreelyUpToTheNextStepAndBeyondOnlyWithAnOverride() throws Exception {
            FlowHarness h = ready(Mode.MANUAL);
            h.flow.requestWeight(5, CAPTAIN, "slider", Optional.empty());
            assertThat(h.lastRefusal()).startsWith("the plan allows 0–0% now (the canary has not started)");

            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();
            h.flow.requestWeight(7, CAPTAIN, "slider", Optional.empty());
            h.settle();
            assertThat(h.routerWeight()).isEqualTo(7);

            h.flow.requestWeight(50, CAPTAIN, "slider", Optional.empty());
            h.settle();
            assertThat(h.routerWeight()).isEqualTo(7);
            assertThat(h.lastRefusal()).startsWith("the plan allows 0–10% now (next step: 10%)");

            h.flow.requestWeight(50, CAPTAIN, "slider", Optional.of("load test needs more traffic"));
            h.settle();
            assertThat(h.routerWeight()).isEqualTo(50);
            assertThat(h.last(OverrideRecorded.class).command()).isEqualTo("set weight 50%");
        }

        @Test
        void invalidCommandsAreRefusedAndNothingIsHalfApplied() throws Exception {
            FlowHarness h = ready(Mode.MANUAL);
            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();
            h.deliver(new SessionEvent.RollbackStarted(h.clock.instant(), CAPTAIN, "bad canary", 1));
            int before = h.events.size();

            h.flow.advance(CAPTAIN, Optional.of("I insist"));
            h.flow.requestWeight(10, CAPTAIN, "slider", Optional.of("I insist"));
            h.flow.promote(CAPTAIN, Optional.of("I insist"));
            h.flow.pause(CAPTAIN);

            List<SessionEvent> after = h.events.subList(before, h.events.size());
            assertThat(after).hasSize(4).allMatch(CommandRefused.class::isInstance);
            assertThat(after).extracting(e -> ((CommandRefused) e).reason()).containsExactly(
                    "a rollback is running", "a rollback is running; wait for it to finish", "a rollback is running",
                    "the release is rolling back");
            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.ROLLING_BACK);
        }

        @Test
        void aWeightOutsideZeroToHundredIsRefusedEvenWithAnOverride() throws Exception {
            FlowHarness h = ready(Mode.MANUAL);
            h.flow.requestWeight(120, CAPTAIN, "typo", Optional.of("sure"));
            assertThat(h.lastRefusal()).isEqualTo("a canary weight is 0 to 100 %");
            assertThat(h.all(OverrideRecorded.class)).isEmpty();
        }

        @Test
        void promotingEarlyNeedsAnOverride() throws Exception {
            FlowHarness h = ready(Mode.MANUAL);
            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();

            h.flow.promote(CAPTAIN, Optional.empty());
            assertThat(h.lastRefusal()).startsWith("5 steps remain, next: pause for 5 min");

            h.flow.promote(CAPTAIN, Optional.of("hotfix, verified in staging"));
            h.settle();
            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PROMOTED);
            assertThat(h.routerWeight()).isEqualTo(100);
        }

        @Test
        void aWriteGuardRefusalStopsTheCanaryFromStarting() throws Exception {
            FlowHarness h = ready(Mode.MANUAL);
            h.writeRefusal = Optional.of("read-only: sam@console-2 holds the lease");

            h.flow.advance(CAPTAIN, Optional.of("override"));

            assertThat(h.lastRefusal()).isEqualTo("read-only: sam@console-2 holds the lease");
            assertThat(h.all(StepStarted.class)).isEmpty();
        }
    }

    @Nested
    class Pausing {
        @Test
        void aTimedPauseDoesNotRunWhileTheReleaseIsPaused() throws Exception {
            FlowHarness h = ready(Mode.AUTOMATIC);
            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();
            assertThat(h.flow.step()).isEqualTo(1); // automatic: on to the 5-minute pause
            h.wait(Duration.ofMinutes(2));

            h.flow.pause(CAPTAIN);
            h.wait(Duration.ofMinutes(30));
            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PAUSED);
            assertThat(h.flow.step()).isEqualTo(1);
            h.flow.advance(CAPTAIN, Optional.of("go"));
            assertThat(h.lastRefusal()).isEqualTo("the release is paused; resume first");

            h.flow.resume(CAPTAIN);
            h.settle();
            h.wait(Duration.ofMinutes(2));
            assertThat(h.flow.step()).as("3 of 5 minutes have run").isEqualTo(1);
            h.wait(Duration.ofMinutes(1));
            assertThat(h.flow.step()).isEqualTo(2);
            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.HOLDING);
        }
    }

    @Nested
    class Modes {
        @Test
        void automaticWalksEveryStepToPromotedWhenGatesPass() throws Exception {
            FlowHarness h = ready(Mode.AUTOMATIC);
            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();

            h.run(Duration.ofMinutes(6), Duration.ofSeconds(10), t -> errors(0.001, 0.001));

            assertThat(h.flow.step()).as("waits at the indefinite pause").isEqualTo(4);
            assertThat(h.routerWeight()).isEqualTo(50);
            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();
            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PROMOTED);
            assertThat(h.last(StageChanged.class).who().name()).isEqualTo("quarterdeck");
        }

        @Test
        void assistedProposesTheStepAfterAGateAndWaitsForTheCaptain() throws Exception {
            FlowHarness h = ready(Mode.ASSISTED);
            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();

            h.run(Duration.ofMinutes(6), Duration.ofSeconds(10), t -> errors(0.001, 0.001));

            StepProposed proposal = h.last(StepProposed.class);
            assertThat(proposal.step()).isEqualTo(3);
            assertThat(proposal.description()).isEqualTo("set canary weight to 50%");
            assertThat(proposal.why()).isEqualTo("gate slo passed");
            assertThat(h.all(StepProposed.class)).hasSize(1);
            assertThat(h.routerWeight()).isEqualTo(10);

            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();
            assertThat(h.routerWeight()).isEqualTo(50);
        }

        @Test
        void switchingToAutomaticGoesOnFromWhereTheCaptainStopped() throws Exception {
            FlowHarness h = ready(Mode.MANUAL);
            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();
            assertThat(h.flow.step()).isZero();

            h.flow.setMode(Mode.AUTOMATIC, CAPTAIN);
            h.settle();

            assertThat(h.last(SessionEvent.ModeChanged.class).mode()).isEqualTo(Mode.AUTOMATIC);
            assertThat(h.flow.step()).isEqualTo(1);
            assertThat(h.last(StepStarted.class).who().name()).isEqualTo("quarterdeck");
        }
    }

    @Nested
    class Replay {
        @Test
        void replayingTheEventsRebuildsWhereTheReleaseStands() throws Exception {
            FlowHarness h = ready(Mode.MANUAL);
            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();
            h.flow.advance(CAPTAIN, Optional.empty());
            h.flow.setMode(Mode.ASSISTED, CAPTAIN);
            h.flow.pause(CAPTAIN);

            FlowHarness fresh = harness(Mode.MANUAL);
            h.events.forEach(fresh.flow::apply);

            assertThat(fresh.flow.stage()).isEqualTo(ReleaseStage.PAUSED);
            assertThat(fresh.flow.step()).isEqualTo(1);
            assertThat(fresh.flow.mode()).isEqualTo(Mode.ASSISTED);
            fresh.flow.resume(CAPTAIN);
            assertThat(fresh.flow.stage()).isEqualTo(ReleaseStage.CANARY);
        }

        @Test
        void aReplayedBurnInGoesOnWhereItWasNotFromTheStart() throws Exception {
            FlowHarness h = new FlowHarness(GatesTest.plan("manual", """
                    holdFor: 30m
                    conditions:
                      - {metric: error-rate, track: canary, max: 1%}
                    """));
            h.tick();
            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();
            h.flow.advance(CAPTAIN, Optional.empty());
            h.run(Duration.ofMinutes(20), Duration.ofSeconds(10), t -> errors(0.001, 0.001));
            assertThat(h.last(SessionEvent.GateJudged.class).heldFor()).isEqualTo(Duration.ofMinutes(20)
                    .minusSeconds(10));

            // The console crashed; a new one replays the journal and goes on.
            FlowHarness resumed = new FlowHarness(GatesTest.plan("manual", """
                    holdFor: 30m
                    conditions:
                      - {metric: error-rate, track: canary, max: 1%}
                    """));
            resumed.clock.set(h.clock.instant());
            h.events.forEach(resumed.flow::apply);
            resumed.run(Duration.ofMinutes(10).plusSeconds(10), Duration.ofSeconds(10), t -> errors(0.001, 0.001));

            SessionEvent.GateJudged passed = resumed.last(SessionEvent.GateJudged.class);
            assertThat(passed.verdict()).isEqualTo(dev.quarterdeck.session.GateVerdict.PASS);
            assertThat(passed.heldFor()).isEqualTo(Duration.ofMinutes(30));
            assertThat(resumed.flow.stage()).isEqualTo(ReleaseStage.CANARY);
        }

        @Test
        void aReplayedPromotionKeepsItsFollowUpsDue() throws Exception {
            FlowHarness h = new FlowHarness(AbortAndSoakTest.PLAN.formatted("rollback"));
            h.tick();
            h.flow.promote(CAPTAIN, Optional.of("hotfix"));
            h.settle();
            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PROMOTED);

            FlowHarness resumed = new FlowHarness(AbortAndSoakTest.PLAN.formatted("rollback"));
            resumed.clock.set(h.clock.instant());
            h.events.forEach(resumed.flow::apply);
            resumed.wait(Duration.ofDays(1));

            assertThat(resumed.last(SessionEvent.FollowUpDue.class).title())
                    .isEqualTo("Observe 24 h of metrics and the error budget");
        }
    }

    @Nested
    class WithoutACanaryRouter {
        @Test
        void theReleaseIsPromotedWhenItsStepsAreDoneWithoutAnyWeight() throws Exception {
            FlowHarness h = new FlowHarness(dev.quarterdeck.plan.PlanLoader.load(
                    java.nio.file.Path.of("src/test/resources/plans/no-canary-router.yaml")), EvidenceCheck.FILES);
            h.tick();
            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();
            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();
            h.flow.advance(CAPTAIN, Optional.empty());
            h.settle();
            assertThat(h.performed).hasSize(3);

            h.flow.promote(CAPTAIN, Optional.empty());

            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PROMOTED);
            assertThat(h.all(SessionEvent.WeightRequested.class)).isEmpty();
            assertThat(h.last(StageChanged.class).why()).contains("no canary router");
        }
    }

    /** A step's action still running when the release leaves the canary: its late result changes nothing. */
    @Nested
    class AnActionOutlivingItsStep {
        private FlowHarness startedApproval() throws Exception {
            FlowHarness h = new FlowHarness(dev.quarterdeck.plan.PlanLoader.load(
                    java.nio.file.Path.of("src/test/resources/plans/no-canary-router.yaml")), EvidenceCheck.FILES);
            h.tick();
            h.flow.advance(CAPTAIN, Optional.empty()); // step 1: an approval nobody has answered yet
            assertThat(h.performed).hasSize(1);
            return h;
        }

        @Test
        void aDeclineAfterTheRollbackDoesNotTurnTheRolledBackReleaseIntoAFailedOne() throws Exception {
            FlowHarness h = startedApproval();
            h.deliver(new SessionEvent.RollbackStarted(h.clock.instant(), CAPTAIN, "API 5xx", 2));
            h.deliver(new SessionEvent.RollbackFinished(h.clock.instant(), true, -1, "2 steps done"));
            int before = h.events.size();
            h.actionsSucceed = false;

            h.settle(); // the approval is answered (declined) only now

            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.ROLLED_BACK);
            assertThat(h.events.subList(before, h.events.size())).isEmpty();
            h.flow.advance(CAPTAIN, Optional.of("the release failed anyway"));
            assertThat(h.lastRefusal()).isEqualTo("the release was rolled back");
        }

        @Test
        void aFailureAfterAnOverriddenPromotionDoesNotTurnThePromotedReleaseIntoAFailedOne() throws Exception {
            FlowHarness h = startedApproval();
            h.flow.promote(CAPTAIN, Optional.of("deployed by hand; the approval is stale"));
            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PROMOTED);
            int before = h.events.size();
            h.actionsSucceed = false;

            h.settle();

            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PROMOTED);
            assertThat(h.events.subList(before, h.events.size())).isEmpty();
        }

        @Test
        void whilePausedTheResultStillEndsTheStep() throws Exception {
            FlowHarness h = startedApproval();
            h.flow.pause(CAPTAIN);

            h.settle();

            assertThat(h.last(StepFinished.class).succeeded()).isTrue();
            assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PAUSED);
        }
    }
}
