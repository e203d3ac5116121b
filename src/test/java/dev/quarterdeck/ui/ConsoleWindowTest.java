package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent.ChecklistItemMarked;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import dev.quarterdeck.session.SessionEvent.ProtectedEnvironmentConfirmed;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.WeightApplied;
import dev.quarterdeck.session.SessionLog;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The whole window, headless: a fake plan, a real session log, and commands that only record. */
@ExtendWith(ApplicationExtension.class)
class ConsoleWindowTest {
    private static final Actor CAPTAIN = new Actor("dana");

    private final ManualClock clock = ManualClock.at("2026-03-02T10:00:00Z");
    private final RecordingCommands commands = new RecordingCommands();
    private final SessionLog log = SessionLog.inMemory();
    private final AtomicInteger runLaters = new AtomicInteger();
    private ConsoleWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ConsoleContext context = new ConsoleContext(TestPlans.checkoutApi(), TestPlans.production(), log, commands,
                CAPTAIN, Optional.empty(), clock, TaskExecutor.sameThread(), LogExport.unused(log));
        window = new ConsoleWindow(context, task -> {
            runLaters.incrementAndGet();
            Platform.runLater(task);
        });
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

    /** Production is protected: nothing changes traffic until its name has been typed. */
    private ProtectedEnvironmentConfirmed confirmed() {
        return new ProtectedEnvironmentConfirmed(clock.instant(), CAPTAIN, "production");
    }

    /** Far enough into the canary that the plan allows 0–100 %: the slider moves without an override. */
    private StageChanged atFullRange() {
        return new StageChanged(clock.instant(), ReleaseStage.CANARY, 6, CAPTAIN, "captain advanced");
    }

