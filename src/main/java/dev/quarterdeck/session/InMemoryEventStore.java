package dev.quarterdeck.session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Keeps events in memory only: for tests, for headless runs, and until the journal lands. */
public final class InMemoryEventStore implements EventStore {
    private final List<SessionEvent> events = new ArrayList<>();

    @Override
    public synchronized void append(SessionEvent event) {
        events.add(event);
    }

    @Override
    public void replay(Consumer<? super SessionEvent> consumer) {
        List<SessionEvent> copy;
        synchronized (this) {
            copy = List.copyOf(events);
        }
        copy.forEach(consumer);
    }

    @Override
    public synchronized long count() {
        return events.size();
    }
}
