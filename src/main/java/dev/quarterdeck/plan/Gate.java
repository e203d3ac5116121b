package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A named set of conditions that must all hold for the canary to go on. {@code holdFor} is the burn-in: they
 * must hold without a break for that long ("error rate under 1 % and p95 under 1 s, held for 30 minutes").
 * {@code maxFailures} consecutive failing judgements fail the gate. {@code window} is how far back a
 * statistical judgement looks.
 */
public record Gate(String name, Duration holdFor, int maxFailures, Duration window, List<Condition> conditions) {
    public static final int DEFAULT_MAX_FAILURES = 3;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    public Gate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holdFor, "holdFor");
        Objects.requireNonNull(window, "window");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, was " + maxFailures);
        }
        conditions = List.copyOf(conditions);
    }

    /** A gate judged once, without burn-in. */
    public Gate(String name, List<Condition> conditions) {
        this(name, Duration.ZERO, DEFAULT_MAX_FAILURES, DEFAULT_WINDOW, conditions);
    }
}
