package dev.quarterdeck.session;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Where session events are kept. {@link #append} returns only once the event is as durable as the store
 * promises (in memory for now; the crash-safe journal fsyncs before returning).
 */
public interface EventStore extends AutoCloseable {

    void append(SessionEvent event) throws IOException;

    /** Every event appended so far, in order. */
    void replay(Consumer<? super SessionEvent> consumer);

    @Override
    default void close() throws IOException {}
}
