package dev.quarterdeck.cli;

import static dev.quarterdeck.testing.EventWaiter.await;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.rollout.Pacing;
import dev.quarterdeck.sandbox.CanaryFaults;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain, live: the built-in sandbox plan started in a session, its canary made to fail through the
 * sandbox's fault knobs, and Quarterdeck — not the captain — rolling it back, with the router reading back 0.
 */
class AutoRollbackTest {
    private static final Actor CAPTAIN = new Actor("dana");

    @TempDir
    Path home;

    @Test
    void aFailingCanaryIsRolledBackByItself() throws Exception {
        ReleasePlan plan = PlanLoader.loadResource(PlanLoader.BUILT_IN_SANDBOX);
        try (LiveSession session = LiveSession.open(plan, plan.environments().get(0), CAPTAIN, Clock.systemUTC(),
                Map.of(), home, Pacing.standard())) {
            SessionLog log = session.log();
            session.engine().markChecklistItem("on-call-notified", true, CAPTAIN, "paged Sam");
            await(log, SessionEvent.StageChanged.class, c -> c.stage() == ReleaseStage.READY);
            session.engine().advance(CAPTAIN);
            await(log, SessionEvent.WeightApplied.class, a -> a.requestedPercent() == 10 && a.percent() == 10);

            session.sandbox().orElseThrow().setCanaryFaults(new CanaryFaults(0.5, Duration.ZERO));

            SessionEvent.AbortTriggered sev1 = await(log, SessionEvent.AbortTriggered.class,
                    a -> a.severity().equals("sev1"));
            assertThat(sev1.response()).isEqualTo(AbortRule.Response.ROLLBACK);
            assertThat(sev1.observed()).isGreaterThan(0.05);
            SessionEvent.RollbackStarted started = await(log, SessionEvent.RollbackStarted.class, r -> true);
            assertThat(started.who()).isEqualTo(Actor.quarterdeck());
            assertThat(started.reason()).startsWith("sev1: canary error-rate");
            SessionEvent.RollbackFinished finished = await(log, SessionEvent.RollbackFinished.class, r -> true);
            assertThat(finished.succeeded()).isTrue();
            assertThat(finished.weight()).isZero();
            await(log, SessionEvent.StageChanged.class, c -> c.stage() == ReleaseStage.ROLLED_BACK);
            assertThat(session.engine().stage()).isEqualTo(ReleaseStage.ROLLED_BACK);
        }
    }
}
