package dev.quarterdeck.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The baseline of the console's start and memory figures: the smallest JavaFX window (one Stage, one Label),
 * started the same way and reporting its first frame the same way. What Quarterdeck costs beyond this is
 * its own.
 */
public final class BareJavaFxWindow {
    private BareJavaFxWindow() {}

    public static void main(String[] args) throws Exception {
        String file = System.getenv("QUARTERDECK_FIRST_FRAME_FILE");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.runLater(() -> {
            Stage stage = new Stage();
            Scene scene = new Scene(new Label("baseline"), 1440, 900);
            scene.addPostLayoutPulseListener(new Runnable() {
                private boolean done;

                @Override
                public void run() {
                    if (!done && stage.isShowing()) {
                        done = true;
                        long now = System.currentTimeMillis();
                        new Thread(() -> write(file, now)).start();
                    }
                }
            });
            stage.setScene(scene);
            stage.show();
        });
    }

    private static void write(String file, long millis) {
        try {
            if (file != null) {
                Files.writeString(Path.of(file), Long.toString(millis));
            }
        } catch (java.io.IOException e) {
            System.err.println("could not write " + file + ": " + e.getMessage());
        }
    }
}
