package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.ChecklistItem;
import dev.quarterdeck.plan.Evidence;
import dev.quarterdeck.plan.Phase;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent.ChecklistItemMarked;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionLog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The checklist panel on its own, headless, with items that ask for evidence as runbooks have them. */
@ExtendWith(ApplicationExtension.class)
class ChecklistPanelTest {
    private static final Actor CAPTAIN = new Actor("dana");

    private final ManualClock clock = ManualClock.at("2026-03-02T10:00:00Z");
    private final RecordingCommands commands = new RecordingCommands();
    private final SessionLog log = SessionLog.inMemory();
    private FxBridge bridge;
    private ChecklistViewModel model;

    @Start
    void start(Stage stage) {
        bridge = new FxBridge(Runnable::run);
        model = new ChecklistViewModel(List.of(
                new ChecklistItem("drill-log", "Rollback drill done", Phase.PREFLIGHT, true, Optional.empty(),
                        List.of(), Optional.of(new Evidence(Evidence.Kind.FILE, Optional.of(Duration.ofDays(7))))),
                new ChecklistItem("dashboard", "Error budget dashboard reviewed", Phase.PREFLIGHT, true,
                        Optional.empty(), List.of(), Optional.of(new Evidence(Evidence.Kind.LINK, Optional.empty()))),
                new ChecklistItem("smoke", "Smoke passes (./scripts/release_smoke.sh staging)", Phase.POST_DEPLOY,
                        false, Optional.empty(), List.of(), Optional.empty())),
                commands, CAPTAIN, clock, bridge);
        bridge.connect(log);
        Scene scene = new Scene(new ChecklistPanel(model), 420, 600);
        scene.getStylesheets().add(ChecklistPanel.class.getResource(ConsoleTheme.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        model.close();
        bridge.close();
    }

    private void append(Object event) {
        WaitForAsyncUtils.asyncFx(() -> log.append((dev.quarterdeck.session.SessionEvent) event));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static CheckBox box(FxRobot robot, String title) {
        return robot.lookup(".check-box").queryAllAs(CheckBox.class).stream()
                .filter(b -> b.getText().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void a_title_shows_as_the_plan_writes_it_underscores_and_all(FxRobot robot) {
        CheckBox smoke = box(robot, "Smoke passes (./scripts/release_smoke.sh staging)");
        // A CheckBox takes "_" for a mnemonic unless told not to: release_smoke.sh showed as releasesmoke.sh.
        Text shown = (Text) smoke.lookup(".text");
        assertThat(shown.getText()).isEqualTo("Smoke passes (./scripts/release_smoke.sh staging)");
    }

    @Test
    void an_item_shows_what_it_asks_for_and_a_file_is_ticked_with_its_path(FxRobot robot) {
        assertThat(robot.lookup(".qd-detail").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("· asks for a file, newer than 7 d", "· asks for a link");
        assertThat(robot.lookup("#choose-drill-log").tryQuery()).as("a file can be chosen from disk").isPresent();
        assertThat(robot.lookup("#choose-dashboard").tryQuery()).as("a link is typed").isEmpty();

        robot.clickOn(box(robot, "Rollback drill done"));
        Button tick = robot.lookup("#tick-drill-log").queryButton();
        robot.write("drill on Tuesday");
        assertThat(tick.isDisabled()).as("the file is missing").isTrue();
        robot.clickOn("#evidence-drill-log").write("/srv/drills/rollback.log").type(KeyCode.ENTER);

        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("markChecklistItem",
                List.of("drill-log", true, CAPTAIN, "drill on Tuesday", "/srv/drills/rollback.log")));
    }

    @Test
    void a_refusal_shows_on_the_item_with_the_form_open_to_fix_it(FxRobot robot) {
        robot.clickOn(box(robot, "Rollback drill done"));
        robot.clickOn("#evidence-drill-log").write("/srv/drills/old.log").type(KeyCode.ENTER);
        append(new CommandRefused(clock.instant(), CAPTAIN, "tick drill-log",
                "'Rollback drill done' old.log was last changed 9 d ago; the item wants it newer than 7 d"));

        Label refusal = robot.lookup("#refusal-drill-log").queryAs(Label.class);
        assertThat(refusal.isVisible()).isTrue();
        assertThat(refusal.getText()).isEqualTo(
                "refused: 'Rollback drill done' old.log was last changed 9 d ago; the item wants it newer than 7 d");
        assertThat(FxQueries.shown(robot, "#evidence-drill-log")).isTrue();

        append(new ChecklistItemMarked(clock.instant(), CAPTAIN, "drill-log", true, "", "/srv/drills/new.log"));
        assertThat(refusal.isVisible()).isFalse();
        assertThat(box(robot, "Rollback drill done").isSelected()).isTrue();
    }
}
