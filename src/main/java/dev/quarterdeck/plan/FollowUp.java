package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A checkpoint after promotion, due {@code after} it: "T0 + 1 day: observe 24 h of metrics and the error
 * budget". With a gate it is a soak: the gate must hold from promotion until then.
 */
public record FollowUp(Duration after, String title, Optional<String> gate) {
    public FollowUp {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(gate, "gate");
    }
}
