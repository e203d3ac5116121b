package dev.quarterdeck.session;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Where session events are kept. {@link #append} returns only once the event is as durable as the store
 * promises (in memory for {@link InMemoryEventStore}; on disk, fsynced, for {@link SessionJournal}).
 *
 * <p>{@link #submit} splits an append in two, so that several threads can wait for durability together (one
 * fsync for a burst, "group commit") while the order of events is still fixed by whoever calls
 * {@code submit}. A store that is durable as soon as it has the event needs only {@link #append}.
 */
public interface EventStore extends AutoCloseable {

    void append(SessionEvent event) throws IOException;

    /**
     * Puts the event in line, after every event submitted before it, and returns without waiting for it to
     * be durable; {@link Receipt#await()} waits. The default appends at once.
     */
    default Receipt submit(SessionEvent event) throws IOException {
        append(event);
        return Receipt.DURABLE;
    }

    /** Every event appended (and durable) so far, in order. */
    void replay(Consumer<? super SessionEvent> consumer);

    /** How many events {@link #replay} gives now. The default counts them by replaying. */
    default long count() {
        long[] n = {0};
        replay(e -> n[0]++);
        return n[0];
    }

    @Override
    default void close() throws IOException {}

    /** Says when one submitted event is durable. */
    @FunctionalInterface
    interface Receipt {
        /** For stores whose events are durable once submitted. */
        Receipt DURABLE = () -> {};

        /**
         * Returns once the event is durable; throws if it never will be (the store failed), naming why.
         * Waits through interrupts (the write is bounded and its outcome must be known), and keeps the
         * thread's interrupt status.
         */
        void await() throws IOException;
    }
}
