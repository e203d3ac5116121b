package dev.quarterdeck.cli;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.PlanException;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionFile;
import dev.quarterdeck.ui.ConsoleContext;
import dev.quarterdeck.ui.ConsoleLauncher;
import dev.quarterdeck.ui.ConsoleTheme;
import dev.quarterdeck.ui.ConsoleWindow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quarterdeck}: with no subcommand it opens the console; subcommands run headless. */
@Command(
        name = "quarterdeck",
        mixinStandardHelpOptions = true,
        versionProvider = QuarterdeckCommand.Version.class,
        description = {
            "A release console: plans, canary traffic, gates, one-click rollback.",
            "Without a subcommand, opens the console (on the built-in sandbox unless --plan is given)."},
        subcommands = {ValidateCommand.class, GateCommand.class, RollbackCommand.class, ReportCommand.class,
            SandboxCommand.class})
public final class QuarterdeckCommand implements Callable<Integer> {

    /** Returned by a command whose work goes on after {@code main} returns (the sandbox). */
    public static final int KEEP_RUNNING = -1;

    /** Exit codes shared by the headless commands. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int ERROR = 2;

    /**
     * When set, the console writes the wall-clock millisecond of its first rendered frame into this file: the
     * end point of the cold-start benchmark.
     */
    static final String FIRST_FRAME_FILE = "QUARTERDECK_FIRST_FRAME_FILE";

    @Option(names = {"-p", "--plan"}, paramLabel = "PLAN",
            description = "the release plan to open (default: the built-in sandbox plan)")
    Path plan;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV",
            description = "the environment to release to (default: the plan's first)")
    String environment;

    @Option(names = "--dark", description = "open in the dark theme")
    boolean dark;

    @Option(names = "--resume", description = "take up the newest unfinished session of this plan and environment "
            + "without asking")
    boolean resume;

    @Option(names = "--new-session", description = "start a new session even if one was left unfinished")
    boolean newSession;

    @Spec
    CommandSpec spec;

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with Quarterdeck's error handling: a one-line message and exit 2, never a stack trace. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new QuarterdeckCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("quarterdeck: " + e.getMessage());
            return ERROR;
        });
        cli.setExitCodeExceptionMapper(e -> ERROR);
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ReleasePlan release;
        try {
            release = plan == null ? PlanLoader.loadResource(PlanLoader.BUILT_IN_SANDBOX) : PlanLoader.load(plan);
        } catch (PlanException e) {
            e.problems().forEach(err::println);
            err.flush();
            return ERROR;
        }
        Environment chosen = choose(release, err);
        if (chosen == null) {
            return ERROR;
        }
        Actor operator = Actor.currentUser();
        ExecutorService consoleIo = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "quarterdeck-console-io");
            t.setDaemon(true);
            return t;
        });
        // JavaFX starts while the session opens: neither needs the other, and both take a while.
        CompletableFuture<Void> javaFx = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                ConsoleLauncher.startJavaFx();
                javaFx.complete(null);
            } catch (InterruptedException | RuntimeException e) {
                javaFx.completeExceptionally(e);
            }
        }, "quarterdeck-javafx-start");
        starter.setDaemon(true);
        starter.start();
        Optional<SessionFile> takeUp = Optional.empty();
        Optional<ResumableSession> left = newSession ? Optional.empty() : ResumableSession.find(
                LiveSession.journals(System.getenv(), Path.of(System.getProperty("user.home"))),
                release.metadata().name(), chosen.name());
        if (left.isPresent()) {
            String where = left.get().describe(java.time.ZoneId.systemDefault());
            boolean yes = resume || ConsoleLauncher.askToResume(afterStart(javaFx, where)).get();
            if (yes) {
                takeUp = Optional.of(left.get().file());
                spec.commandLine().getOut().println("quarterdeck: resuming " + where);
                spec.commandLine().getOut().flush();
            }
        }
        try (LiveSession session = LiveSession.open(release, chosen, operator, Clock.systemDefaultZone(), takeUp)) {
            javaFx.get();
            ConsoleContext context = session.consoleContext(operator, Clock.systemDefaultZone(),
                    ConsoleLauncher.tasksOn(consoleIo));
            ConsoleWindow window = ConsoleLauncher.open(context, dark ? ConsoleTheme.DARK : ConsoleTheme.LIGHT).get();
            reportFirstFrame(window);
            window.closed().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the console could not open: " + e.getCause().getMessage(), e.getCause());
        } finally {
            consoleIo.shutdownNow();
        }
        return OK;
    }

    /** Waits for JavaFX (the dialog needs it) and passes {@code text} on. */
    private static String afterStart(CompletableFuture<Void> javaFx, String text) throws Exception {
        javaFx.get();
        return text;
    }

    private Environment choose(ReleasePlan release, PrintWriter err) {
        if (environment == null) {
            return release.environments().get(0);
        }
        return release.environment(environment).orElseGet(() -> {
            err.println("quarterdeck: plan '" + release.metadata().name() + "' has no environment '" + environment
                    + "' (it has: " + release.environments().stream().map(Environment::name)
                            .collect(Collectors.joining(", ")) + ")");
            err.flush();
            return null;
        });
    }

    private static void reportFirstFrame(ConsoleWindow window) {
        String file = System.getenv(FIRST_FRAME_FILE);
        if (file == null || file.isBlank()) {
            return;
        }
        // Written off the FX thread: the file system must not delay the frames that follow.
        window.firstFrame().thenApplyAsync(ignored -> System.currentTimeMillis(), Runnable::run)
                .thenAcceptAsync(millis -> {
                    try {
                        Files.writeString(Path.of(file), Long.toString(millis));
                    } catch (IOException e) {
                        System.err.println("quarterdeck: could not write " + file + ": " + e.getMessage());
                    }
                });
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = QuarterdeckCommand.class.getPackage().getImplementationVersion();
            return new String[] {"quarterdeck " + (v == null ? "(development build)" : v)};
        }
    }
}
