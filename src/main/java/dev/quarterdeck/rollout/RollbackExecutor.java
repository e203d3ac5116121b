package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.RollbackPlan;
import dev.quarterdeck.plan.Action;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.WeightReading;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the environment's rollback plan on a lane of its own: it shares no thread or queue with weight
 * changes, probes or the console, so nothing queued there can delay it, and it needs nothing but the
 * environment's router and workloads (it works with metrics down and probes hung). Each step is retried with
 * backoff on transient errors and verified by reading back; the first step that cannot be done stops the
 * rollback and says why.
 */
final class RollbackExecutor implements AutoCloseable {
    private final RollbackPlan plan;
    private final EnvironmentPorts ports;
    private final RollbackSteps steps;
    private final SessionLog log;
    private final Clock clock;
    private final Backoff backoff;
    private final Approvals approvals;
    private final ExecutorService lane = Executors.newSingleThreadExecutor(Threads.named("quarterdeck-rollback"));
    private final AtomicBoolean running = new AtomicBoolean();

    RollbackExecutor(RollbackPlan plan, EnvironmentPorts ports, LastKnownGood lastKnownGood, SessionLog log,
            Clock clock, Pacing pacing) {
        this.plan = plan;
        this.ports = ports;
        this.log = log;
        this.clock = clock;
        this.backoff = pacing.backoff();
        this.approvals = new Approvals();
        this.steps = new RollbackSteps(ports, lastKnownGood, approvals, log, clock, pacing);
    }

    /** Starts the immediate rollback now; refused (and recorded) while one is already running. */
    void start(Actor who, String reason) {
        start(who, reason, false);
    }

    /**
     * Starts a rollback now, immediate or staged (the plan's weights stepped down with a hold at each, then its
     * other steps); refused (and recorded) while one is already running.
     */
    void start(Actor who, String reason, boolean staged) {
        if (!running.compareAndSet(false, true)) {
            log.append(new SessionEvent.CommandRefused(clock.instant(), who, "rollback",
                    "a rollback is already running"));
            return;
        }
        lane.execute(() -> {
            try {
                run(who, reason, staged ? plan.stagedSteps().orElse(plan.steps()) : plan.steps());
            } finally {
                running.set(false);
            }
        });
    }

    /** Answers an approval step; refused with the reason when nothing waits for this person there. */
    Optional<String> answer(int index, Approvals.Answer answer) {
        return approvals.answer(index, answer);
    }

    /**
     * Sets the rollback's final weight again: a weight change that was already in flight when rollback began
     * landed after it. Runs on the rollback lane.
     */
    void reassert() {
        finalWeight().ifPresent(weight -> lane.execute(() -> {
            try {
                WeightReading reading = backoff.retry(() -> {
                    WeightReading r = ports.router().setCanaryWeight(weight);
                    if (!r.weight().equals(weight)) {
                        throw new ActionException("the router reads back " + r.weight() + " after setting " + weight,
                                true);
                    }
                    return r;
                });
                log.append(new SessionEvent.WeightApplied(clock.instant(), reading.weight().percent(),
                        weight.percent(), ports.router().describe()));
            } catch (ActionException e) {
                log.append(new SessionEvent.WeightChangeFailed(clock.instant(), weight.percent(),
                        ports.router().describe(), "re-applying the rollback weight failed: " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    boolean running() {
        return running.get();
    }

    private void run(Actor who, String reason, List<Action> all) {
        log.append(new SessionEvent.RollbackStarted(clock.instant(), who, reason, all.size()));
        for (int i = 0; i < all.size(); i++) {
            Action step = all.get(i);
            int index = i;
            log.append(new SessionEvent.RollbackStepStarted(clock.instant(), index, step.describe()));
            try {
                String detail = steps.runRetried(index, step);
                log.append(new SessionEvent.RollbackStepFinished(clock.instant(), index, step.describe(), true, detail));
            } catch (ActionException e) {
                log.append(new SessionEvent.RollbackStepFinished(clock.instant(), index, step.describe(), false,
                        e.getMessage()));
                log.append(new SessionEvent.RollbackFinished(clock.instant(), false, readWeight(),
                        "stopped at step " + (index + 1) + " of " + all.size() + ": " + e.getMessage()));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.append(new SessionEvent.RollbackFinished(clock.instant(), false, -1,
                        "interrupted at step " + (index + 1) + " of " + all.size() + ": Quarterdeck is stopping"));
                return;
            }
        }
        log.append(new SessionEvent.RollbackFinished(clock.instant(), true, readWeight(),
                all.size() + (all.size() == 1 ? " step" : " steps") + " done"));
    }

    /** The weight the router applies at the end, for the record; -1 when it cannot be read. */
    private int readWeight() {
        try {
            return ports.router().readCanaryWeight().weight().percent();
        } catch (ActionException e) {
            return -1;
        }
    }

    private Optional<CanaryWeight> finalWeight() {
        List<Action> all = plan.steps();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i) instanceof Action.SetWeight set) {
                return Optional.of(CanaryWeight.of(set.percent()));
            }
            if (all.get(i) instanceof Action.DisableCanary) {
                return Optional.of(CanaryWeight.NONE);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        approvals.abandonAll();
        lane.shutdownNow();
        try {
            lane.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
