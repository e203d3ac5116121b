package dev.quarterdeck.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one ordered stream of a session's events. An event is stored first, then handed to every listener,
 * so nothing is shown that is not recorded. Listeners run on the appending thread, in append order, and
 * must not block: the console's bridge only queues.
 */
public final class SessionLog implements AutoCloseable {
    private final EventStore store;
    private final List<Consumer<? super SessionEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Object order = new Object();

    public SessionLog(EventStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public static SessionLog inMemory() {
        return new SessionLog(new InMemoryEventStore());
    }

    /** Records the event, then tells every listener. Thread-safe; all listeners see one order. */
    public void append(SessionEvent event) {
        Objects.requireNonNull(event, "event");
        synchronized (order) {
            try {
                store.append(event);
            } catch (IOException e) {
                throw new UncheckedIOException("could not record " + event.getClass().getSimpleName(), e);
            }
            for (Consumer<? super SessionEvent> listener : listeners) {
                listener.accept(event);
            }
        }
    }

    /**
     * Listens from now on, after first replaying everything recorded so far; no event is missed or seen twice.
     */
    public Subscription subscribe(Consumer<? super SessionEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (order) {
            store.replay(listener);
            listeners.add(listener);
        }
        return () -> listeners.remove(listener);
    }

    /** Every event so far, in order. */
    public List<SessionEvent> events() {
        List<SessionEvent> copy = new java.util.ArrayList<>();
        synchronized (order) {
            store.replay(copy::add);
        }
        return copy;
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
