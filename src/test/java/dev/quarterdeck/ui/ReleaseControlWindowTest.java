package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.rollout.ReleaseCommands;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.AbortTriggered;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import dev.quarterdeck.session.SessionEvent.ModeChanged;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.StepFinished;
import dev.quarterdeck.session.SessionEvent.StepProposed;
import dev.quarterdeck.session.SessionEvent.StepStarted;
import dev.quarterdeck.session.SessionEvent.WeightApplied;
import dev.quarterdeck.session.SessionLog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The release controls in the whole window, headless, on the built-in sandbox plan (a burn-in gate, abort rules,
 * a staged rollback, a soak): a real session log, and commands that only record. Every control is clicked the way
 * a captain would.
 */
@ExtendWith(ApplicationExtension.class)
class ReleaseControlWindowTest {
    private static final Actor CAPTAIN = new Actor("dana");
    private static final Actor QD = Actor.quarterdeck();

    private final ManualClock clock = ManualClock.at("2026-03-02T10:00:00Z");
    private final RecordingCommands commands = new RecordingCommands();
    private final SessionLog log = SessionLog.inMemory();
    private ConsoleWindow window;

    @Start
    void start(Stage stage) throws Exception {
        ReleasePlan plan = PlanLoader.loadResource(PlanLoader.BUILT_IN_SANDBOX);
        ConsoleContext context = new ConsoleContext(plan, plan.environments().get(0), log, commands, CAPTAIN,
                Optional.empty(), clock, TaskExecutor.sameThread(), LogExport.unused(log));
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

    private void canaryAt(int step, String description, ReleaseStage stage) {
        append(new StepStarted(clock.instant(), step, description, CAPTAIN),
                new StageChanged(clock.instant(), stage, step, CAPTAIN, "captain advanced"));
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static boolean shown(FxRobot robot, String query) {
        return FxQueries.shown(robot, query);
    }

    @Test
    void start_canary_is_refused_with_its_reason_and_an_override_goes_out_only_with_one(FxRobot robot) {
        assertThat(text(robot, "#release-headline")).isEqualTo("Preflight");
        assertThat(robot.lookup("#advance").queryButton().getText()).isEqualTo("Start canary");

        robot.clickOn("#advance");
        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("advance", List.of(CAPTAIN)));

        append(new CommandRefused(clock.instant(), CAPTAIN, "advance", "preflight is not done: 'On-call engineer"
                + " knows a canary is starting' is not ticked; " + ReleaseCommands.OVERRIDABLE));
        assertThat(text(robot, "#release-message")).startsWith("Start canary refused: preflight is not done");
        assertThat(shown(robot, "#release-ask")).isFalse();

        robot.clickOn("#override");
        assertThat(shown(robot, "#release-ask")).isTrue();
        Button send = robot.lookup("#release-ask-send").queryButton();
        assertThat(send.getText()).isEqualTo("Override and advance");
        assertThat(send.isDisabled()).as("no reason, no override").isTrue();

        robot.write("on-call paged by phone");
        robot.clickOn(send);
        assertThat(commands.calls("overrideAdvance")).containsExactly(
                new RecordingCommands.Call("overrideAdvance", List.of(CAPTAIN, "on-call paged by phone")));
        assertThat(shown(robot, "#release-ask")).isFalse();
    }

    @Test
    void the_steps_show_their_status_and_the_headline_says_where_the_release_stands(FxRobot robot) {
        canaryAt(0, "set canary weight to 10%", ReleaseStage.CANARY);
        append(new StepFinished(clock.instant(), 0, "set canary weight to 10%", true, "read back 10%"));
        canaryAt(1, "pause for 30 s", ReleaseStage.CANARY);

        assertThat(text(robot, "#release-headline")).isEqualTo("Step 2 of 8 · pause for 30 s");
        assertThat(robot.lookup("#release-step-1").queryAs(Label.class).getAccessibleText())
                .isEqualTo("step 1 set canary weight to 10%: done");
        assertThat(robot.lookup("#release-step-2").queryAs(Label.class).getAccessibleText())
                .isEqualTo("step 2 pause for 30 s: current");
        assertThat(robot.lookup("#release-step-3").queryAs(Label.class).getText()).isEqualTo("· 3 · gate slo");
        assertThat(text(robot, "#release-steps-summary")).isEqualTo("8 steps · 1 done · 1 current · 6 pending");

        robot.clickOn("#pause");
        append(new StageChanged(clock.instant(), ReleaseStage.PAUSED, 1, CAPTAIN, "captain paused"));
        assertThat(text(robot, "#release-headline")).isEqualTo("Paused by dana");
        robot.clickOn("#pause");
        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("pause", List.of(CAPTAIN)),
                new RecordingCommands.Call("resume", List.of(CAPTAIN)));
    }

