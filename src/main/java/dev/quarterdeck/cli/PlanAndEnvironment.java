package dev.quarterdeck.cli;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.PlanException;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The plan file and environment a headless command works on, loaded with errors that name the place. */
final class PlanAndEnvironment {
    @Parameters(index = "0", paramLabel = "PLAN", description = "the release plan's YAML file")
    Path plan;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV", required = true, description = "the environment")
    String environment;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The plan, or empty after printing every problem as file:line:column. */
    Optional<ReleasePlan> plan() {
        try {
            return Optional.of(PlanLoader.load(plan));
        } catch (PlanException e) {
            PrintWriter err = err();
            e.problems().forEach(err::println);
            err.flush();
            return Optional.empty();
        }
    }

    /** The environment named by --env, or empty after saying which the plan has. */
    Optional<Environment> environment(ReleasePlan release) {
        Optional<Environment> found = release.environment(environment);
        if (found.isEmpty()) {
            error("plan '" + release.metadata().name() + "' has no environment '" + environment + "' (it has: "
                    + release.environments().stream().map(Environment::name).collect(Collectors.joining(", ")) + ")");
        }
        return found;
    }

    /** Prints {@code quarterdeck: message} and returns the error exit code. */
    int error(String message) {
        PrintWriter err = err();
        err.println("quarterdeck: " + message);
        err.flush();
        return QuarterdeckCommand.ERROR;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
