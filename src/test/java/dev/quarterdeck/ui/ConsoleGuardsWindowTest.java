package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.ApprovalRequested;
import dev.quarterdeck.session.SessionEvent.InsecureTlsInUse;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.RollbackStepProgress;
import dev.quarterdeck.session.SessionEvent.RollbackStepStarted;
import dev.quarterdeck.session.SessionEvent.WeightApplied;
import dev.quarterdeck.session.SessionLog;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window on production with every guard the engine knows (protected, locked, TLS not verified, a
 * lease), headless: the banners' actions, the rollback's questions, and the rollback button through all of it.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleGuardsWindowTest {
    private static final Actor CAPTAIN = new Actor("dana");

    private final ManualClock clock = ManualClock.at("2026-03-02T10:00:00Z");
    private final RecordingCommands commands = new RecordingCommands();
    private final SessionLog log = SessionLog.inMemory();
    private ConsoleWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ConsoleContext context = new ConsoleContext(TestPlans.checkoutApi(), TestPlans.guardedProduction(), log,
                commands, CAPTAIN, Optional.empty(), clock, TaskExecutor.sameThread(), LogExport.unused(log));
        window = new ConsoleWindow(context);
        window.show(stage);
        // Monocle's headless screen is 1280×800; keep every control on it so the robot can reach it.
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(() -> {
            window.close();
            ConsoleTheme.LIGHT.apply();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void append(SessionEvent... events) {
        for (SessionEvent event : events) {
            log.append(event);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private SessionEvent.LeaseChanged heldBySam() {
        return BannersViewModelTest.heldBy("sam@console-2", clock.instant(), "2026-03-02T09:59:58Z");
    }

    @Test
    void take_over_asks_for_a_reason_inline_and_sends_it(FxRobot robot) {
        append(heldBySam());
        assertThat(robot.lookup("#read-only-banner").query().isVisible()).isTrue();
        assertThat(shown(robot.lookup("#take-over-reason").query())).isFalse();

        robot.clickOn("#take-over");
        assertThat(robot.lookup("#take-over-send").queryButton().isDisabled()).isTrue();
        robot.write("sam's console froze");
        robot.clickOn("#take-over-send");

        assertThat(commands.calls()).containsExactly(
                new RecordingCommands.Call("takeOverLease", List.of(CAPTAIN, "sam's console froze")));
        assertThat(shown(robot.lookup("#take-over-reason").query())).isFalse();
        assertThat(robot.lookup("#read-only-banner").query().isVisible()).isTrue();

        append(BannersViewModelTest.ours(clock.instant()));
        assertThat(robot.lookup("#read-only-banner").query().isVisible()).isFalse();
    }

    @Test
    void record_approval_prefills_the_locks_approver_and_sends_the_note(FxRobot robot) {
        assertThat(robot.lookup("#locked-banner").query().isVisible()).isTrue();

        robot.clickOn("#record-approval");
        assertThat(robot.lookup("#unlock-approver").queryAs(TextField.class).getText()).isEqualTo("leadership");
        robot.write("yes from the VP in #release-war-room");
        robot.clickOn("#record-approval-send");

        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("recordUnlock",
                List.of(new Actor("leadership"), CAPTAIN, "yes from the VP in #release-war-room")));
    }

    @Test
    void approve_sends_the_answer_for_the_waiting_step(FxRobot robot) {
        append(new RollbackStarted(clock.instant(), CAPTAIN, "rollback button", 6),
                new ApprovalRequested(clock.instant(), 3, "db-owner", "Restore the database from last night's snapshot"));
        assertThat(robot.lookup("#approval-approver").queryAs(TextField.class).getText()).isEqualTo("db-owner");

        robot.clickOn("#approval-note").write("on the bridge call");
        robot.clickOn("#approve-step");

        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("answerApproval",
                List.of(3, new Actor("db-owner"), CAPTAIN, true, "on the bridge call")));
        assertThat(robot.lookup("#approve-step").queryButton().isDisabled()).isTrue();

        append(new SessionEvent.ApprovalAnswered(clock.instant(), 3, new Actor("db-owner"), CAPTAIN, true,
                "on the bridge call"));
        assertThat(robot.lookup("#approval-prompt").query().isVisible()).isFalse();
    }

    @Test
    void decline_sends_a_no(FxRobot robot) {
        append(new RollbackStarted(clock.instant(), CAPTAIN, "rollback button", 6),
                new ApprovalRequested(clock.instant(), 3, "db-owner", "Restore the database"));

        robot.clickOn("#decline-step");

        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("answerApproval",
                List.of(3, new Actor("db-owner"), CAPTAIN, false, "")));
    }

    @Test
    void on_a_read_only_console_roll_back_asks_then_takes_over_and_rolls_back(FxRobot robot) {
        append(heldBySam());

        robot.clickOn("#rollback");
        assertThat(commands.calls()).isEmpty();
        assertThat(robot.lookup("#take-over-question").query().isVisible()).isTrue();

        robot.clickOn("#take-over-and-roll-back");
        assertThat(commands.calls()).containsExactly(
                new RecordingCommands.Call("takeOverLease", List.of(CAPTAIN, "take over to roll back")));
        assertThat(robot.lookup("#rollback-progress").queryAs(Label.class).getText())
                .isEqualTo("taking over the lease to roll back…");

        append(BannersViewModelTest.ours(clock.instant()));
        assertThat(commands.calls("rollback")).containsExactly(
                new RecordingCommands.Call("rollback", List.of(CAPTAIN, "rollback button")));
    }

    @Test
    void roll_back_stays_on_screen_in_the_top_bar_in_every_state(FxRobot robot) {
        assertRollBackOnScreen(robot, "locked and protected");

        append(new InsecureTlsInUse(clock.instant(), "production",
                List.of("https://prometheus.shop.example:9090", "https://kong-admin.shop.example:8444")),
                heldBySam(), new WeightApplied(clock.instant(), 5, 5, "ingress-nginx"));
        assertRollBackOnScreen(robot, "every banner");

        robot.clickOn("#rollback");
        robot.clickOn("#take-over");
        assertRollBackOnScreen(robot, "take-over question and form open");

        append(BannersViewModelTest.ours(clock.instant()),
                new RollbackStarted(clock.instant(), CAPTAIN, "rollback button", 6),
                new RollbackStepStarted(clock.instant(), 2, "wait for the rollout of checkout"),
                new RollbackStepProgress(clock.instant(), 2, "2 of 3 updated replicas are available"),
                new ApprovalRequested(clock.instant(), 3, "db-owner", "Restore the database from last night's snapshot"));
        assertRollBackOnScreen(robot, "rollback waiting for an approval");

        WaitForAsyncUtils.asyncFx(() -> {
            stage.setWidth(1100);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertRollBackOnScreen(robot, "the smallest window");
    }

    /** Visible itself and every parent up to the scene's root. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void assertRollBackOnScreen(FxRobot robot, String state) {
        Button rollback = robot.lookup("#rollback").queryButton();
        Bounds onScene = rollback.localToScene(rollback.getBoundsInLocal());
        assertThat(rollback.isVisible()).as(state).isTrue();
        assertThat(rollback.isDisabled()).as(state).isFalse();
        assertThat(rollback.getText()).as(state).contains("ROLL BACK");
        assertThat(onScene.getMinX()).as(state).isGreaterThanOrEqualTo(0);
        assertThat(onScene.getMinY()).as(state).isLessThan(80);
        assertThat(onScene.getMaxX()).as(state).isLessThanOrEqualTo(window.scene().getWidth());
        // Nothing is laid over it: the pointer at its centre hovers the button itself.
        robot.moveTo(rollback);
        assertThat(rollback.isHover()).as(state + ": the pointer over it reaches the button").isTrue();
    }
}