    @Test
    void abort_asks_for_a_reason_and_staged_rollback_is_offered_by_this_plan(FxRobot robot) {
        canaryAt(0, "set canary weight to 10%", ReleaseStage.CANARY);

        robot.clickOn("#abort");
        assertThat(text(robot, "#release-ask-prompt"))
                .isEqualTo("Abort the release: Quarterdeck rolls back and the release ends here. Why?");
        robot.write("p95 creeping up").clickOn("#release-ask-send");

        robot.clickOn("#staged-rollback");
        assertThat(text(robot, "#release-ask-prompt"))
                .isEqualTo("Staged rollback: 25 % → 10 % → 0 %, holding 10 s at each. Why?");
        robot.write("ease off").clickOn("#release-ask-send");

        assertThat(commands.calls()).containsExactly(
                new RecordingCommands.Call("abort", List.of(CAPTAIN, "p95 creeping up")),
                new RecordingCommands.Call("stagedRollback", List.of(CAPTAIN, "ease off")));
    }

    @Test
    void the_mode_switch_asks_and_follows_the_session(FxRobot robot) {
        ToggleButton manual = robot.lookup("#mode-manual").queryAs(ToggleButton.class);
        ToggleButton automatic = robot.lookup("#mode-automatic").queryAs(ToggleButton.class);
        assertThat(manual.isSelected()).isTrue();

        robot.clickOn(automatic);
        assertThat(commands.calls()).containsExactly(
                new RecordingCommands.Call("setMode", List.of(Mode.AUTOMATIC, CAPTAIN)));
        assertThat(automatic.isSelected()).as("asked, not yet recorded").isFalse();
        assertThat(manual.isSelected()).isTrue();

        append(new ModeChanged(clock.instant(), CAPTAIN, Mode.AUTOMATIC));
        assertThat(automatic.isSelected()).isTrue();
        assertThat(manual.isSelected()).isFalse();
    }

