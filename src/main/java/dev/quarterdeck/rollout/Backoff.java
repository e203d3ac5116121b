package dev.quarterdeck.rollout;

import dev.quarterdeck.traffic.ActionException;
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

    /** One try of something that may fail transiently. */
    @FunctionalInterface
    public interface Attempt<T> {
        T call() throws ActionException, InterruptedException;
    }

    /**
     * Tries {@code attempt} until it succeeds, fails permanently, or has had {@code attempts} tries, waiting
     * between them; the last failure says how many tries it took.
     */
    public <T> T retry(Attempt<T> attempt) throws ActionException, InterruptedException {
        for (int n = 1; ; n++) {
            try {
                return attempt.call();
            } catch (ActionException e) {
                if (!e.transientFailure() || n >= attempts) {
                    String tries = n == 1 ? "" : " (after " + n + " attempts)";
                    throw new ActionException(e.getMessage() + tries, e.transientFailure(), e);
                }
                sleeper.sleep(delayBefore(n + 1));
            }
        }
    }
}
