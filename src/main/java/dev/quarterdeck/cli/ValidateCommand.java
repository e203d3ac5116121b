package dev.quarterdeck.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code quarterdeck validate PLAN}: exit 0 when valid, 2 with every error otherwise. */
@Command(name = "validate", description = "Check a release plan and print every error as file:line:column.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PLAN", description = "the plan's YAML file")
    Path plan;

    @Override
    public Integer call() {
        System.err.println("quarterdeck: validate is not wired yet");
        return QuarterdeckCommand.ERROR;
    }
}