    @Test
    void in_assisted_mode_a_proposal_is_accepted_with_one_click(FxRobot robot) {
        append(new ModeChanged(clock.instant(), CAPTAIN, Mode.ASSISTED));
        canaryAt(2, "hold until gate slo passes", ReleaseStage.HOLDING);
        append(new StepFinished(clock.instant(), 2, "hold until gate slo passes", true, "gate slo passed"),
                new StageChanged(clock.instant(), ReleaseStage.CANARY, 2, QD, "gate slo passed"),
                new StepProposed(clock.instant(), 3, "set canary weight to 25%", "gate slo passed"));

        assertThat(text(robot, "#release-proposal"))
                .isEqualTo("Quarterdeck proposes step 4 of 8: set canary weight to 25% (gate slo passed)");
        robot.clickOn("#accept-proposal");

        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("advance", List.of(CAPTAIN)));
        assertThat(shown(robot, "#accept-proposal")).isFalse();
    }

    @Test
    void the_gate_strip_shows_the_verdict_the_burn_in_and_the_values_judged(FxRobot robot) {
        canaryAt(2, "hold until gate slo passes", ReleaseStage.HOLDING);
        append(new GateJudged(clock.instant(), "slo", GateVerdict.HOLDING, List.of(
                new GateJudged.ConditionResult("canary error-rate ≤ 1%", Outcome.PASS, 0.0042, 0.01, 0.0042,
                        Double.NaN, "canary error-rate 0.42% within 1%")),
                Duration.ofSeconds(12), Duration.ofSeconds(30), 0, 3));

        assertThat(text(robot, "#gate-verdict")).isEqualTo("HOLDING");
        assertThat(text(robot, "#gate-burn-in")).isEqualTo("burn-in 0:12 of 0:30");
        assertThat(robot.lookup("#gate-conditions .label").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("✓", "canary error-rate ≤ 1%:", "0.42%");
    }

    @Test
    void an_automatic_rollback_raises_the_red_banner_until_it_is_acknowledged(FxRobot robot) {
        assertThat(shown(robot, "#abort-banner")).isFalse();
        canaryAt(0, "set canary weight to 10%", ReleaseStage.CANARY);
        append(new AbortTriggered(clock.instant(), "sev1", AbortRule.Response.ROLLBACK, "canary error-rate ≤ 5%",
                0.098, 0.05), new RollbackStarted(clock.instant(), QD, "sev1", 1),
                new StageChanged(clock.instant(), ReleaseStage.ROLLING_BACK, 0, QD, "rollback: sev1"),
                new WeightApplied(clock.instant(), 0, 0, "sandbox"),
                new RollbackFinished(clock.instant(), true, 0, "canary at 0%"),
                new StageChanged(clock.instant(), ReleaseStage.ROLLED_BACK, 0, QD, "rollback finished"));

        assertThat(shown(robot, "#abort-banner")).isTrue();
        assertThat(text(robot, "#abort-banner-text"))
                .isEqualTo("SEV1 — canary error-rate 9.8% breaches ≤ 5%: Quarterdeck rolled back automatically");
        assertThat(text(robot, "#release-headline")).isEqualTo("Rolled back");
        // The banner spans the window, right under the top bar.
        Node banner = robot.lookup("#abort-banner").query();
        assertThat(banner.getBoundsInParent().getWidth()).isEqualTo(window.scene().getWidth());

        robot.clickOn("#abort-acknowledge");
        assertThat(shown(robot, "#abort-banner")).isFalse();
        assertThat(commands.calls("addNote")).hasSize(1);
    }

    @Test
    void an_alerting_rule_recommends_a_rollback_with_the_button_to_do_it(FxRobot robot) {
        canaryAt(0, "set canary weight to 10%", ReleaseStage.CANARY);
        append(new AbortTriggered(clock.instant(), "sev2", AbortRule.Response.ALERT, "canary error-rate ≤ 1%",
                0.021, 0.01));

        assertThat(text(robot, "#alert-banner-text"))
                .isEqualTo("SEV2 — canary error-rate 2.1% breaches ≤ 1%: Quarterdeck recommends rolling back");
        robot.clickOn("#alert-rollback");

        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("rollback",
                List.of(CAPTAIN, "SEV2 — canary error-rate 2.1% breaches ≤ 1%")));
    }

    @Test
    void dragging_past_the_allowed_range_asks_for_an_override_reason_instead_of_failing(FxRobot robot) {
        append(new WeightApplied(clock.instant(), 0, WeightApplied.PLAIN_READ, "sandbox"));
        canaryAt(0, "set canary weight to 10%", ReleaseStage.CANARY);
        append(new WeightApplied(clock.instant(), 10, 10, "sandbox"));
        assertThat(text(robot, "#allowed-range")).isEqualTo("the plan allows 0–10 % now");

        robot.drag(robot.lookup("#canary-weight .thumb").queryAs(Node.class)).moveBy(200, 0).drop();

        assertThat(commands.calls("requestWeight")).isEmpty();
        assertThat(shown(robot, "#weight-override")).isTrue();
        assertThat(text(robot, "#weight-override-prompt")).contains("is past what the plan allows now");
        robot.write("load test needs more");
        robot.clickOn("#weight-override-send");

        List<RecordingCommands.Call> overrides = commands.calls("overrideWeight");
        assertThat(overrides).hasSize(1);
        assertThat((int) overrides.get(0).args().get(0)).isGreaterThan(10);
        assertThat(overrides.get(0).args().subList(1, 3)).containsExactly(CAPTAIN, "load test needs more");
    }

    @Test
    void after_promotion_the_follow_ups_show(FxRobot robot) {
        assertThat(shown(robot, "#follow-ups")).isFalse();
        append(new StageChanged(clock.instant(), ReleaseStage.PROMOTED, 7, QD, "the router reads back 100%"));

        assertThat(shown(robot, "#follow-ups")).isTrue();
        assertThat(robot.lookup("#follow-ups .label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Ten minutes at 100 % within the SLOs", "due 10:10:00 · in 10 min");
    }
}
