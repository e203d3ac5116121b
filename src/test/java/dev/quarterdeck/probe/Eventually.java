package dev.quarterdeck.probe;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition, polling, up to a generous deadline: the deadline only stops a broken test from
 * hanging, it is never what a test asserts on.
 */
final class Eventually {
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private Eventually() {}

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still waiting, after " + DEADLINE.toSeconds() + " s, for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }
}
