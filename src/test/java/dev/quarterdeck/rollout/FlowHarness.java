package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.Action;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A release flow on a virtual clock, with a world that answers at once: weights read back as written,
 * rollbacks finish, actions succeed. Results queue up and are delivered by {@link #settle()}, as the engine
 * delivers them on its thread after the command that caused them, so the flow is never re-entered.
 */
final class FlowHarness {
    static final Actor CAPTAIN = new Actor("dana.okafor");

    final ManualClock clock = ManualClock.at("2026-11-22T09:00:00Z");
    final List<SessionEvent> events = new ArrayList<>();
    final List<String> rollbacks = new ArrayList<>();
    final List<Action> performed = new ArrayList<>();
    final ReleaseFlow flow;
    private final Deque<Runnable> pending = new ArrayDeque<>();
    private int routerWeight;
    Optional<String> writeRefusal = Optional.empty();
    boolean actionsSucceed = true;

    FlowHarness(String yaml) throws Exception {
        this(PlanLoader.parse("plan.yaml", yaml), EvidenceCheck.FILES);
    }

    FlowHarness(ReleasePlan plan, EvidenceCheck evidence) {
        flow = new ReleaseFlow(plan, plan.environments().get(0).name(), clock, events::add, new ReleaseFlow.Effects() {
            @Override
            public void applyWeight(int percent, Actor who, String reason) {
                events.add(new SessionEvent.WeightRequested(clock.instant(), who, percent, reason));
                pending.add(() -> {
                    routerWeight = percent;
                    deliver(new SessionEvent.WeightApplied(clock.instant(), percent, percent, "test router"));
                });
            }

            @Override
            public void rollback(Actor who, String reason, boolean staged) {
                rollbacks.add((staged ? "staged: " : "") + reason);
                pending.add(() -> {
                    deliver(new SessionEvent.RollbackStarted(clock.instant(), who, reason, 1));
                    routerWeight = 0;
                    deliver(new SessionEvent.WeightApplied(clock.instant(), 0, 0, "test router"));
                    deliver(new SessionEvent.RollbackFinished(clock.instant(), true, 0, "1 step done"));
                });
            }

            @Override
            public void perform(int step, Action action) {
                performed.add(action);
                pending.add(() -> flow.actionFinished(step, actionsSucceed,
                        actionsSucceed ? action.describe() + " done" : "the cluster refused"));
            }

            @Override
            public Optional<String> writeRefusal() {
                return writeRefusal;
            }
        }, evidence);
    }

    /** Delivers every result the world owes the flow, and whatever those set off. */
    FlowHarness settle() {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
        return this;
    }

    void deliver(SessionEvent event) {
        events.add(event);
        flow.observe(event);
    }

    FlowHarness probe(String id, Outcome outcome) {
        deliver(new SessionEvent.ProbeSample(clock.instant(), id, outcome, "", Duration.ofMillis(5)));
        return settle();
    }

    /** One sample of each track's value, as a scrape delivers them. NaN means no data. */
    FlowHarness sample(Metric metric, double canary, double stable) {
        deliver(new SessionEvent.MetricSample(clock.instant(), Track.STABLE, metric, stable,
                Double.isNaN(stable) ? Outcome.NO_DATA : Outcome.PASS, ""));
        deliver(new SessionEvent.MetricSample(clock.instant(), Track.CANARY, metric, canary,
                Double.isNaN(canary) ? Outcome.NO_DATA : Outcome.PASS, ""));
        return settle();
    }

    /**
     * Lets {@code duration} pass in steps of {@code every}: at each, the metrics {@code values} gives for that
     * moment (canary, stable) are sampled, then the flow ticks.
     */
    FlowHarness run(Duration duration, Duration every, Function<Instant, Map<Metric, double[]>> values) {
        Instant end = clock.instant().plus(duration);
        while (clock.instant().isBefore(end)) {
            clock.advance(every);
            values.apply(clock.instant()).forEach((metric, pair) -> sample(metric, pair[0], pair[1]));
            tick();
        }
        return this;
    }

    FlowHarness tick() {
        flow.tick();
        return settle();
    }

    FlowHarness wait(Duration duration) {
        clock.advance(duration);
        return tick();
    }

    int routerWeight() {
        return routerWeight;
    }

    <T extends SessionEvent> List<T> all(Class<T> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends SessionEvent> T last(Class<T> kind) {
        List<T> found = all(kind);
        if (found.isEmpty()) {
            throw new AssertionError("no " + kind.getSimpleName() + " in " + events);
        }
        return found.get(found.size() - 1);
    }

    /** The reason of the last refusal, for asserting on. */
    String lastRefusal() {
        return last(SessionEvent.CommandRefused.class).reason();
    }

    static Map<Metric, double[]> errors(double canary, double stable) {
        return Map.of(Metric.ERROR_RATE, new double[] {canary, stable});
    }
}
