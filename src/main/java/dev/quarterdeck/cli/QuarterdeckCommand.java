package dev.quarterdeck.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code quarterdeck}: with no subcommand it opens the console; subcommands run headless. */
@Command(
        name = "quarterdeck",
        mixinStandardHelpOptions = true,
        versionProvider = QuarterdeckCommand.Version.class,
        description = "A release console: plans, canary traffic, gates, one-click rollback.",
        subcommands = {ValidateCommand.class, SandboxCommand.class})
public final class QuarterdeckCommand implements Callable<Integer> {

    /** Returned by a command whose work goes on after {@code main} returns (the console, the sandbox). */
    public static final int KEEP_RUNNING = -1;

    /** Exit codes shared by the headless commands. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int ERROR = 2;

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
    public Integer call() {
        System.err.println("quarterdeck: the console is not wired yet");
        return ERROR;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = QuarterdeckCommand.class.getPackage().getImplementationVersion();
            return new String[] {"quarterdeck " + (v == null ? "(development build)" : v)};
        }
    }
}
