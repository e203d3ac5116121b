package dev.quarterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.bench.BenchReport;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.rollout.Pacing;
import dev.quarterdeck.sandbox.CanaryFaults;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad canary caught and rolled back by itself, in the live sandbox: metrics scraped every 2 s, a Sev1 rule at
 * 5 % canary errors, then 10 % of canary requests made to fail. Measured: fault injected → weight 0 read back
 * from the router, and its two parts (injection → breach seen in a sample; breach → weight 0 applied).
 * Flagger and Argo Rollouts cannot run here; their documented times to roll back are set beside it.
 */
class AutoRollbackBench {
    private static final int RUNS = 12;
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Actor CAPTAIN = new Actor("bench");

    @TempDir
    Path home;

    @Test
    void aTenPercentErrorCanaryIsRolledBackByItself() throws Exception {
        List<Double> total = new ArrayList<>();
        List<Double> detect = new ArrayList<>();
        List<Double> react = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            double[] figures = once();
            total.add(figures[0]);
            detect.add(figures[1]);
            react.add(figures[2]);
        }
        double median = BenchReport.quantile(total, 0.5);
        double flagger = 60.0 * 10; // analysis interval 1m × threshold 10, Flagger's documented example
        double argo = 60.0 * (3 + 1); // analysis interval 1m × (failureLimit 3 + 1), Argo Rollouts' docs
        new BenchReport("auto-rollback", "s", median, flagger,
                "Flagger documented: interval 1m × threshold 10 (formula, not measured)", RUNS,
                median, BenchReport.quantile(total, 0.99), String.format(java.util.Locale.ROOT,
                        "fault injected → weight 0 read back, metrics every %d s, Sev1 at 5%% canary errors, 10%% "
                                + "injected. Median injection → breach sample %.2f s, breach → weight 0 %.3f s. "
                                + "Argo Rollouts documented: 1m × (failureLimit 3 + 1) = %.0f s; at the same 2 s "
                                + "interval Flagger (threshold 10) would take 20 s, Argo (failureLimit 3) 8 s.",
                        INTERVAL.toSeconds(), BenchReport.quantile(detect, 0.5), BenchReport.quantile(react, 0.5),
                        argo)).write();
        assertThat(total).hasSize(RUNS);
    }

    /** One run: seconds from injection to weight 0, to the breaching sample, and from breach to weight 0. */
    private double[] once() throws Exception {
        ReleasePlan plan = PlanLoader.parse("bench.yaml", """
                apiVersion: quarterdeck/v1
                metadata: {name: checkout, version: "2.4.0", owner: bench}
                environments:
                  - name: sandbox
                    traffic: {sandbox: {requestsPerSecond: 200}}
                    metrics:
                      scrape: {interval: 2s, window: 4s}
                canary:
                  steps:
                    - setWeight: 25
                    - pause: {}
                abort:
                  - {severity: sev1, when: {metric: error-rate, track: canary, max: 5%}, then: rollback}
                """);
        try (LiveSession session = LiveSession.open(plan, plan.environments().get(0), CAPTAIN, Clock.systemUTC(),
                Map.of(), home, Pacing.standard())) {
            CompletableFuture<SessionEvent.StageChanged> ready = first(session, SessionEvent.StageChanged.class,
                    c -> c.stage() == dev.quarterdeck.session.ReleaseStage.READY);
            ready.get(30, TimeUnit.SECONDS);
            CompletableFuture<SessionEvent.WeightApplied> at25 = first(session, SessionEvent.WeightApplied.class,
                    a -> a.percent() == 25 && a.requestedPercent() == 25);
            session.engine().advance(CAPTAIN);
            Instant started = at25.get(30, TimeUnit.SECONDS).at();
            // Two healthy canary samples after the weight moved: the windows hold only canary traffic at 25 %.
            CompletableFuture<SessionEvent.MetricSample> healthy = first(session, SessionEvent.MetricSample.class,
                    s -> s.track() == Track.CANARY && s.metric() == Metric.ERROR_RATE && s.hasValue()
                            && s.at().isAfter(started.plus(INTERVAL.multipliedBy(2))));
            healthy.get(30, TimeUnit.SECONDS);

            Instant injected = Instant.now();
            // Subscribing replays what is recorded: only what happens after the injection counts.
            CompletableFuture<SessionEvent.MetricSample> breach = first(session, SessionEvent.MetricSample.class,
                    s -> s.track() == Track.CANARY && s.metric() == Metric.ERROR_RATE && s.hasValue()
                            && s.value() > 0.05 && s.at().isAfter(injected));
            CompletableFuture<SessionEvent.WeightApplied> atZero = first(session, SessionEvent.WeightApplied.class,
                    a -> a.percent() == 0 && a.at().isAfter(injected));
            session.sandbox().orElseThrow().setCanaryFaults(new CanaryFaults(0.10, Duration.ZERO));
            SessionEvent.WeightApplied zero = atZero.get(60, TimeUnit.SECONDS);
            SessionEvent.MetricSample seen = breach.get(1, TimeUnit.SECONDS);
            return new double[] {
                seconds(injected, zero.at()), seconds(injected, seen.at()), seconds(seen.at(), zero.at())};
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static <T extends SessionEvent> CompletableFuture<T> first(LiveSession session, Class<T> kind,
            java.util.function.Predicate<T> matching) {
        CompletableFuture<T> found = new CompletableFuture<>();
        session.log().subscribe(e -> {
            if (kind.isInstance(e) && matching.test(kind.cast(e))) {
                found.complete(kind.cast(e));
            }
        });
        return found;
    }
}
