package dev.quarterdeck.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one ordered stream of a session's events. An event is stored first, then handed to every listener,
 * so nothing is shown that is not recorded. Listeners see events in append order, each event before its
 * {@code append} returns, and must not block: the console's bridge only queues.
 *
 * <p>The order is fixed when an event is submitted to the store, under a short lock; waiting for it to be
 * durable happens outside that lock, so threads appending at once (probes, the engine) share one fsync of
 * the journal instead of queueing for one each. Events are then handed to listeners strictly in order: a
 * thread whose event is durable delivers every durable event at the head of the line, its own included,
 * and waits until its own has been delivered.
 */
public final class SessionLog implements AutoCloseable {
    private final EventStore store;
    private final List<Consumer<? super SessionEvent>> listeners = new CopyOnWriteArrayList<>();
    /** Held while an event is submitted: fixes the session's one order. */
    private final Object order = new Object();
    /** Held while events are handed to listeners, and while a subscriber catches up. */
    private final Object delivery = new Object();
    /** Submitted, not yet delivered, in order. Added under {@code order}, removed under {@code delivery}. */
    private final Queue<Pending> line = new ConcurrentLinkedQueue<>();
    /**
     * How many of the store's events listeners have been given (or, for those recorded before this log was
     * made, would have been); guarded by {@code delivery}.
     */
    private long delivered;

    /** One event on its way from the store to the listeners. Its fields are guarded by {@code delivery}. */
    private static final class Pending {
        final SessionEvent event;
        EventStore.Receipt receipt;
        boolean durable;
        boolean failed;
        boolean done;
        RuntimeException listenerFailure;

        Pending(SessionEvent event) {
            this.event = event;
        }
    }

    public SessionLog(EventStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.delivered = store.count();
    }

    public static SessionLog inMemory() {
        return new SessionLog(new InMemoryEventStore());
    }

    /**
     * Records the event, then tells every listener. Thread-safe; all listeners see one order. Throws
     * {@link UncheckedIOException} when the store could not make the event durable; listeners never see it.
     */
    public void append(SessionEvent event) {
        Objects.requireNonNull(event, "event");
        Pending pending = new Pending(event);
        synchronized (order) {
            try {
                pending.receipt = store.submit(event);
            } catch (IOException e) {
                throw failure(event, e);
            }
            line.add(pending);
        }
        IOException notStored = null;
        try {
            pending.receipt.await();
        } catch (IOException e) {
            notStored = e;
        }
        boolean interrupted = false;
        synchronized (delivery) {
            pending.durable = notStored == null;
            pending.failed = notStored != null;
            deliverReady();
            while (!pending.done) {
                try {
                    delivery.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (notStored != null) {
            throw failure(event, notStored);
        }
        if (pending.listenerFailure != null) {
            throw pending.listenerFailure;
        }
    }

    /** Hands every settled event at the head of the line to the listeners. Holds {@code delivery}. */
    private void deliverReady() {
        for (Pending head = line.peek(); head != null && (head.durable || head.failed); head = line.peek()) {
            line.poll();
            if (head.durable) {
                delivered++;
                for (Consumer<? super SessionEvent> listener : listeners) {
                    try {
                        listener.accept(head.event);
                    } catch (RuntimeException e) {
                        if (head.listenerFailure == null) {
                            head.listenerFailure = e;
                        }
                    }
                }
            }
            head.done = true;
        }
        delivery.notifyAll();
    }

    private static UncheckedIOException failure(SessionEvent event, IOException e) {
        return new UncheckedIOException("could not record " + event.getClass().getSimpleName(), e);
    }

    /**
     * Listens from now on, after first replaying everything recorded so far; no event is missed or seen twice.
     */
    public Subscription subscribe(Consumer<? super SessionEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (delivery) {
            replayDelivered(listener);
            listeners.add(listener);
        }
        return () -> listeners.remove(listener);
    }

    /** Every event so far, in order. */
    public List<SessionEvent> events() {
        List<SessionEvent> copy = new ArrayList<>();
        synchronized (delivery) {
            replayDelivered(copy::add);
        }
        return copy;
    }

    /** The events listeners have been given: the store may hold a few more that are on their way. */
    private void replayDelivered(Consumer<? super SessionEvent> consumer) {
        long[] left = {delivered};
        store.replay(e -> {
            if (left[0]-- > 0) {
                consumer.accept(e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
