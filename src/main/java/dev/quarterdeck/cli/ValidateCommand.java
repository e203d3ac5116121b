package dev.quarterdeck.cli;

import dev.quarterdeck.plan.PlanException;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.PlanProblem;
import dev.quarterdeck.plan.ReleasePlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code quarterdeck validate PLAN...}: exit 0 when every plan is valid, 2 with every error otherwise. */
@Command(name = "validate", description = {
        "Check release plans. Prints every error as file:line:column: message.",
        "Exit 0 when all are valid, 2 otherwise."})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PLAN", arity = "1..*", description = "the plans' YAML files")
    Path[] plans;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exit = QuarterdeckCommand.OK;
        for (Path file : plans) {
            try {
                ReleasePlan plan = PlanLoader.load(file);
                out.printf("%s: valid (%s %s: %s, %s, %s, %s)%n",
                        file, plan.metadata().name(), plan.metadata().version(), count(plan.environments().size(), "environment"),
                        count(plan.checklist().size(), "checklist item"), count(plan.steps().size(), "canary step"),
                        count(plan.gates().size(), "gate"));
            } catch (PlanException e) {
                for (PlanProblem problem : e.problems()) {
                    err.println(problem);
                }
                err.printf("%s: %d %s%n", file, e.problems().size(), e.problems().size() == 1 ? "error" : "errors");
                exit = QuarterdeckCommand.ERROR;
            }
        }
        out.flush();
        err.flush();
        return exit;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
