package dev.quarterdeck.plan;

import java.util.ArrayList;
import java.util.List;

/** Collects a plan's problems as they are found, so one run reports all of them. */
final class Problems {
    private final String file;
    private final List<PlanProblem> found;

    Problems(String file, List<PlanProblem> found) {
        this.file = file;
        this.found = found;
    }

    Problems(String file) {
        this(file, new ArrayList<>());
    }

    void add(Location at, String message) {
        found.add(new PlanProblem(file, at, message));
    }

    boolean any() {
        return !found.isEmpty();
    }

    List<PlanProblem> all() {
        return List.copyOf(found);
    }

    String file() {
        return file;
    }
}
