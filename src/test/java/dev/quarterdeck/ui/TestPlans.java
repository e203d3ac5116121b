package dev.quarterdeck.ui;

import dev.quarterdeck.plan.CanaryStep;
import dev.quarterdeck.plan.ChecklistItem;
import dev.quarterdeck.plan.Condition;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.EnvironmentLock;
import dev.quarterdeck.plan.Gate;
import dev.quarterdeck.plan.KubernetesTarget;
import dev.quarterdeck.plan.Metadata;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Phase;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.RollbackPlan;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.plan.TrafficSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A release plan built in code, like one a payments team would write, for console tests and the preview. */
final class TestPlans {
    static final String STABLE_HEALTH = "stable-health";
    static final String CANARY_READY = "canary-ready";
    static final String SMOKE = "smoke-tests";

    private TestPlans() {}

    static ReleasePlan checkoutApi() {
        Environment production = new Environment(
                "production",
                true,
                new TrafficSpec.Sandbox(Optional.empty(), TrafficSpec.Sandbox.DEFAULT_REQUESTS_PER_SECOND),
                new MetricsSpec.Scrape(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(30),
                        MetricsSpec.Scrape.DEFAULT_REQUESTS_COUNTER,
                        MetricsSpec.Scrape.DEFAULT_LATENCY_HISTOGRAM,
                        MetricsSpec.Scrape.DEFAULT_PATH),
                Map.of("stable", URI.create("http://127.0.0.1:41001"), "canary", URI.create("http://127.0.0.1:41002")));
        List<Probe> probes = List.of(
                probe(STABLE_HEALTH, "stable", "/health"),
                probe(CANARY_READY, "canary", "/ready"),
                probe(SMOKE, "canary", "/smoke"));
        List<ChecklistItem> checklist = List.of(
                manual("change-ticket", "Change ticket CHG-4821 approved", Phase.PREFLIGHT, true),
                automatic("stable-healthy", "Stable /health answers 200", Phase.PREFLIGHT, STABLE_HEALTH),
                automatic("canary-ready", "Canary /ready answers 200", Phase.PREFLIGHT, CANARY_READY),
                manual("on-call", "On-call notified in #releases", Phase.PREFLIGHT, false),
                manual("dashboards", "Checkout dashboards open on the second screen", Phase.CANARY, false),
                manual("error-budget", "Error budget above 50 %", Phase.CANARY, true),
                automatic("smoke", "Smoke tests pass against canary", Phase.POST_DEPLOY, SMOKE),
                manual("release-notes", "Release notes published", Phase.POST_DEPLOY, false));
        List<CanaryStep> steps = List.of(
                new CanaryStep.SetWeight(5),
                new CanaryStep.Pause(Optional.of(Duration.ofMinutes(5))),
                new CanaryStep.GateCheck("canary-healthy"),
                new CanaryStep.SetWeight(25),
                new CanaryStep.Pause(Optional.of(Duration.ofMinutes(10))),
                new CanaryStep.GateCheck("canary-healthy"),
                new CanaryStep.SetWeight(50),
                new CanaryStep.Pause(Optional.empty()),
                new CanaryStep.SetWeight(100));
        List<Gate> gates = List.of(new Gate("canary-healthy", List.of(
                new Condition.Threshold(Metric.ERROR_RATE, Track.CANARY, Condition.Bound.MAX, 0.01),
                new Condition.Threshold(Metric.P95_LATENCY, Track.CANARY, Condition.Bound.MAX, 0.300),
                new Condition.Threshold(Metric.REQUEST_RATE, Track.CANARY, Condition.Bound.MIN, 1))));
        return new ReleasePlan(
                "test:checkout-api.yaml",
                new Metadata("checkout-api", "2.14.0", "payments-team", "Checkout API, canary by weight"),
                List.of(production),
                probes,
                checklist,
                steps,
                gates,
                RollbackPlan.weightToZero());
    }

    static Environment production() {
        return checkoutApi().environments().get(0);
    }

    /** Unprotected, unlocked, no lease: nothing stands between the captain and the slider. */
    static Environment staging() {
        Environment production = production();
        return new Environment("staging", false, production.traffic(), production.metrics(), production.services());
    }

    /**
     * Production in a cluster, with every guard the engine knows: protected, locked until leadership approves,
     * TLS not verified, and an ingress-nginx router whose Ingress the preflight may find unwritable.
     */
    static Environment guardedProduction() {
        Environment production = production();
        return new Environment(
                "production",
                true,
                new TrafficSpec.IngressNginx("checkout-canary", Optional.of("checkout"), Optional.empty(),
                        Optional.empty(), Optional.empty(), TrafficSpec.IngressNginx.DEFAULT_WEIGHT_TOTAL),
                production.metrics(),
                production.services(),
                Optional.of(new KubernetesTarget(Optional.of("prod-eu-west-1"), Optional.of("shop"),
                        Map.of("stable", "checkout", "canary", "checkout-canary"))),
                Optional.of(new EnvironmentLock("leadership", "release freeze until the Q3 review")),
                true);
    }

    private static Probe probe(String id, String service, String path) {
        return new Probe(id, Duration.ofSeconds(5), Duration.ofSeconds(2), new ProbeSpec.Http(service, path, 200));
    }

    private static ChecklistItem manual(String id, String title, Phase phase, boolean required) {
        return new ChecklistItem(id, title, phase, required, Optional.empty());
    }

    private static ChecklistItem automatic(String id, String title, Phase phase, String probe) {
        return new ChecklistItem(id, title, phase, true, Optional.of(probe));
    }
}
