package dev.quarterdeck.rollout;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine waits: retries with {@link Backoff}, and how often it looks again while waiting for a rollout.
 * Both wait through the backoff's {@link Backoff.Sleeper}, so tests drive them with a virtual clock.
 */
public record Pacing(Backoff backoff, Duration pollInterval) {
    public Pacing {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(pollInterval, "pollInterval");
    }

    public static Pacing standard() {
        return new Pacing(Backoff.standard(), Duration.ofSeconds(2));
    }
}
