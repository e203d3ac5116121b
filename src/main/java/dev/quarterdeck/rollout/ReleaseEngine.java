package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.ChecklistItem;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.TrafficRouter;
import dev.quarterdeck.traffic.WeightReading;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The release session's engine: a single-threaded actor. All session state is touched only on the engine
 * thread, so the domain needs no locks; commands and I/O results arrive there as messages. Router calls
 * run on a traffic lane, rollback on a lane of its own.
 *
 * <p>Weight requests coalesce: while one change is being applied, further requests replace each other and
 * only the latest is applied next, so dragging a slider does not queue a hundred router writes.
 */
public final class ReleaseEngine implements ReleaseCommands, AutoCloseable {
    private final ReleasePlan plan;
    private final Environment environment;
    private final TrafficRouter router;
    private final SessionLog log;
    private final Clock clock;
    private final ExecutorService engine = Executors.newSingleThreadExecutor(Threads.named("quarterdeck-engine"));
    private final ExecutorService trafficLane = Executors.newSingleThreadExecutor(Threads.named("quarterdeck-traffic"));
    private final RollbackExecutor rollback;

    /** Bumped by every rollback; a weight request from an older epoch is dropped, a write that raced it undone. */
    private final AtomicLong epoch = new AtomicLong();

    // Engine-thread state.
    private PendingWeight pending;
    private boolean applying;

    private record PendingWeight(int percent, long epoch) {}

    public ReleaseEngine(ReleasePlan plan, Environment environment, TrafficRouter router, SessionLog log,
            Clock clock, Backoff backoff) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.router = Objects.requireNonNull(router, "router");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rollback = new RollbackExecutor(plan.rollback(), router, log, clock, backoff);
    }

    /**
     * Records the session's start (before returning, so whatever the caller records next follows it), then
     * reads the weight the router applies now.
     */
    public void start(Actor operator) {
        log.append(new SessionEvent.SessionStarted(clock.instant(), plan.metadata().name(),
                plan.metadata().version(), environment.name(), operator));
        trafficLane.execute(() -> {
            try {
                WeightReading reading = router.readCanaryWeight();
                log.append(new SessionEvent.WeightApplied(clock.instant(), reading.weight().percent(),
                        SessionEvent.WeightApplied.PLAIN_READ, router.describe()));
            } catch (ActionException e) {
                log.append(new SessionEvent.WeightChangeFailed(clock.instant(), -1, router.describe(),
                        "could not read the current weight: " + e.getMessage()));
            }
        });
    }

    @Override
    public void requestWeight(int percent, Actor who, String reason) {
        engine.execute(() -> {
            if (percent < 0 || percent > 100) {
                log.append(new SessionEvent.CommandRefused(clock.instant(), who, "set weight " + percent + "%",
                        "a canary weight is 0 to 100 %"));
                return;
            }
            if (rollback.running()) {
                log.append(new SessionEvent.CommandRefused(clock.instant(), who, "set weight " + percent + "%",
                        "a rollback is running; wait for it to finish"));
                return;
            }
            log.append(new SessionEvent.WeightRequested(clock.instant(), who, percent, reason));
            pending = new PendingWeight(percent, epoch.get());
            if (!applying) {
                applyPending();
            }
        });
    }

    /** Engine thread: hands the latest pending weight to the traffic lane, if any. */
    private void applyPending() {
        PendingWeight next = pending;
        pending = null;
        if (next == null || next.epoch != epoch.get()) {
            applying = false;
            return;
        }
        applying = true;
        trafficLane.execute(() -> {
            Optional<WeightReading> reading;
            String error = null;
            try {
                reading = Optional.of(router.setCanaryWeight(CanaryWeight.of(next.percent)));
            } catch (ActionException e) {
                reading = Optional.empty();
                error = e.getMessage();
            }
            Optional<WeightReading> result = reading;
            String failure = error;
            engine.execute(() -> weightResult(next, result, failure));
        });
    }

    /** Engine thread: records what the router read back, and undoes a write that raced a rollback. */
    private void weightResult(PendingWeight wanted, Optional<WeightReading> reading, String error) {
        if (reading.isPresent()) {
            log.append(new SessionEvent.WeightApplied(clock.instant(), reading.get().weight().percent(),
                    wanted.percent, router.describe()));
        } else {
            log.append(new SessionEvent.WeightChangeFailed(clock.instant(), wanted.percent, router.describe(), error));
        }
        if (wanted.epoch != epoch.get()) {
            rollback.reassert();
        }
        applyPending();
    }

    @Override
    public void rollback(Actor who, String reason) {
        // Not through the engine thread: rollback must not wait for anything queued there.
        epoch.incrementAndGet();
        rollback.start(who, reason);
    }

    @Override
    public void markChecklistItem(String itemId, boolean done, Actor who, String note) {
        engine.execute(() -> {
            Optional<ChecklistItem> item = plan.checklist().stream().filter(i -> i.id().equals(itemId)).findFirst();
            if (item.isEmpty()) {
                log.append(new SessionEvent.CommandRefused(clock.instant(), who, "tick " + itemId,
                        "the plan has no checklist item '" + itemId + "'"));
            } else if (item.get().automatic()) {
                log.append(new SessionEvent.CommandRefused(clock.instant(), who, "tick " + itemId,
                        "'" + item.get().title() + "' is automatic: it passes when probe '"
                                + item.get().probe().orElseThrow() + "' passes"));
            } else {
                log.append(new SessionEvent.ChecklistItemMarked(clock.instant(), who, itemId, done,
                        note == null ? "" : note));
            }
        });
    }

    @Override
    public void addNote(Actor who, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        engine.execute(() -> log.append(new SessionEvent.NoteAdded(clock.instant(), who, text.strip())));
    }

    /** True while a rollback runs. */
    public boolean rollingBack() {
        return rollback.running();
    }

    @Override
    public void close() {
        rollback.close();
        engine.shutdownNow();
        trafficLane.shutdownNow();
        try {
            engine.awaitTermination(5, TimeUnit.SECONDS);
            trafficLane.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
