package dev.quarterdeck.testing;

import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.session.Subscription;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Waits for an event to be recorded; the deadline only bounds a broken test, it asserts nothing about speed. */
public final class EventWaiter {
    private EventWaiter() {}

    public static <T extends SessionEvent> T await(SessionLog log, Class<T> type, Predicate<? super T> matching) {
        CompletableFuture<T> found = new CompletableFuture<>();
        try (Subscription ignored = log.subscribe(e -> {
            if (type.isInstance(e) && matching.test(type.cast(e))) {
                found.complete(type.cast(e));
            }
        })) {
            return found.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no " + type.getSimpleName() + " as expected; events: " + log.events(), e);
        }
    }

    public static <T extends SessionEvent> T await(SessionLog log, Class<T> type) {
        return await(log, type, e -> true);
    }
}
