package dev.quarterdeck.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code quarterdeck sandbox}: runs the demo environment standalone. */
@Command(name = "sandbox", description = "Run the built-in sandbox environment standalone.")
final class SandboxCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("quarterdeck: sandbox is not wired yet");
        return QuarterdeckCommand.ERROR;
    }
}
