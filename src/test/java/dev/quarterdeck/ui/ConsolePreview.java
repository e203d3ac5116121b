package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.rollout.ReleaseCommands;
import dev.quarterdeck.sandbox.CanaryFaults;
import dev.quarterdeck.sandbox.SandboxControl;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.PreflightChecked.Access;
import dev.quarterdeck.session.SessionLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;

/**
 * A throwaway demo: the console on a fake session with synthetic metrics flowing, for looking at it (and
 * screenshots under Xvfb). Arguments: {@code dark}, {@code rollback} (a rollback half done), {@code failed}
 * (a weight change that failed), {@code bad} (a canary over its error ceiling), {@code rolledback} (a finished
 * rollback), {@code empty} (no events yet).
 *
 * <p>Guards, any combination: {@code protected} (the name not typed yet), {@code locked} (until leadership
 * approves), {@code readonly} (sam@console-2 holds the lease, renewed every 10 s), {@code insecure} (TLS not
 * verified), {@code preflight} (two permissions missing, the router check failed), {@code rollout} (a rollback at
 * step 3 of 6, waiting for a rollout), {@code approval} (a rollback at step 4 of 6, waiting for db-owner).
 * Production is in a cluster (ingress-nginx) in every preview, so access, checks and last known good show.
 */
public final class ConsolePreview {
    private static final Actor CAPTAIN = new Actor("dana.okafor");

    public static void main(String[] args) throws Exception {
        Set<String> options = Set.of(args);
        Clock clock = Clock.systemDefaultZone();
        SessionLog log = SessionLog.inMemory();
        ScheduledExecutorService engine = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "preview-engine");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger weight = new AtomicInteger(options.contains("rolledback") ? 0 : 5);
        AtomicReference<CanaryFaults> faults = new AtomicReference<>(
                options.contains("bad") ? new CanaryFaults(0.03, Duration.ofMillis(180)) : CanaryFaults.NONE);
        PreviewEngine commands = new PreviewEngine(log, clock, engine, weight);
        commands.leaseOurs = !options.contains("readonly");
        SandboxControl sandbox = new SandboxControl() {
            @Override
            public CanaryFaults canaryFaults() {
                return faults.get();
            }

            @Override
            public void setCanaryFaults(CanaryFaults wanted) {
                faults.set(wanted);
                log.append(new SessionEvent.SandboxFaultsChanged(
                        clock.instant(), CAPTAIN, wanted.errorRatio(), wanted.addedLatency()));
            }
        };

