package dev.quarterdeck.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A plan that could not be loaded, with every problem found, in file order. */
public final class PlanException extends Exception {
    private final transient List<PlanProblem> problems;

    public PlanException(List<PlanProblem> problems) {
        this(problems.stream().distinct().sorted(PlanProblem.BY_PLACE).toList(), true);
    }

    private PlanException(List<PlanProblem> inFileOrder, boolean sorted) {
        super(inFileOrder.stream().map(PlanProblem::toString).collect(Collectors.joining(System.lineSeparator())));
        if (inFileOrder.isEmpty()) {
            throw new IllegalArgumentException("a plan exception needs at least one problem");
        }
        this.problems = inFileOrder;
    }

    public List<PlanProblem> problems() {
        return problems;
    }
}
