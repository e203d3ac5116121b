package dev.quarterdeck.cli;

import dev.quarterdeck.ui.ConsoleLauncher;
import dev.quarterdeck.ui.ConsoleWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Opens the console on one runbook plan's fixtures (see {@link RunbookWorlds}), for a person to drive the runbook
 * by hand: {@code RunbookDemo RUNBOOK [DIR]} from the test classpath, e.g.
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     dev.quarterdeck.cli.RunbookDemo nova-production-playbook
 * </pre>
 *
 * The fixtures stop when the console closes. What the deploy workflow or Terraform would do outside Quarterdeck
 * (owlhub's new image, nova's apply) is done when the plan's approval step asks for it.
 */
public final class RunbookDemo {
    private RunbookDemo() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: RunbookDemo RUNBOOK [DIR]; runbooks: " + String.join(", ",
                    RunbookWorlds.RUNBOOKS));
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "target/runbook-demo"));
        ExecutorService io = Executors.newFixedThreadPool(2);
        try (RunbookWorlds.Metrics metrics = RunbookWorlds.Metrics.start();
                RunbookFixtures fixtures = new RunbookFixtures(dir)) {
            RunbookWorlds worlds = new RunbookWorlds(fixtures, dir, metrics);
            LiveSession session = worlds.open(args[0]);
            ConsoleLauncher.startJavaFx();
            ConsoleWindow window = ConsoleLauncher.open(session.consoleContext(RunbookFixtures.ANA,
                    Clock.systemDefaultZone(), ConsoleLauncher.tasksOn(io))).get();
            System.out.println("evidence files can be written to " + dir.toAbsolutePath());
            window.closed().get();
        } finally {
            io.shutdownNow();
        }
        System.exit(0);
    }
}
