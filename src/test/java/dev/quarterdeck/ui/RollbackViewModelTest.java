package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent.ApprovalAnswered;
import dev.quarterdeck.session.SessionEvent.ApprovalRequested;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.RollbackStepFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStepProgress;
import dev.quarterdeck.session.SessionEvent.RollbackStepStarted;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.ui.RollbackViewModel.Phase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RollbackViewModelTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Actor COMMANDER = new Actor("ic.morgan");

    private final RecordingCommands commands = new RecordingCommands();
    private final SessionLog log = SessionLog.inMemory();
    private RollbackViewModel rollback;

    @BeforeEach
    void open() {
        FxBridge bridge = new FxBridge(Runnable::run);
        rollback = new RollbackViewModel(TestPlans.staging(), commands, COMMANDER, bridge);
        bridge.connect(log);
    }

    @Test
    void one_click_asks_the_engine_to_roll_back_in_the_operators_name() {
        rollback.rollback();

        assertThat(commands.calls())
                .containsExactly(new RecordingCommands.Call("rollback", List.of(COMMANDER, "rollback button")));
        assertThat(rollback.phaseProperty().get()).isEqualTo(Phase.REQUESTED);
    }

    @Test
    void progress_follows_the_steps_and_the_outcome_follows_the_finish() {
        rollback.rollback();
        log.append(new RollbackStarted(T0, COMMANDER, "rollback button", 3));
        assertThat(rollback.phaseProperty().get()).isEqualTo(Phase.RUNNING);
        assertThat(rollback.progressTextProperty().get()).isEqualTo("rolling back · 3 steps · by ic.morgan");
        assertThat(rollback.progressProperty().get()).isZero();

        log.append(new RollbackStepFinished(T0.plusMillis(100), 0, "set canary weight to 0%", true, ""));
        log.append(new RollbackStepFinished(T0.plusMillis(200), 1, "rollout undo checkout", true, ""));
        assertThat(rollback.progressTextProperty().get())
                .isEqualTo("step 2 of 3 done: rollout undo checkout");
        assertThat(rollback.progressProperty().get()).isEqualTo(2.0 / 3);

        log.append(new RollbackStepFinished(T0.plusMillis(300), 2, "wait for rollout", true, ""));
        log.append(new RollbackFinished(T0.plusMillis(400), true, 0, ""));
        assertThat(rollback.phaseProperty().get()).isEqualTo(Phase.SUCCEEDED);
        assertThat(rollback.progressTextProperty().get()).isEqualTo("rolled back · canary 0 %");
        assertThat(rollback.progressProperty().get()).isEqualTo(1.0);
    }

    @Test
    void a_failed_rollback_says_so_loudly_with_what_is_known_of_the_weight() {
        log.append(new RollbackStarted(T0, COMMANDER, "rollback button", 1));
        log.append(new RollbackStepFinished(T0.plusMillis(100), 0, "set canary weight to 0%", false, "403"));
        log.append(new RollbackFinished(T0.plusMillis(200), false, -1, "router refused"));

        assertThat(rollback.phaseProperty().get()).isEqualTo(Phase.FAILED);
        assertThat(rollback.progressTextProperty().get())
                .isEqualTo("ROLLBACK FAILED (a step failed) · canary weight unknown · router refused");
    }

    @Test
    void without_a_canary_router_a_finished_rollback_does_not_speak_of_an_unknown_weight() {
        Environment production = TestPlans.production();
        Environment railway = new Environment("production", false, new TrafficSpec.None(), production.metrics(),
                production.services());
        FxBridge bridge = new FxBridge(Runnable::run);
        RollbackViewModel noRouter = new RollbackViewModel(railway, commands, COMMANDER, bridge);
        bridge.connect(log);
        log.append(new RollbackStarted(T0, COMMANDER, "rollback button", 2));
        log.append(new RollbackFinished(T0.plusMillis(200), true, -1, "2 steps done"));

        assertThat(noRouter.progressTextProperty().get()).isEqualTo("rolled back · no canary router · 2 steps done");
        noRouter.close();
    }

    @Test
    void a_rollback_started_elsewhere_shows_too() {
        log.append(new RollbackStarted(T0, new Actor("quarterdeck"), "gate canary-healthy failed", 2));

        assertThat(rollback.phaseProperty().get()).isEqualTo(Phase.RUNNING);
        assertThat(commands.calls()).isEmpty();
    }

    @Test
    void the_running_step_shows_with_what_it_reports() {
        log.append(new RollbackStarted(T0, COMMANDER, "rollback button", 6));
        log.append(new RollbackStepStarted(T0.plusMillis(10), 2, "wait for the rollout of checkout"));
        assertThat(rollback.progressTextProperty().get()).isEqualTo("step 3 of 6: wait for the rollout of checkout");

        log.append(new RollbackStepProgress(T0.plusSeconds(5), 2, "1 of 3 updated replicas are available"));
        log.append(new RollbackStepProgress(T0.plusSeconds(9), 2, "2 of 3 updated replicas are available"));

        assertThat(rollback.progressTextProperty().get()).isEqualTo(
                "step 3 of 6: wait for the rollout of checkout — 2 of 3 updated replicas are available");
    }

    @Test
    void an_approval_sends_exactly_the_answer_given_once_and_goes_when_recorded() {
        log.append(new RollbackStarted(T0, COMMANDER, "rollback button", 6));
        log.append(new ApprovalRequested(T0.plusSeconds(1), 3, "db-owner",
                "Restore the database from last night's snapshot"));

        assertThat(rollback.approvalWaitingProperty().get()).isTrue();
        assertThat(rollback.approvalTextProperty().get())
                .isEqualTo("Step 4 waits for db-owner: Restore the database from last night's snapshot");
        assertThat(rollback.progressTextProperty().get())
                .isEqualTo("step 4 of 6 waits for db-owner");
        assertThat(rollback.approverProperty().get()).isEqualTo("db-owner");

        rollback.approvalNoteProperty().set(" approved on the bridge call ");
        rollback.approve();
        rollback.approve();
        rollback.decline();

        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("answerApproval",
                List.of(3, new Actor("db-owner"), COMMANDER, true, "approved on the bridge call")));
        assertThat(rollback.canAnswerProperty().get()).isFalse();
        assertThat(rollback.approvalWaitingProperty().get()).isTrue();

        log.append(new ApprovalAnswered(T0.plusSeconds(2), 3, new Actor("db-owner"), COMMANDER, true,
                "approved on the bridge call"));
        assertThat(rollback.approvalWaitingProperty().get()).isFalse();
        assertThat(rollback.progressTextProperty().get()).isEqualTo("step 4 of 6: approved by db-owner");
    }

    @Test
    void a_refused_answer_says_why_and_can_be_given_again() {
        log.append(new RollbackStarted(T0, COMMANDER, "rollback button", 6));
        log.append(new ApprovalRequested(T0.plusSeconds(1), 3, "db-owner", "Restore the database"));
        rollback.approverProperty().set("ic.morgan");
        rollback.decline();

        log.append(new CommandRefused(T0.plusSeconds(2), COMMANDER, "decline step 4",
                "step 4 waits for db-owner, not ic.morgan"));

        assertThat(rollback.approvalWaitingProperty().get()).isTrue();
        assertThat(rollback.approvalDetailProperty().get()).isEqualTo("refused: step 4 waits for db-owner, not ic.morgan");
        assertThat(rollback.canAnswerProperty().get()).isTrue();
        rollback.approverProperty().set("db-owner");
        rollback.decline();
        assertThat(commands.calls("answerApproval")).extracting(call -> call.args().get(1))
                .containsExactly(new Actor("ic.morgan"), new Actor("db-owner"));
    }

    @Test
    void on_a_read_only_console_the_button_asks_then_takes_over_and_rolls_back_once_the_lease_is_ours() {
        log.append(BannersViewModelTest.heldBy("sam@console-2", T0, "2026-03-02T09:59:58Z"));

        rollback.rollback();
        assertThat(commands.calls()).isEmpty();
        assertThat(rollback.takeOverAskedProperty().get()).isTrue();
        assertThat(rollback.takeOverQuestionProperty().get())
                .isEqualTo("staging is driven by sam@console-2. Take over and roll back?");

        rollback.takeOverAndRollBack();
        assertThat(commands.calls()).containsExactly(
                new RecordingCommands.Call("takeOverLease", List.of(COMMANDER, "take over to roll back")));
        assertThat(rollback.takeOverAskedProperty().get()).isFalse();
        assertThat(rollback.phaseProperty().get()).isEqualTo(Phase.REQUESTED);

        // Another console's renewal is not ours: still no rollback.
        log.append(BannersViewModelTest.heldBy("sam@console-2", T0.plusSeconds(1), "2026-03-02T10:00:01Z"));
        rollback.rollback();
        assertThat(commands.calls("rollback")).isEmpty();

        log.append(BannersViewModelTest.ours(T0.plusSeconds(2)));
        assertThat(commands.calls()).containsExactly(
                new RecordingCommands.Call("takeOverLease", List.of(COMMANDER, "take over to roll back")),
                new RecordingCommands.Call("rollback", List.of(COMMANDER, "rollback button")));

        // A later renewal of our own lease does not roll back again.
        log.append(BannersViewModelTest.ours(T0.plusSeconds(12)));
        assertThat(commands.calls("rollback")).hasSize(1);
    }

    @Test
    void keeping_watching_sends_nothing() {
        log.append(BannersViewModelTest.heldBy("sam@console-2", T0, "2026-03-02T09:59:58Z"));

        rollback.rollback();
        rollback.keepWatching();

        assertThat(rollback.takeOverAskedProperty().get()).isFalse();
        assertThat(commands.calls()).isEmpty();
        assertThat(rollback.phaseProperty().get()).isEqualTo(Phase.IDLE);
    }

    @Test
    void a_take_over_that_is_refused_rolls_nothing_back_and_says_so() {
        log.append(BannersViewModelTest.heldBy("sam@console-2", T0, "2026-03-02T09:59:58Z"));
        rollback.rollback();
        rollback.takeOverAndRollBack();

        log.append(new CommandRefused(T0.plusSeconds(1), COMMANDER, "take over", "staging has no lease to take over"));
        log.append(BannersViewModelTest.ours(T0.plusSeconds(2)));

        assertThat(rollback.phaseProperty().get()).isEqualTo(Phase.REFUSED);
        assertThat(rollback.progressTextProperty().get())
                .isEqualTo("NOT ROLLED BACK · could not take over the lease: staging has no lease to take over");
        assertThat(commands.calls("rollback")).isEmpty();
    }

    @Test
    void a_refused_rollback_is_shown_as_refused() {
        rollback.rollback();
        log.append(new CommandRefused(T0, COMMANDER, "rollback", "staging is driven by sam@console-2; this console "
                + "is read-only (take over the lease to act)"));

        assertThat(rollback.phaseProperty().get()).isEqualTo(Phase.REFUSED);
        assertThat(rollback.progressTextProperty().get()).startsWith("ROLLBACK REFUSED · staging is driven by");
    }
}
