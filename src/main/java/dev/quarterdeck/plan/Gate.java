package dev.quarterdeck.plan;

import java.util.List;
import java.util.Objects;

/** A named set of metric conditions that must all hold for the canary to go on. */
public record Gate(String name, List<Condition> conditions) {
    public Gate {
        Objects.requireNonNull(name, "name");
        conditions = List.copyOf(conditions);
    }
}
