package dev.quarterdeck.rollout;

import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.TrafficRouter;
import dev.quarterdeck.traffic.WeightReading;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory router for engine tests: it can hold a chosen write in flight (to stage races with rollback
 * deterministically) and fail a scripted number of calls. Routers against real servers are tested with
 * their adapters.
 */
final class ScriptedRouter implements TrafficRouter {
    private volatile int weight;
    private final List<Integer> writes = new CopyOnWriteArrayList<>();
    private final Deque<ActionException> failures = new ArrayDeque<>();
    private volatile int holdWritesOf = -1;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    ScriptedRouter(int initialWeight) {
        this.weight = initialWeight;
    }

    /** The next write of {@code percent} blocks until {@link #releaseHeldWrite()}. */
    void holdWriteOf(int percent) {
        holdWritesOf = percent;
    }

    void awaitHeldWrite() throws InterruptedException {
        if (!held.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the held write never started");
        }
    }

    void releaseHeldWrite() {
        release.countDown();
    }

    synchronized void failNext(ActionException failure) {
        failures.add(failure);
    }

    List<Integer> writes() {
        return List.copyOf(writes);
    }

    int weight() {
        return weight;
    }

    @Override
    public String describe() {
        return "scripted router";
    }

    @Override
    public WeightReading setCanaryWeight(CanaryWeight wanted) throws ActionException {
        synchronized (this) {
            ActionException failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
        }
        if (wanted.percent() == holdWritesOf) {
            holdWritesOf = -1;
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ActionException("interrupted", true, e);
            }
        }
        writes.add(wanted.percent());
        weight = wanted.percent();
        return readCanaryWeight();
    }

    @Override
    public WeightReading readCanaryWeight() {
        return new WeightReading(CanaryWeight.of(weight), Instant.EPOCH);
    }
}
