package dev.quarterdeck.ui;

import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.session.Subscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The one way session events reach the FX thread. {@link SessionLog} calls its listeners on the appending
 * thread, which must never wait for the screen, so the bridge only queues there; a burst of events becomes
 * one task on the FX thread that drains the queue and hands every view model the whole batch (JabRef's
 * "refresh queued" flag). Metric samples arrive several per second per track: batching keeps the console at
 * one update per pulse however fast the engine writes.
 *
 * <p>Register every listener with {@link #listen} before {@link #connect}: the session's history is replayed
 * into the first batch, and a listener added later sees only later batches.
 */
public final class FxBridge implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FxBridge.class.getName());

    private final Executor fxThread;
    private final Queue<SessionEvent> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final List<Consumer<? super List<SessionEvent>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Subscription> sources = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param fxThread runs a task on the FX thread: {@code Platform::runLater} in the console, {@code Runnable::run}
     *     in view model tests so every append is seen at once
     */
    public FxBridge(Executor fxThread) {
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
    }

    /** A bridge that delivers on the JavaFX application thread. */
    public static FxBridge onFxThread() {
        return new FxBridge(Platform::runLater);
    }

    /** Receives each batch of events, in session order, on the FX thread. */
    public Subscription listen(Consumer<? super List<SessionEvent>> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Starts forwarding the log's events (its history first). {@link #close} releases the subscription. */
    public void connect(SessionLog log) {
        Objects.requireNonNull(log, "log");
        if (closed) {
            throw new IllegalStateException("the bridge is closed");
        }
        sources.add(log.subscribe(this::offer));
    }

    /** Queues one event; called on whatever thread appended it. Never blocks. */
    public void offer(SessionEvent event) {
        if (closed) {
            return;
        }
        inbox.add(event);
        if (drainQueued.compareAndSet(false, true)) {
            fxThread.execute(this::drain);
        }
    }

    private void drain() {
        // Cleared before polling: an event offered while we drain either lands in this batch or queues a new
        // drain, never neither.
        drainQueued.set(false);
        List<SessionEvent> batch = new ArrayList<>();
        for (SessionEvent event = inbox.poll(); event != null; event = inbox.poll()) {
            batch.add(event);
        }
        if (batch.isEmpty() || closed) {
            return;
        }
        List<SessionEvent> view = Collections.unmodifiableList(batch);
        for (Consumer<? super List<SessionEvent>> listener : listeners) {
            try {
                listener.accept(view);
            } catch (RuntimeException e) {
                // One broken panel must not blind the others, least of all the rollback button.
                LOG.log(System.Logger.Level.ERROR, "a console panel failed to take session events", e);
            }
        }
    }

    /** Stops listening to the session and drops whatever is queued. Closing twice is harmless. */
    @Override
    public void close() {
        closed = true;
        sources.forEach(Subscription::close);
        sources.clear();
        listeners.clear();
        inbox.clear();
    }
}
