package dev.quarterdeck;

import dev.quarterdeck.cli.QuarterdeckCommand;
import dev.quarterdeck.sandbox.JvmSettings;

/**
 * The launcher. Deliberately not a JavaFX {@code Application}: started from a plain classpath
 * ({@code java -jar quarterdeck.jar}) JavaFX refuses a main class that extends Application.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        JvmSettings.applyDefaults();
        int exit = QuarterdeckCommand.run(args);
        if (exit != QuarterdeckCommand.KEEP_RUNNING) {
            System.exit(exit);
        }
    }
}
