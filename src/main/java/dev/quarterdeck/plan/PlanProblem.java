package dev.quarterdeck.plan;

import java.util.Comparator;
import java.util.Objects;

/** One thing wrong with a plan, at a place: printed as {@code file:line:column: message}. */
public record PlanProblem(String file, Location location, String message) {
    static final Comparator<PlanProblem> BY_PLACE = Comparator.comparingInt((PlanProblem p) -> p.location.line())
            .thenComparingInt(p -> p.location.column());

    public PlanProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ":" + location + ": " + message;
    }
}
