package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionLog;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
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
 * Starting the console as {@code quarterdeck} does: JavaFX up, the resume dialog answered, then the console.
 * Closing the dialog must not stop JavaFX (it is the only window then), or the console never opens: that is what
 * a kill -9 mid-canary followed by Resume ran into. The robot's own stage keeps JavaFX running in this test, so it
 * checks the setting that decides it.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleLauncherTest {
    @TempDir
    Path dir;

    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private ConsoleWindow window;

    @Start
    void start(Stage stage) {
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.Pane(), 200, 100));
        stage.show();
    }

    @AfterEach
    void close() {
        if (window != null) {
            WaitForAsyncUtils.asyncFx(window::close);
            WaitForAsyncUtils.waitForFxEvents();
        }
        io.shutdownNow();
        // As TestFX runs JavaFX: without implicit exit, which it needs to hide its stages after each test.
        Platform.setImplicitExit(false);
    }

    @Test
    void javaFxOutlivesTheResumeDialogAndStopsWithTheConsoleWindow(FxRobot robot) throws Exception {
        Platform.setImplicitExit(true); // as in a fresh JVM
        ConsoleLauncher.startJavaFx();
        assertThat(Platform.isImplicitExit()).as("before the console opens").isFalse();

        CompletableFuture<Boolean> answer = ConsoleLauncher.askToResume("checkout on production: canary, step 3");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("Resume").tryQuery().isPresent());
        robot.clickOn("Resume");
        assertThat(answer.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Platform.isImplicitExit()).as("after the dialog closed").isFalse();

        SessionLog log = SessionLog.inMemory();
        LogExport export = new LogExport(log, dir);
        window = ConsoleLauncher.open(new ConsoleContext(TestPlans.checkoutApi(), TestPlans.production(), log,
                new RecordingCommands(), new Actor("dana"), Optional.empty(), java.time.Clock.systemUTC(),
                TaskExecutor.using(io, Platform::runLater), export)).get(10, TimeUnit.SECONDS);
        assertThat(Platform.isImplicitExit()).as("once the console is open").isTrue();
    }
}
