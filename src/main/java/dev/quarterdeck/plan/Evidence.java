package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a manual checklist item must be ticked with: a link (a dashboard, a ticket) or a file (a drill log),
 * no older than {@code maxAge} when given ("drill log newer than 7 days"; a file's age is its modification
 * time).
 */
public record Evidence(Kind kind, Optional<Duration> maxAge) {

    /** The shape of the evidence. */
    public enum Kind {
        LINK,
        FILE
    }

    public Evidence {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(maxAge, "maxAge");
    }
}