        if (!options.contains("empty")) {
            history(log, clock.instant(), options);
        }
        ConsoleContext context = new ConsoleContext(
                TestPlans.checkoutApi(), environment(options), log, commands, CAPTAIN, Optional.of(sandbox), clock,
                TaskExecutor.using(engine, Platform::runLater));
        ConsoleLauncher.startJavaFx();
        ConsoleWindow window = ConsoleLauncher.open(context).get();
        window.firstFrame().thenRun(() -> System.out.println("first frame"));
        // Fill the screen, whatever its size: an Xvfb screen of 1100×700 shows the smallest console.
        Platform.runLater(() -> {
            javafx.stage.Window stage = window.scene().getWindow();
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            stage.setX(screen.getMinX());
            stage.setY(screen.getMinY());
            stage.setWidth(screen.getWidth());
            stage.setHeight(screen.getHeight());
        });
        if (options.contains("dark")) {
            Platform.runLater(() -> ((atlantafx.base.controls.ToggleSwitch) window.scene().lookup("#dark-theme"))
                    .setSelected(true));
        }
        Random random = new Random(7);
        if (!options.contains("empty")) {
            engine.scheduleAtFixedRate(() -> metricsAt(log, clock.instant(), random, weight.get(), faults.get()),
                    0, 500, TimeUnit.MILLISECONDS);
        }
        if (options.contains("readonly")) {
            // The other console renews; this one tries again to take the lease and reads who holds it.
            engine.scheduleAtFixedRate(() -> {
                if (!commands.leaseOurs) {
                    log.append(heldBySam(clock.instant()));
                }
            }, 10, 10, TimeUnit.SECONDS);
        }
        window.closed().get();
        engine.shutdownNow();
    }

    /** Production in a cluster, with the guards the options ask for. */
    private static Environment environment(Set<String> options) {
        Environment guarded = TestPlans.guardedProduction();
        return new Environment(guarded.name(), true, guarded.traffic(), guarded.metrics(), guarded.services(),
                guarded.kubernetes(), options.contains("locked") ? guarded.lock() : Optional.empty(),
                options.contains("insecure"));
    }

    private static SessionEvent.LeaseChanged heldBySam(Instant at) {
        return new SessionEvent.LeaseChanged(at, "sam@console-2", false,
                at.minusSeconds(2).truncatedTo(ChronoUnit.SECONDS), at.plusSeconds(30),
                "held by sam@console-2: this console is read-only");
    }

    /** Four and a half minutes already behind us, so the charts are full when the window opens. */
    private static void history(SessionLog log, Instant now, Set<String> options) {
        Instant start = now.minusSeconds(280);
        log.append(new SessionEvent.SessionStarted(start, "checkout-api", "2.14.0", "production", CAPTAIN));
        log.append(new SessionEvent.EnvironmentDescribed(start.plusMillis(200), "production",
                "ingress-nginx", "prod-eu-west-1", "https://k8s.eu-west-1.prod.example:6443", "checkout", "dana.okafor",
                Map.of("stable", "checkout-api:2.13.4", "canary", "checkout-api:2.14.0"), "dana.okafor (lock since 09:12)"));
        opening(log, start.plusMillis(300), options);
        log.append(new SessionEvent.WeightApplied(start.plusSeconds(1), 0, 0, "sandbox"));
        if (!options.contains("protected")) {
            log.append(new SessionEvent.ProtectedEnvironmentConfirmed(start.plusSeconds(15), CAPTAIN, "production"));
        }
        log.append(new SessionEvent.ChecklistItemMarked(start.plusSeconds(20), CAPTAIN, "change-ticket", true, ""));
        log.append(new SessionEvent.ProbeSample(start.plusSeconds(25), TestPlans.STABLE_HEALTH, Outcome.PASS,
                "HTTP 200 in 11 ms", Duration.ofMillis(11)));
        log.append(new SessionEvent.ProbeSample(start.plusSeconds(26), TestPlans.CANARY_READY, Outcome.ERROR,
                "connection refused", Duration.ofMillis(2)));
        log.append(new SessionEvent.ChecklistItemMarked(start.plusSeconds(40), new Actor("sam.lee"), "on-call", true,
                "paged @checkout-oncall"));
        Random random = new Random(3);
        for (int s = 0; s < 280; s++) {
            Instant at = start.plusSeconds(s);
            int weight = s < 120 ? 0 : 5;
            if (s == 118) {
                log.append(new SessionEvent.WeightRequested(at, CAPTAIN, 5, "step 5 %"));
                log.append(new SessionEvent.ProbeSample(at, TestPlans.CANARY_READY, Outcome.PASS,
                        "HTTP 200 in 14 ms", Duration.ofMillis(14)));
            }
            if (s == 121) {
                log.append(new SessionEvent.WeightApplied(at, 5, 5, "sandbox"));
            }
            if (s == 200) {
                log.append(new SessionEvent.NoteAdded(at, CAPTAIN, "canary p95 a little above stable, watching"));
            }
            metricsAt(log, at, random, weight, CanaryFaults.NONE);
        }
        Instant recent = now.minusSeconds(3);
        log.append(new SessionEvent.ProbeSample(recent, TestPlans.STABLE_HEALTH, Outcome.PASS, "HTTP 200 in 9 ms",
                Duration.ofMillis(9)));
        log.append(new SessionEvent.ProbeSample(recent, TestPlans.CANARY_READY, Outcome.PASS, "HTTP 200 in 13 ms",
                Duration.ofMillis(13)));
        log.append(new SessionEvent.ProbeSample(recent, TestPlans.SMOKE, Outcome.FAIL,
                "HTTP 502 on POST /checkout", Duration.ofMillis(340)));
        if (options.contains("failed")) {
            log.append(new SessionEvent.WeightRequested(now.minusSeconds(2), CAPTAIN, 25, "slider"));
            log.append(new SessionEvent.WeightChangeFailed(now.minusSeconds(1), 25, "sandbox",
                    "router answered 409 Conflict twice"));
        } else {
            log.append(new SessionEvent.WeightRequested(now.minusSeconds(1), CAPTAIN, 25, "step 25 %"));
        }
        if (options.contains("rolledback")) {
            log.append(new SessionEvent.RollbackStarted(now, new Actor("ic.morgan"), "rollback button", 1));
            log.append(new SessionEvent.WeightApplied(now, 0, 0, "sandbox"));
            log.append(new SessionEvent.RollbackStepFinished(now, 0, "set canary weight to 0%", true, "read back 0 %"));
            log.append(new SessionEvent.RollbackFinished(now, true, 0, ""));
        }
        if (options.contains("rollback")) {
            log.append(new SessionEvent.RollbackStarted(now, new Actor("ic.morgan"), "rollback button", 2));
            log.append(new SessionEvent.RollbackStepFinished(now, 0, "set canary weight to 0%", true, "read back 0 %"));
        }
        if (options.contains("rollout") || options.contains("approval")) {
            longRollback(log, now.minusSeconds(70), options.contains("approval"));
        }
    }

    /** What the session learns before the first change: lease, last known good, preflight, checks, TLS. */
    private static void opening(SessionLog log, Instant at, Set<String> options) {
        if (options.contains("insecure")) {
            log.append(new SessionEvent.InsecureTlsInUse(at, "production",
                    List.of("https://prometheus.shop.example:9090", "https://kong-admin.shop.example:8444")));
        }
        log.append(options.contains("readonly") ? heldBySam(at)
                : new SessionEvent.LeaseChanged(at, "dana.okafor@laptop", true, at, at.plusSeconds(30), "held"));
        log.append(new SessionEvent.LastKnownGoodRecorded(at, "checkout",
                Map.of("api", "registry.shop.example/checkout-api:2.13.4")));
        log.append(new SessionEvent.LastKnownGoodRecorded(at, "checkout-canary",
                Map.of("api", "registry.shop.example/checkout-api:2.14.0", "envoy", "envoyproxy/envoy:v1.29.1")));
        boolean denied = options.contains("preflight");
        log.append(new SessionEvent.PreflightChecked(at, List.of(
                new Access("get ingresses.networking.k8s.io in shop", "read the canary weight", true, "", true),
                new Access("patch ingresses.networking.k8s.io in shop", "set the canary weight", !denied, "", true),
                new Access("get deployments.apps in shop", "read running images", true, "", false),
                new Access("patch deployments.apps in shop", "set images on rollback", !denied, "", false),
                new Access("get leases.coordination.k8s.io in shop", "see who drives production", true, "", false),
                new Access("update leases.coordination.k8s.io in shop", "hold the lease", true, "", false),
                new Access("get pods in shop", "read rollout progress", true, "", false))));
        log.append(new SessionEvent.EnvironmentChecked(at, "kubeconfig", true, "context prod-eu-west-1 answers"));
        log.append(denied
                ? new SessionEvent.EnvironmentChecked(at, "router", false,
                        "the canary Ingress the plan names does not exist: shop/checkout-canary")
                : new SessionEvent.EnvironmentChecked(at, "router", true, "ingress-nginx is set up as the plan says"));
    }

    /** A six-step rollback, at step 3 waiting for a rollout, or at step 4 waiting for db-owner. */
    private static void longRollback(SessionLog log, Instant at, boolean toApproval) {
        Actor commander = new Actor("ic.morgan");
        log.append(new SessionEvent.RollbackStarted(at, commander, "rollback button", 6));
        String[] steps = {"set canary weight to 0%", "set image of checkout to the last known good",
            "wait for the rollout of checkout"};
        for (int i = 0; i < steps.length; i++) {
            Instant t = at.plusSeconds(i * 5L);
            log.append(new SessionEvent.RollbackStepStarted(t, i, steps[i]));
            if (i < 2) {
                log.append(new SessionEvent.RollbackStepFinished(t.plusSeconds(1), i, steps[i], true, "read back"));
            }
        }
        log.append(new SessionEvent.RollbackStepProgress(at.plusSeconds(14), 2, "1 of 3 updated replicas are available"));
        log.append(new SessionEvent.RollbackStepProgress(at.plusSeconds(40), 2, "2 of 3 updated replicas are available"));
        if (toApproval) {
            log.append(new SessionEvent.RollbackStepFinished(at.plusSeconds(60), 2, steps[2], true,
                    "checkout rolled out"));
            log.append(new SessionEvent.RollbackStepStarted(at.plusSeconds(61), 3,
                    "approval by db-owner: Restore the database from last night's snapshot"));
            log.append(new SessionEvent.ApprovalRequested(at.plusSeconds(61), 3, "db-owner",
                    "Restore the database from last night's snapshot"));
        }
    }

    private static void metricsAt(SessionLog log, Instant at, Random random, int weight, CanaryFaults faults) {
        double stableErrors = 0.0015 + random.nextDouble() * 0.001;
        double stableP95 = 0.110 + random.nextGaussian() * 0.006;
        log.append(new SessionEvent.MetricSample(at, Track.STABLE, Metric.ERROR_RATE, stableErrors, Outcome.PASS, ""));
        log.append(new SessionEvent.MetricSample(at, Track.STABLE, Metric.P95_LATENCY, stableP95, Outcome.PASS, ""));
        if (weight == 0) {
            for (Metric metric : List.of(Metric.ERROR_RATE, Metric.P95_LATENCY)) {
                log.append(new SessionEvent.MetricSample(at, Track.CANARY, metric, Double.NaN, Outcome.NO_DATA,
                        "no canary traffic at 0 %"));
            }
            return;
        }
        double canaryErrors = 0.003 + random.nextDouble() * 0.003 + faults.errorRatio();
        double canaryP95 = 0.135 + random.nextGaussian() * 0.012 + faults.addedLatency().toMillis() / 1000.0;
        log.append(new SessionEvent.MetricSample(at, Track.CANARY, Metric.ERROR_RATE, canaryErrors, Outcome.PASS, ""));
        log.append(new SessionEvent.MetricSample(at, Track.CANARY, Metric.P95_LATENCY, canaryP95, Outcome.PASS, ""));
    }

    /** Stands in for the engine: answers commands with the events a real one would write. */
    private static final class PreviewEngine implements ReleaseCommands {
        private final SessionLog log;
        private final Clock clock;
        private final ScheduledExecutorService engine;
        private final AtomicInteger weight;
        volatile boolean leaseOurs = true;

        PreviewEngine(SessionLog log, Clock clock, ScheduledExecutorService engine, AtomicInteger weight) {
            this.log = log;
            this.clock = clock;
            this.engine = engine;
            this.weight = weight;
        }

        @Override
        public void requestWeight(int percent, Actor who, String reason) {
            engine.execute(() -> log.append(new SessionEvent.WeightRequested(clock.instant(), who, percent, reason)));
            engine.schedule(() -> {
                weight.set(percent);
                log.append(new SessionEvent.WeightApplied(clock.instant(), percent, percent, "sandbox"));
            }, 1500, TimeUnit.MILLISECONDS);
        }

        @Override
        public void rollback(Actor who, String reason) {
            engine.execute(() -> {
                log.append(new SessionEvent.RollbackStarted(clock.instant(), who, reason, 1));
                weight.set(0);
                log.append(new SessionEvent.WeightApplied(clock.instant(), 0, 0, "sandbox"));
                log.append(new SessionEvent.RollbackStepFinished(clock.instant(), 0, "set canary weight to 0%", true,
                        "read back 0 %"));
                log.append(new SessionEvent.RollbackFinished(clock.instant(), true, 0, ""));
            });
        }

        @Override
        public void markChecklistItem(String itemId, boolean done, Actor who, String note) {
            engine.execute(() -> log.append(
                    new SessionEvent.ChecklistItemMarked(clock.instant(), who, itemId, done, note)));
        }

        @Override
        public void addNote(Actor who, String text) {
            engine.execute(() -> log.append(new SessionEvent.NoteAdded(clock.instant(), who, text)));
        }

        @Override
        public void confirmProtectedEnvironment(String typedName, Actor who) {
            engine.execute(() -> log.append(
                    new SessionEvent.ProtectedEnvironmentConfirmed(clock.instant(), who, typedName)));
        }

        @Override
        public void recordUnlock(Actor approver, Actor recordedBy, String note) {
            engine.execute(() -> log.append(
                    new SessionEvent.EnvironmentUnlocked(clock.instant(), approver, recordedBy, note)));
        }

        @Override
        public void answerApproval(int step, Actor approver, Actor recordedBy, boolean approved, String note) {
            engine.execute(() -> log.append(new SessionEvent.ApprovalAnswered(clock.instant(), step, approver,
                    recordedBy, approved, note)));
        }

        @Override
        public void takeOverLease(Actor who, String reason) {
            leaseOurs = true;
            engine.execute(() -> log.append(new SessionEvent.LeaseChanged(clock.instant(), who.name(), true,
                    clock.instant(), clock.instant().plusSeconds(30), "taken over: " + reason)));
        }
    }
}
