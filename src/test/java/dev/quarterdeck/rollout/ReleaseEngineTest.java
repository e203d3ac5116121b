package dev.quarterdeck.rollout;

import dev.quarterdeck.testing.EventWaiter;

import static dev.quarterdeck.testing.EventWaiter.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.PlanException;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.WeightApplied;
import dev.quarterdeck.session.SessionEvent.WeightRequested;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.traffic.ActionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReleaseEngineTest {
    private static final Actor ANA = new Actor("ana");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private final SessionLog log = SessionLog.inMemory();
    private final List<Duration> waits = new ArrayList<>();
    private final Backoff noWaiting = new Backoff(4, Duration.ofMillis(250), Duration.ofSeconds(2), waits::add);
    private ReleaseEngine engine;

    private ReleaseEngine engine(ScriptedRouter router) throws PlanException {
        ReleasePlan plan = PlanLoader.loadResource(PlanLoader.BUILT_IN_SANDBOX);
        Environment env = plan.environments().get(0);
        engine = new ReleaseEngine(plan, env, router, log, CLOCK, noWaiting);
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void startRecordsTheSessionAndTheWeightTheRouterAppliesNow() throws Exception {
        engine(new ScriptedRouter(7)).start(ANA);

        WeightApplied applied = await(log, WeightApplied.class);
        assertThat(applied.percent()).isEqualTo(7);
        assertThat(log.events().get(0)).isInstanceOfSatisfying(SessionEvent.SessionStarted.class, s -> {
            assertThat(s.plan()).isEqualTo("sandbox-checkout");
            assertThat(s.environment()).isEqualTo("sandbox");
            assertThat(s.operator()).isEqualTo(ANA);
        });
    }

    @Test
    void aRequestIsRecordedThenAppliedOnlyOnceReadBack() throws Exception {
        ScriptedRouter router = new ScriptedRouter(0);
        engine(router).overrideWeight(20, ANA, "step 1");

        await(log, WeightApplied.class, a -> a.percent() == 20);
        assertThat(log.events()).first().isInstanceOf(SessionEvent.OverrideRecorded.class);
        assertThat(log.events().get(1)).isEqualTo(new WeightRequested(CLOCK.instant(), ANA, 20, "step 1"));
        assertThat(router.writes()).containsExactly(20);
    }

    @Test
    void requestsMadeWhileAChangeIsInFlightCoalesceToTheLatest() throws Exception {
        ScriptedRouter router = new ScriptedRouter(0);
        router.holdWriteOf(10);
        ReleaseEngine e = engine(router);
        e.overrideWeight(10, ANA, "drag");
        router.awaitHeldWrite();
        for (int percent = 11; percent <= 40; percent++) {
            e.overrideWeight(percent, ANA, "drag");
        }
        await(log, WeightRequested.class, r -> r.percent() == 40);
        router.releaseHeldWrite();

        await(log, WeightApplied.class, a -> a.percent() == 40);
        assertThat(router.writes()).containsExactly(10, 40);
    }

    @Test
    void rollbackDoesNotWaitForAHungWeightChangeAndUndoesItWhenItLands() throws Exception {
        ScriptedRouter router = new ScriptedRouter(0);
        router.holdWriteOf(50);
        ReleaseEngine e = engine(router);
        e.overrideWeight(50, ANA, "step 3");
        router.awaitHeldWrite();

        e.rollback(ANA, "error rate");
        RollbackFinished finished = await(log, RollbackFinished.class);
        assertThat(finished.succeeded()).isTrue();
        assertThat(finished.weight()).isZero();
        assertThat(router.writes()).as("rolled back while the 50% write is still hung").containsExactly(0);

        router.releaseHeldWrite();
        await(log, WeightApplied.class, a -> a.percent() == 50);
        await(log, WeightApplied.class, a -> a.percent() == 0 && router.writes().size() == 3);
        assertThat(router.writes()).containsExactly(0, 50, 0);
        assertThat(router.weight()).isZero();
    }

    @Test
    void rollbackRetriesTransientFailuresWithBackoff() throws Exception {
        ScriptedRouter router = new ScriptedRouter(30);
        router.failNext(new ActionException("PUT http://router/weight: HTTP 503", true));
        router.failNext(new ActionException("PUT http://router/weight: timed out", true));
        engine(router).rollback(ANA, "drill");

        RollbackFinished finished = await(log, RollbackFinished.class);
        assertThat(finished.succeeded()).isTrue();
        assertThat(router.weight()).isZero();
        assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void rollbackStopsOnAPermanentFailureAndSaysWhy() throws Exception {
        ScriptedRouter router = new ScriptedRouter(30);
        router.failNext(new ActionException("PUT http://router/weight: HTTP 403 Forbidden", false));
        engine(router).rollback(ANA, "drill");

        RollbackFinished finished = await(log, RollbackFinished.class);
        assertThat(finished.succeeded()).isFalse();
        assertThat(finished.detail()).isEqualTo("stopped at step 1 of 1: PUT http://router/weight: HTTP 403 Forbidden");
        assertThat(waits).isEmpty();
        assertThat(router.weight()).isEqualTo(30);
    }

    @Test
    void rollbackGivesUpAfterItsAttemptsAndCountsThem() throws Exception {
        ScriptedRouter router = new ScriptedRouter(30);
        for (int i = 0; i < 4; i++) {
            router.failNext(new ActionException("connection refused", true));
        }
        engine(router).rollback(ANA, "drill");

        RollbackFinished finished = await(log, RollbackFinished.class);
        assertThat(finished.succeeded()).isFalse();
        assertThat(finished.detail()).endsWith("connection refused (after 4 attempts)");
    }

    @Test
    void invalidCommandsAreRefusedWithAReasonAndNothingIsApplied() throws Exception {
        ScriptedRouter router = new ScriptedRouter(0);
        ReleaseEngine e = engine(router);
        e.overrideWeight(120, ANA, "typo");
        e.markChecklistItem("stable-healthy", true, ANA, "");
        e.markChecklistItem("no-such-item", true, ANA, "");
        e.markChecklistItem("on-call-notified", true, ANA, "paged Bo");
        await(log, SessionEvent.ChecklistItemMarked.class);

        assertThat(log.events()).filteredOn(CommandRefused.class::isInstance)
                .extracting(ev -> ((CommandRefused) ev).reason())
                .containsExactly(
                        "a canary weight is 0 to 100 %",
                        "'Stable answers /health' is automatic: it passes when probe 'stable-health' passes",
                        "the plan has no checklist item 'no-such-item' for sandbox");
        assertThat(router.writes()).isEmpty();
    }

    @Test
    void aWeightRequestDuringRollbackIsRefused() throws Exception {
        ScriptedRouter router = new ScriptedRouter(40);
        router.holdWriteOf(0);
        ReleaseEngine e = engine(router);
        e.rollback(ANA, "drill");
        router.awaitHeldWrite();
        e.overrideWeight(60, ANA, "too soon");
        CommandRefused refused = await(log, CommandRefused.class);
        router.releaseHeldWrite();

        assertThat(refused.reason()).isEqualTo("a rollback is running; wait for it to finish");
        await(log, RollbackFinished.class);
        assertThat(router.writes()).containsExactly(0);
    }

    @Test
    void aSessionAlreadyInTheLogIsResumedWhereItStoodNotStartedAgain() throws Exception {
        ScriptedRouter router = new ScriptedRouter(0);
        ReleaseEngine first = engine(router);
        first.start(ANA);
        first.overrideAdvance(ANA, "drill: probes are not running in this test");
        await(log, WeightApplied.class, a -> a.requestedPercent() == 10);
        first.close();

        // A new console on the same session (a journal reopened after a crash).
        ReleaseEngine second = engine(router);
        assertThat(second.resuming()).isTrue();
        second.start(new Actor("bo"));

        SessionEvent.SessionResumed resumed = await(log, SessionEvent.SessionResumed.class);
        assertThat(resumed.operator().name()).isEqualTo("bo");
        assertThat(resumed.stage()).isEqualTo(dev.quarterdeck.session.ReleaseStage.CANARY);
        assertThat(resumed.step()).isZero();
        assertThat(resumed.replayed()).isGreaterThan(3);
        assertThat(second.stage()).isEqualTo(dev.quarterdeck.session.ReleaseStage.CANARY);
        assertThat(log.events()).filteredOn(SessionEvent.SessionStarted.class::isInstance).hasSize(1);
        assertThat(router.writes()).as("nothing replayed is applied again").containsExactly(10);
    }
}
