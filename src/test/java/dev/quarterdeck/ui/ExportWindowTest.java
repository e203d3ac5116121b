package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent.NoteAdded;
import dev.quarterdeck.session.SessionEvent.SessionStarted;
import dev.quarterdeck.session.SessionLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Export in the whole window, headless, with the writing on a thread of its own as in the console: the form, a
 * report written while the console stays responsive, and a location that cannot be written.
 */
@ExtendWith(ApplicationExtension.class)
class ExportWindowTest {
    private static final Actor CAPTAIN = new Actor("dana");

    @TempDir
    static Path dir;

    private final ManualClock clock = ManualClock.at("2026-03-02T10:00:00Z");
    private final SessionLog log = SessionLog.inMemory();
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private LogExport export;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) {
        export = new LogExport(log, dir.resolve("reports"));
        ConsoleContext context = new ConsoleContext(TestPlans.checkoutApi(), TestPlans.production(), log,
                new RecordingCommands(), CAPTAIN, Optional.empty(), clock, TaskExecutor.using(io, Platform::runLater),
                export);
        window = new ConsoleWindow(context);
        window.show(stage);
        // Monocle's headless screen is 1280×800; keep every control on it so the robot can reach it.
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
        log.append(new SessionStarted(clock.instant(), "checkout-api", "2.14.0", "production", CAPTAIN));
        log.append(new NoteAdded(clock.instant(), CAPTAIN, "payments team watching the canary"));
    }

    @AfterEach
    void close() {
        export.release();
        WaitForAsyncUtils.asyncFx(() -> {
            window.close();
            ConsoleTheme.LIGHT.apply();
        });
        WaitForAsyncUtils.waitForFxEvents();
        io.shutdownNow();
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#export-status").queryAs(Label.class).getText();
    }

    private static void setFile(FxRobot robot, Path file) {
        TextField field = robot.lookup("#export-file").queryAs(TextField.class);
        robot.interact(() -> field.setText(file.toString()));
    }

    @Test
    void export_writes_the_markdown_postmortem_off_the_fx_thread_and_says_where(FxRobot robot) throws Exception {
        assertThat(FxQueries.shown(robot, "#export-form")).isFalse();
        robot.clickOn("#export");
        assertThat(FxQueries.shown(robot, "#export-form")).isTrue();
        TextField file = robot.lookup("#export-file").queryAs(TextField.class);
        assertThat(file.getText()).isEqualTo(dir.resolve("reports/checkout-api-production-20260302-1000.html")
                .toString());

        robot.clickOn("#export-format-md");
        assertThat(file.getText()).endsWith("checkout-api-production-20260302-1000.md");
        Path target = dir.resolve("handover/postmortem.md");
        setFile(robot, target);

        export.holdWrites();
        robot.clickOn("#export-run");
        assertThat(export.awaitWriteStarted()).as("the write began").isTrue();
        WaitForAsyncUtils.waitForFxEvents();

        // The write is held on its thread; the FX thread goes on answering, and the button says it is busy.
        Button run = robot.lookup("#export-run").queryButton();
        assertThat(run.getText()).isEqualTo("Exporting…");
        assertThat(run.isDisabled()).isTrue();
        assertThat(status(robot)).isEqualTo("Writing the Markdown postmortem report to " + target + "…");
        robot.clickOn("#note").write("still typing");
        assertThat(robot.lookup("#note").queryAs(TextField.class).getText()).isEqualTo("still typing");
        assertThat(WaitForAsyncUtils.asyncFx(() -> run.getText()).get(5, TimeUnit.SECONDS)).isEqualTo("Exporting…");

        export.release();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !run.isDisabled());
        assertThat(run.getText()).isEqualTo("Export");
        assertThat(status(robot)).isEqualTo("Wrote 2 events to " + target);
        assertThat(robot.lookup("#export-status").queryAs(Label.class).getStyleClass()).contains("success");
        assertThat(Files.readString(target)).startsWith("# Postmortem draft: checkout-api 2.14.0 to production")
                .contains("payments team watching the canary")
                .contains("still in progress, not finished");

        robot.clickOn("#export-close");
        assertThat(FxQueries.shown(robot, "#export-form")).isFalse();
    }

    @Test
    void a_location_that_cannot_be_written_shows_the_path_and_why(FxRobot robot) throws Exception {
        Path inTheWay = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path target = inTheWay.resolve("report.html");
        robot.clickOn("#export");
        setFile(robot, target);

        robot.clickOn("#export-run");
        Button run = robot.lookup("#export-run").queryButton();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> status(robot).startsWith("Could not write"));

        assertThat(status(robot)).isEqualTo("Could not write " + target + ": " + inTheWay + " is a file, not a folder");
        assertThat(robot.lookup("#export-status").queryAs(Label.class).getStyleClass()).contains("danger");
        assertThat(run.isDisabled()).isFalse();
        assertThat(Files.readString(inTheWay)).isEqualTo("not a folder");
    }
}