    private void append(Object... events) {
        for (Object event : events) {
            log.append((dev.quarterdeck.session.SessionEvent) event);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void dragging_the_slider_and_letting_go_sends_exactly_one_weight_request(FxRobot robot) {
        append(confirmed(), atFullRange(), new WeightApplied(clock.instant(), 0, 0, "sandbox"));
        Slider slider = robot.lookup("#canary-weight").queryAs(Slider.class);
        Node thumb = slider.lookup(".thumb");

        robot.drag(thumb).moveBy(120, 0).moveBy(40, 0).drop();
        WaitForAsyncUtils.waitForFxEvents();

        List<RecordingCommands.Call> requests = commands.calls("requestWeight");
        assertThat(requests).hasSize(1);
        int percent = (int) requests.get(0).args().get(0);
        assertThat(percent).isPositive().isEqualTo((int) Math.round(slider.getValue()));
        assertThat(requests.get(0).args()).containsExactly(percent, CAPTAIN, "slider");
        // The big numbers show the weight under their caption; their accessible text is the whole sentence.
        Label requested = robot.lookup("#requested-weight").queryAs(Label.class);
        Label applied = robot.lookup("#applied-weight").queryAs(Label.class);
        assertThat(requested.getText()).isEqualTo(percent + " %");
        assertThat(requested.getAccessibleText()).isEqualTo("requested " + percent + " %");
        assertThat(applied.getText()).isEqualTo("0 %");
        assertThat(applied.getAccessibleText()).isEqualTo("applied 0 %");
    }

    @Test
    void pressing_the_track_and_dragging_along_it_sends_one_request_on_release(FxRobot robot) {
        append(confirmed(), atFullRange(), new WeightApplied(clock.instant(), 0, 0, "sandbox"));
        Slider slider = robot.lookup("#canary-weight").queryAs(Slider.class);
        Node track = slider.lookup(".track");
        Bounds onScreen = track.localToScreen(track.getBoundsInLocal());

        robot.moveTo(onScreen.getMinX() + onScreen.getWidth() * 0.6, onScreen.getCenterY());
        robot.press(MouseButton.PRIMARY);
        robot.moveBy(30, 0).moveBy(30, 0);
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();

        List<RecordingCommands.Call> requests = commands.calls("requestWeight");
        assertThat(requests).hasSize(1);
        assertThat((int) requests.get(0).args().get(0)).isEqualTo((int) Math.round(slider.getValue())).isPositive();
    }

    @Test
    void an_arrow_key_on_the_slider_asks_for_one_percent_more(FxRobot robot) {
        append(confirmed(), atFullRange(), new WeightApplied(clock.instant(), 20, 20, "sandbox"));
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#canary-weight").query().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();

        robot.type(KeyCode.RIGHT);

        assertThat(commands.calls("requestWeight"))
                .containsExactly(new RecordingCommands.Call("requestWeight", List.of(21, CAPTAIN, "slider")));
    }

    @Test
    void typing_the_protected_name_asks_to_confirm_and_the_slider_opens_once_the_session_says_so(FxRobot robot) {
        append(new WeightApplied(clock.instant(), 0, 0, "sandbox"));
        Slider slider = robot.lookup("#canary-weight").queryAs(Slider.class);
        Button confirm = robot.lookup("#protected-confirm").queryButton();
        assertThat(slider.isDisabled()).isTrue();
        assertThat(robot.lookup("#step-25").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#traffic-status").queryAs(Label.class).getText())
                .isEqualTo("production is protected: type its name in the banner above to allow traffic changes.");
        assertThat(confirm.isDisabled()).isTrue();

        robot.clickOn("#protected-name").write("production");
        robot.clickOn(confirm);

        assertThat(commands.calls()).containsExactly(
                new RecordingCommands.Call("confirmProtectedEnvironment", List.of("production", CAPTAIN)));
        // Asked, not yet done: the engine has the last word.
        assertThat(slider.isDisabled()).isTrue();

        append(confirmed());
        assertThat(slider.isDisabled()).isFalse();
        assertThat(robot.lookup("#step-25").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#protected-banner").query().isVisible()).isFalse();
        assertThat(robot.lookup("#traffic-status").queryAs(Label.class).getText())
                .isEqualTo("canary gets 0 % of traffic");
    }

    @Test
    void a_step_button_asks_for_its_weight(FxRobot robot) {
        append(confirmed(), atFullRange());
        robot.clickOn("#step-25");

        assertThat(commands.calls("requestWeight"))
                .containsExactly(new RecordingCommands.Call("requestWeight", List.of(25, CAPTAIN, "step 25 %")));
    }

    @Test
    void the_rollback_button_rolls_back_in_one_click(FxRobot robot) {
        robot.clickOn("#rollback");

        assertThat(commands.calls())
                .containsExactly(new RecordingCommands.Call("rollback", List.of(CAPTAIN, "rollback button")));
        assertThat(robot.lookup("#rollback-progress").queryAs(Label.class).getText())
                .isEqualTo("rollback requested…");
    }

    @Test
    void the_rollback_button_sits_in_the_top_bar_on_screen(FxRobot robot) {
        Button rollback = robot.lookup("#rollback").queryButton();
        Bounds onScene = rollback.localToScene(rollback.getBoundsInLocal());

        assertThat(rollback.isVisible()).isTrue();
        assertThat(onScene.getMinY()).isLessThan(80);
        assertThat(onScene.getMaxX()).isLessThanOrEqualTo(window.scene().getWidth());
    }

    @Test
    void a_weight_read_back_updates_the_applied_label_and_moves_the_slider(FxRobot robot) {
        append(new WeightApplied(clock.instant(), 20, 20, "sandbox"));

        Label applied = robot.lookup("#applied-weight").queryAs(Label.class);
        assertThat(applied.getText()).isEqualTo("20 %");
        assertThat(applied.getAccessibleText()).isEqualTo("applied 20 %");
        assertThat(robot.lookup("#canary-weight").queryAs(Slider.class).getValue()).isEqualTo(20.0);
        // The slider following the router is not a request.
        assertThat(commands.calls("requestWeight")).isEmpty();
    }

    @Test
    void a_rollback_elsewhere_locks_the_slider_and_brings_it_back_to_zero(FxRobot robot) {
        append(new WeightApplied(clock.instant(), 50, 50, "sandbox"),
                new RollbackStarted(clock.instant(), new Actor("ic"), "gate failed", 1),
                new WeightApplied(clock.instant(), 0, 0, "sandbox"));

        Slider slider = robot.lookup("#canary-weight").queryAs(Slider.class);
        assertThat(slider.getValue()).isZero();
        assertThat(slider.isDisabled()).isTrue();
        assertThat(commands.calls()).isEmpty();
    }

    @Test
    void a_burst_of_ten_thousand_events_during_one_busy_pulse_costs_one_run_later() throws Exception {
        CountDownLatch fxBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WaitForAsyncUtils.waitForFxEvents();
        Platform.runLater(() -> {
            fxBusy.countDown();
            try {
                // Stands for a long pulse: the FX thread is busy while the engine writes a burst.
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        fxBusy.await(30, TimeUnit.SECONDS);
        int before = runLaters.get();

        for (int i = 0; i < 10_000; i++) {
            double value = i == 9_999 ? 0.0042 : 0.001;
            log.append(new MetricSample(clock.instant(), Track.CANARY, Metric.ERROR_RATE, value, Outcome.PASS, ""));
        }
        int during = runLaters.get() - before;
        release.countDown();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(during).isEqualTo(1);
        assertThat(robot().lookup(".qd-caption").queryAllAs(Label.class))
                .extracting(Label::getText)
                .contains("canary 0.42 % · just now");
    }

    @Test
    void ticking_a_manual_item_asks_for_a_note_and_the_box_follows_the_session(FxRobot robot) {
        CheckBox ticket = robot.lookup(".check-box").queryAllAs(CheckBox.class).stream()
                .filter(box -> box.getText().startsWith("Change ticket"))
                .findFirst()
                .orElseThrow();

        robot.clickOn(ticket);
        assertThat(commands.calls()).as("a click opens the form; nothing is ticked yet").isEmpty();
        assertThat(ticket.isSelected()).isFalse();
        robot.clickOn("#note-change-ticket").write("approved by CAB");
        robot.clickOn("#tick-change-ticket");

        assertThat(commands.calls("markChecklistItem")).containsExactly(new RecordingCommands.Call(
                "markChecklistItem", List.of("change-ticket", true, CAPTAIN, "approved by CAB", "")));
        assertThat(ticket.isSelected()).isFalse();
        assertThat(FxQueries.shown(robot, "#note-change-ticket")).isFalse();

        append(new ChecklistItemMarked(clock.instant(), CAPTAIN, "change-ticket", true, "approved by CAB"));
        assertThat(ticket.isSelected()).isTrue();
        assertThat(robot.lookup(".qd-phase-title").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Preflight 1/4");
    }

    @Test
    void a_note_typed_and_added_goes_to_the_session(FxRobot robot) {
        robot.clickOn("#note").write("watching p95");
        robot.clickOn("#add-note");

        assertThat(commands.calls()).containsExactly(
                new RecordingCommands.Call("addNote", List.of(CAPTAIN, "watching p95")));
    }

    @Test
    void the_theme_switch_swaps_light_and_dark(FxRobot robot) {
        robot.clickOn("#dark-theme");
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());

        robot.clickOn("#dark-theme");
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerLight().getUserAgentStylesheet());
    }

    @Test
    void the_first_frame_is_reported_and_closing_releases_the_session() throws Exception {
        window.firstFrame().get(30, TimeUnit.SECONDS);

        WaitForAsyncUtils.asyncFx(window::close).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.closed()).isDone();
        assertThat(stage.isShowing()).isFalse();

        int before = runLaters.get();
        log.append(new WeightApplied(clock.instant(), 10, 10, "sandbox"));
        assertThat(runLaters.get()).isEqualTo(before);
    }

    private static FxRobot robot() {
        return new FxRobot();
    }
}
