package dev.quarterdeck.cli;

import static dev.quarterdeck.testing.EventWaiter.await;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.rollout.Pacing;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session journaled to disk, left in the middle of a canary, found again and taken up where it stood; a release
 * that ended is marked finished and not offered again.
 */
class ResumeTest {
    private static final Actor DANA = new Actor("dana");
    private static final Actor SAM = new Actor("sam");

    @TempDir
    Path home;

    private LiveSession open(ReleasePlan plan, Optional<ResumableSession> resume) throws Exception {
        return LiveSession.open(plan, plan.environments().get(0), resume.isPresent() ? SAM : DANA, Clock.systemUTC(),
                Map.of(), home, Pacing.standard(), resume.map(ResumableSession::file));
    }

    @Test
    void aSessionLeftMidCanaryIsFoundAndTakenUpWhereItStood() throws Exception {
        ReleasePlan plan = PlanLoader.loadResource(PlanLoader.BUILT_IN_SANDBOX);
        try (LiveSession first = open(plan, Optional.empty())) {
            first.engine().markChecklistItem("on-call-notified", true, DANA, "paged Sam");
            await(first.log(), SessionEvent.StageChanged.class, c -> c.stage() == ReleaseStage.READY);
            first.engine().advance(DANA);
            await(first.log(), SessionEvent.StepFinished.class, f -> f.step() == 0);
            first.engine().addNote(DANA, "10 % looks calm");
            await(first.log(), SessionEvent.NoteAdded.class, n -> true);
        }
        Path sessions = home.resolve(".quarterdeck").resolve("sessions");
        assertThat(Files.list(sessions).filter(f -> f.toString().endsWith(".jsonl"))).hasSize(1);

        ResumableSession left = ResumableSession.find(LiveSession.journals(Map.of(), home), "sandbox-checkout",
                "sandbox").orElseThrow();
        assertThat(left.stage()).isEqualTo(ReleaseStage.CANARY);
        assertThat(left.step()).isZero();
        assertThat(left.weight()).isEqualTo(10);
        assertThat(left.describe(java.time.ZoneOffset.UTC)).startsWith("sandbox-checkout on sandbox, started ")
                .contains(" by dana: canary, step 1, canary at 10 %");

        try (LiveSession second = open(plan, Optional.of(left))) {
            SessionLog log = second.log();
            SessionEvent.SessionResumed resumed = await(log, SessionEvent.SessionResumed.class, r -> true);
            assertThat(resumed.operator()).isEqualTo(SAM);
            assertThat(resumed.stage()).isEqualTo(ReleaseStage.CANARY);
            assertThat(resumed.step()).isZero();
            assertThat(log.events()).filteredOn(SessionEvent.SessionStarted.class::isInstance).hasSize(1);
            assertThat(log.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(SessionEvent.NoteAdded.class,
                    n -> assertThat(n.text()).isEqualTo("10 % looks calm")));
            // The sandbox died with the first console: its router starts again at 0 %. Quarterdeck says so and
            // re-applies nothing (someone may have rolled back by hand while the console was down).
            SessionEvent.EnvironmentChecked weight = await(log, SessionEvent.EnvironmentChecked.class,
                    c -> c.check().equals(dev.quarterdeck.rollout.ReleaseEngine.WEIGHT_AFTER_RESUME));
            assertThat(weight.passed()).isFalse();
            assertThat(weight.detail()).contains("applies 0 %, but the session had 10 % applied when it stopped")
                    .endsWith("Nothing was re-applied: set the weight again, or roll back");
            int resumedAt = log.events().indexOf(resumed);
            assertThat(log.events().subList(resumedAt, log.events().size()))
                    .noneMatch(SessionEvent.WeightRequested.class::isInstance);

            // The release goes on from step 2 (the 30 s pause), then is rolled back: it ended.
            second.engine().advance(SAM);
            SessionEvent.StepStarted next = await(log, SessionEvent.StepStarted.class, s -> s.step() == 1);
            assertThat(next.who()).isEqualTo(SAM);
            second.engine().rollback(SAM, "drill over");
            await(log, SessionEvent.StageChanged.class, c -> c.stage() == ReleaseStage.ROLLED_BACK);
        }
        assertThat(ResumableSession.find(LiveSession.journals(Map.of(), home), "sandbox-checkout", "sandbox"))
                .as("a release that ended is not offered again").isEmpty();
        assertThat(Files.list(sessions).filter(f -> f.toString().endsWith(".jsonl"))).hasSize(1);
    }
}
