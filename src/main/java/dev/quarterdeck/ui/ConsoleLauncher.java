package dev.quarterdeck.ui;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts JavaFX and opens the console from a plain {@code main}: Quarterdeck's launcher is not an
 * {@code Application} subclass, because JavaFX refuses such a main class on a plain classpath
 * ({@code java -jar}).
 */
public final class ConsoleLauncher {
    private ConsoleLauncher() {}

    /**
     * Starts the JavaFX runtime and returns once its thread runs. Harmless when it already runs. Call from the
     * main thread, never from the FX thread. The runtime keeps running while no window is shown (a dialog before
     * the console may close); once {@link #open} has shown the console, it stops when the console window closes,
     * and {@link ConsoleWindow#closed()} tells the composition root when that is.
     */
    public static void startJavaFx() throws InterruptedException {
        if (Platform.isFxApplicationThread()) {
            return;
        }
        // Until the console is open: closing a window before it (the resume dialog) must not stop JavaFX, or
        // the console that follows would never open. open() gives the console window its implicit exit back.
        Platform.setImplicitExit(false);
        CountDownLatch running = new CountDownLatch(1);
        try {
            Platform.startup(running::countDown);
        } catch (IllegalStateException alreadyRunning) {
            return;
        }
        running.await();
    }

    /**
     * Asks, in a dialog before the console opens, whether to take up an unfinished session ({@code description}
     * says which and where it stood) or start a new one. Completes with true for resume. Call off the FX thread.
     */
    public static CompletableFuture<Boolean> askToResume(String description) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            javafx.scene.control.ButtonType resume = new javafx.scene.control.ButtonType("Resume",
                    javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
            javafx.scene.control.ButtonType fresh = new javafx.scene.control.ButtonType("Start a new session",
                    javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
            javafx.scene.control.Alert dialog = new javafx.scene.control.Alert(
                    javafx.scene.control.Alert.AlertType.CONFIRMATION, description, resume, fresh);
            dialog.setTitle("Quarterdeck");
            dialog.setHeaderText("A session was not finished. Resume it?");
            answer.complete(dialog.showAndWait().map(resume::equals).orElse(false));
        });
        return answer;
    }

    /**
     * Background work for the console: runs on {@code io} (owned and shut down by the caller) and answers on
     * the FX thread.
     */
    public static TaskExecutor tasksOn(ExecutorService io) {
        return TaskExecutor.using(io, Platform::runLater);
    }

    /**
     * Opens the console on a new stage. Completes, on the FX thread, once the window is shown; chain
     * {@code thenCompose(ConsoleWindow::firstFrame)} to learn when its first frame was rendered.
     */
    public static CompletableFuture<ConsoleWindow> open(ConsoleContext context) {
        return open(context, ConsoleTheme.LIGHT);
    }

    /** Opens the console on a new stage in the given look. */
    public static CompletableFuture<ConsoleWindow> open(ConsoleContext context, ConsoleTheme theme) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(theme, "theme");
        CompletableFuture<ConsoleWindow> opened = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                ConsoleWindow window = ConsoleWindow.open(new Stage(), context);
                window.useTheme(theme);
                Platform.setImplicitExit(true);
                opened.complete(window);
            } catch (RuntimeException | Error e) {
                opened.completeExceptionally(e);
            }
        });
        return opened;
    }
}
