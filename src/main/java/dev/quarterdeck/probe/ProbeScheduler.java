package dev.quarterdeck.probe;

import dev.quarterdeck.plan.Durations;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs probes and metric sources on their intervals and appends what they observe to the session log.
 *
 * <p>Two kinds of thread, all daemons. One timer thread calls {@link #tick()} every {@code resolution}; a
 * tick only looks at the clock and hands due tasks to the I/O pool, so it never blocks on a target. The I/O
 * pool has no queue: a task either gets a thread now or its beat is recorded as missed, so nothing ever waits
 * behind a hung call. Its size is bounded by the number of tasks (never fewer than {@code ioThreads}): since a
 * task has at most one run in flight, a burst of every task falling due at once still gets a thread each,
 * and idle threads end after 30 s.
 *
 * <p>No pile-up: a task whose previous run is still in flight is not started again. That beat is recorded
 * through {@link ProbeTask#missed} as an {@code ERROR} sample ("previous run still running after 2 s;
 * skipped") and counted in {@link #counts()}. An event rather than only a counter, because a gate reading
 * the latest sample must see that the target went unobserved, not an old PASS. Since each task has at most
 * one run in flight, a pool with at least as many threads as tasks never turns a task away, however many
 * targets hang.
 *
 * <p>Each task bounds its own I/O by its {@link ProbeTask#timeout()} (the HTTP transport sets a per-call
 * deadline). Due times and timestamps come from the injected {@link Clock}; with a virtual clock a test
 * drives the scheduler by advancing the clock and calling {@link #tick()} itself, without {@link #start}.
 */
public final class ProbeScheduler implements AutoCloseable {
    /** How often the timer looks for due tasks; intervals are honoured to within this. */
    public static final Duration DEFAULT_RESOLUTION = Duration.ofMillis(20);
    /** Enough for the usual plan (a few probes plus the two metric tracks) with every target hung. */
    public static final int DEFAULT_IO_THREADS = 16;

    private final SessionLog log;
    private final Clock clock;
    private final ThreadPoolExecutor io;
    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private final Object tickLock = new Object();
    private final AtomicReference<ScheduledExecutorService> timer = new AtomicReference<>();
    private volatile boolean closed;

    public ProbeScheduler(SessionLog log, Clock clock) {
        this(log, clock, DEFAULT_IO_THREADS);
    }

    public ProbeScheduler(SessionLog log, Clock clock, int ioThreads) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ioThreads < 1) {
            throw new IllegalArgumentException("need at least one I/O thread, was " + ioThreads);
        }
        this.io = new ThreadPoolExecutor(ioThreads, ioThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemons("quarterdeck-probe-io"), new ThreadPoolExecutor.AbortPolicy());
        io.allowCoreThreadTimeOut(true);
    }

    /** Adds a task, first due at the next tick. Works before and after {@link #start}. */
    public void add(ProbeTask task) {
        Objects.requireNonNull(task, "task");
        if (task.interval().isNegative() || task.interval().isZero()) {
            throw new IllegalArgumentException(task.name() + ": interval must be positive, was " + task.interval());
        }
        synchronized (tickLock) {
            if (slots.stream().anyMatch(s -> s.task.name().equals(task.name()))) {
                throw new IllegalArgumentException("a task named '" + task.name() + "' is already scheduled");
            }
            slots.add(new Slot(task, clock.instant()));
            if (slots.size() > io.getMaximumPoolSize()) {
                io.setMaximumPoolSize(slots.size());
            }
        }
    }

    /** Starts the timer thread at {@link #DEFAULT_RESOLUTION}. */
    public void start() {
        start(DEFAULT_RESOLUTION);
    }

    /** Starts the timer thread, looking for due tasks every {@code resolution}. Starting twice is an error. */
    public void start(Duration resolution) {
        if (closed) {
            throw new IllegalStateException("the scheduler is closed");
        }
        ScheduledExecutorService service = Executors.newSingleThreadScheduledExecutor(daemons("quarterdeck-probe-timer"));
        if (!timer.compareAndSet(null, service)) {
            service.shutdown();
            throw new IllegalStateException("the scheduler is already started");
        }
        long nanos = Math.max(1, resolution.toNanos());
        service.scheduleWithFixedDelay(this::tickSafely, 0, nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Starts every task that is due by the clock and records a missed beat for each due task that cannot
     * start. Returns at once: runs happen on the I/O pool.
     */
    public void tick() {
        if (closed) {
            return;
        }
        List<SessionEvent> missed = new ArrayList<>();
        synchronized (tickLock) {
            Instant now = clock.instant();
            for (Slot slot : slots) {
                if (now.isBefore(slot.nextDue)) {
                    continue;
                }
                slot.nextDue = nextDue(slot.nextDue, slot.task.interval(), now);
                dispatch(slot, now, missed);
            }
        }
        // Appended outside the lock: the journal may fsync, and add() should not wait for it.
        missed.forEach(log::append);
    }

    /** How each task has fared so far, by task name, in the order they were added. */
    public Map<String, RunCounts> counts() {
        Map<String, RunCounts> counts = new LinkedHashMap<>();
        for (Slot slot : slots) {
            counts.put(slot.task.name(), new RunCounts(slot.started.get(), slot.finished.get(), slot.missed.get()));
        }
        return counts;
    }

    /**
     * Stops at once: no task starts after this returns, and results still to come are dropped. Runs in
     * flight are interrupted but not waited for; a call stuck in a socket read ends at its own deadline at
     * the latest, on a daemon thread that never holds the JVM open. Closing twice is harmless.
     */
    @Override
    public void close() {
        closed = true;
        ScheduledExecutorService service = timer.getAndSet(null);
        if (service != null) {
            service.shutdownNow();
        }
        io.shutdownNow();
    }

    private void dispatch(Slot slot, Instant now, List<SessionEvent> missed) {
        Instant since = slot.inFlightSince.get();
        if (since != null || !slot.inFlightSince.compareAndSet(null, now)) {
            Duration running = since == null ? Duration.ZERO : Duration.between(since, now);
            slot.missed.incrementAndGet();
            missed.addAll(slot.task.missed(now,
                    "previous run still running after " + Durations.human(running) + "; skipped"));
            return;
        }
        // Counted before the hand-off so that finished never runs ahead of started.
        slot.started.incrementAndGet();
        try {
            io.execute(() -> runOnce(slot));
        } catch (RejectedExecutionException e) {
            slot.started.decrementAndGet();
            slot.inFlightSince.set(null);
            if (closed) {
                return;
            }
            slot.missed.incrementAndGet();
            missed.addAll(slot.task.missed(now,
                    "no free I/O thread (all " + io.getMaximumPoolSize() + " busy); skipped"));
        }
    }

    private void runOnce(Slot slot) {
        try {
            List<? extends SessionEvent> events;
            try {
                events = slot.task.run();
            } catch (RuntimeException e) {
                // A bug in one task must show up in the timeline, and must not kill the pool thread silently.
                events = slot.task.missed(clock.instant(), "crashed: " + e);
            }
            try {
                events.forEach(log::append);
            } catch (RuntimeException e) {
                // A run that ends while the session closes has nobody left to tell; any other failure is a bug.
                if (!closed) {
                    throw e;
                }
            }
        } finally {
            // Cleared only after appending, so a task's events never overtake those of its previous run.
            slot.finished.incrementAndGet();
            slot.inFlightSince.set(null);
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again; one bad tick must not stop all probing.
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
    }

    /** The next beat after {@code due}; after a long stall (or a jump of the clock), no burst of catch-up runs. */
    private static Instant nextDue(Instant due, Duration interval, Instant now) {
        Instant next = due.plus(interval);
        return next.isAfter(now) ? next : now.plus(interval);
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One task's schedule and bookkeeping. {@code nextDue} is guarded by the tick lock. */
    private static final class Slot {
        final ProbeTask task;
        Instant nextDue;
        final AtomicReference<Instant> inFlightSince = new AtomicReference<>();
        final AtomicLong started = new AtomicLong();
        final AtomicLong finished = new AtomicLong();
        final AtomicLong missed = new AtomicLong();

        Slot(ProbeTask task, Instant firstDue) {
            this.task = task;
            this.nextDue = firstDue;
        }
    }
}
