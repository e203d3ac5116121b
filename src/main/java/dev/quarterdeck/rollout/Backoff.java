package dev.quarterdeck.rollout;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a transient failure is retried: {@code attempts} tries in all, waiting
 * {@code first}, then twice that, up to {@code max}, between them. The wait goes through a {@link Sleeper}
 * so tests run retries in no time.
 */
public record Backoff(int attempts, Duration first, Duration max, Sleeper sleeper) {

    /** Waits between attempts; the real one sleeps the calling (never the FX) thread. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(d.toMillis());
    }

    public Backoff {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt, was " + attempts);
        }
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Five attempts over about four seconds: long enough for a blip, short enough for an incident. */
    public static Backoff standard() {
        return new Backoff(5, Duration.ofMillis(250), Duration.ofSeconds(2), Sleeper.REAL);
    }

    /** The wait before attempt {@code attempt} (2, 3, ...). */
    Duration delayBefore(int attempt) {
        Duration d = first.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 2)));
        return d.compareTo(max) > 0 ? max : d;
    }
}
