package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.RollbackPlan;
import dev.quarterdeck.plan.RollbackStep;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.TrafficRouter;
import dev.quarterdeck.traffic.WeightReading;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the environment's rollback plan on a lane of its own: it shares no thread or queue with weight
 * changes, probes or the console, so nothing queued there can delay it, and it needs nothing but the
 * router (it works with metrics down). Each step is retried with backoff on transient errors and verified
 * by reading back.
 */
final class RollbackExecutor implements AutoCloseable {
    private final RollbackPlan plan;
    private final TrafficRouter router;
    private final SessionLog log;
    private final Clock clock;
    private final Backoff backoff;
    private final ExecutorService lane = Executors.newSingleThreadExecutor(Threads.named("quarterdeck-rollback"));
    private final AtomicBoolean running = new AtomicBoolean();

    RollbackExecutor(RollbackPlan plan, TrafficRouter router, SessionLog log, Clock clock, Backoff backoff) {
        this.plan = plan;
        this.router = router;
        this.log = log;
        this.clock = clock;
        this.backoff = backoff;
    }

    /** Starts a rollback now; refused (and recorded) while one is already running. */
    void start(Actor who, String reason) {
        if (!running.compareAndSet(false, true)) {
            log.append(new SessionEvent.CommandRefused(clock.instant(), who, "rollback",
                    "a rollback is already running"));
            return;
        }
        lane.execute(() -> {
            try {
                run(who, reason);
            } finally {
                running.set(false);
            }
        });
    }

    /**
     * Sets the rollback's final weight again: a weight change that was already in flight when rollback began
     * landed after it. Runs on the rollback lane.
     */
    void reassert() {
        finalWeight().ifPresent(weight -> lane.execute(() -> {
            try {
                WeightReading reading = withRetries(() -> verified(weight));
                log.append(new SessionEvent.WeightApplied(clock.instant(), reading.weight().percent(),
                        weight.percent(), router.describe()));
            } catch (ActionException e) {
                log.append(new SessionEvent.WeightChangeFailed(clock.instant(), weight.percent(), router.describe(),
                        "re-applying the rollback weight failed: " + e.getMessage()));
            }
        }));
    }

    boolean running() {
        return running.get();
    }

    private void run(Actor who, String reason) {
        List<RollbackStep> steps = plan.steps();
        log.append(new SessionEvent.RollbackStarted(clock.instant(), who, reason, steps.size()));
        int weight = -1;
        for (int i = 0; i < steps.size(); i++) {
            RollbackStep step = steps.get(i);
            try {
                String detail;
                if (step instanceof RollbackStep.SetWeight set) {
                    WeightReading reading = withRetries(() -> verified(CanaryWeight.of(set.percent())));
                    weight = reading.weight().percent();
                    log.append(new SessionEvent.WeightApplied(clock.instant(), weight, set.percent(),
                            router.describe()));
                    detail = "read back " + reading.weight() + " from " + router.describe();
                } else {
                    throw new IllegalStateException("no executor for rollback step " + step);
                }
                log.append(new SessionEvent.RollbackStepFinished(clock.instant(), i, step.describe(), true, detail));
            } catch (ActionException e) {
                log.append(new SessionEvent.RollbackStepFinished(clock.instant(), i, step.describe(), false,
                        e.getMessage()));
                log.append(new SessionEvent.RollbackFinished(clock.instant(), false, weight,
                        "stopped at step " + (i + 1) + " of " + steps.size() + ": " + e.getMessage()));
                return;
            }
        }
        log.append(new SessionEvent.RollbackFinished(clock.instant(), true, weight,
                steps.size() + (steps.size() == 1 ? " step" : " steps") + " done"));
    }

    private WeightReading verified(CanaryWeight wanted) throws ActionException {
        WeightReading reading = router.setCanaryWeight(wanted);
        if (!reading.weight().equals(wanted)) {
            throw new ActionException(router.describe() + " reports " + reading.weight() + " after setting "
                    + wanted, true);
        }
        return reading;
    }

    private interface RouterCall {
        WeightReading call() throws ActionException;
    }

    private WeightReading withRetries(RouterCall call) throws ActionException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (ActionException e) {
                if (!e.transientFailure() || attempt >= backoff.attempts()) {
                    String tries = attempt == 1 ? "" : " (after " + attempt + " attempts)";
                    throw new ActionException(e.getMessage() + tries, e.transientFailure(), e);
                }
                pause(backoff.delayBefore(attempt + 1));
            }
        }
    }

    private void pause(Duration duration) throws ActionException {
        try {
            backoff.sleeper().sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException("rollback interrupted while waiting to retry", false, e);
        }
    }

    private java.util.Optional<CanaryWeight> finalWeight() {
        List<RollbackStep> steps = plan.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i) instanceof RollbackStep.SetWeight set) {
                return java.util.Optional.of(CanaryWeight.of(set.percent()));
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public void close() {
        lane.shutdownNow();
        try {
            lane.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
