package dev.quarterdeck.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.KubernetesTarget;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.ProbeSpec.KubernetesCheck;
import dev.quarterdeck.plan.RollbackPlan;
import dev.quarterdeck.plan.Action;
import dev.quarterdeck.plan.TrafficSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RequiredPermissionsTest {
    private static final MetricsSpec METRICS = new MetricsSpec.Scrape(Duration.ofSeconds(5), Duration.ofMinutes(1),
            MetricsSpec.Scrape.DEFAULT_REQUESTS_COUNTER, MetricsSpec.Scrape.DEFAULT_LATENCY_HISTOGRAM,
            MetricsSpec.Scrape.DEFAULT_PATH);
    private static final KubernetesTarget SHOP = new KubernetesTarget(Optional.empty(), Optional.of("shop"),
            Map.of("stable", "checkout", "canary", "checkout-canary"));
    private static final Duration SECONDS_10 = Duration.ofSeconds(10);

    @Test
    void ingressNginxWithARollbackThatSetsTheImageUndoesAndWaits() {
        Environment prod = new Environment("prod", true, new TrafficSpec.IngressNginx("checkout-canary",
                Optional.of("checkout"), Optional.empty(), Optional.empty(), Optional.empty(), 100), METRICS,
                Map.of(), Optional.of(SHOP), Optional.empty(), false);
        RollbackPlan rollback = new RollbackPlan(List.of(
                new Action.SetWeight(0),
                new Action.SetImage("checkout-canary", Optional.empty(), Action.SetImage.LAST_KNOWN_GOOD),
                new Action.RolloutUndo("checkout"),
                new Action.WaitForRollout("checkout", Duration.ofMinutes(5)),
                new Action.Approval("dba", "database stays"),
                new Action.RunProbes(List.of("checkout-rolled-out"))));
        List<Probe> probes = List.of(
                new Probe("checkout-rolled-out", SECONDS_10, SECONDS_10,
                        new ProbeSpec.Kubernetes(new KubernetesCheck.RolloutComplete("checkout"))),
                new Probe("health", SECONDS_10, SECONDS_10, new ProbeSpec.Http("stable", "/health", 200)),
                new Probe("staging-only", SECONDS_10, SECONDS_10,
                        new ProbeSpec.Kubernetes(new KubernetesCheck.SecretExists("staging-db")), List.of("staging")));

        List<Permission> needed = RequiredPermissions.of(prod, rollback, probes, "shop");

        String canary = "ingress-nginx router: ";
        String lease = "environment lease: one console drives prod";
        String versions = "running version of canary (deployment checkout-canary); running version of stable "
                + "(deployment checkout)";
        assertThat(needed).containsExactly(
                new Permission("get", "networking.k8s.io", "ingresses", "shop",
                        canary + "read the canary weight of Ingress checkout-canary; rollback: set canary weight to 0%"),
                new Permission("patch", "networking.k8s.io", "ingresses", "shop",
                        canary + "set the canary weight of Ingress checkout-canary; rollback: set canary weight to 0%"),
                new Permission("list", "networking.k8s.io", "ingresses", "shop",
                        canary + "check the main Ingress checkout matching Ingress checkout-canary"),
                new Permission("get", "coordination.k8s.io", "leases", "shop", lease + " (see who holds it)"),
                new Permission("create", "coordination.k8s.io", "leases", "shop", lease + " (take it the first time)"),
                new Permission("update", "coordination.k8s.io", "leases", "shop",
                        lease + " (take over, renew, release)"),
                new Permission("get", "apps", "deployments", "shop", versions
                        + "; rollback: set image of checkout-canary to the last known good"
                        + "; rollback: undo the rollout of checkout"
                        + "; rollback: wait for the rollout of checkout"
                        + "; probe checkout-rolled-out"),
                new Permission("list", "", "pods", "shop",
                        "running version of canary (deployment checkout-canary) (image IDs of its pods)"
                                + "; running version of stable (deployment checkout) (image IDs of its pods)"
                                + "; rollback: wait for the rollout of checkout (image IDs of its pods)"
                                + "; probe checkout-rolled-out (image IDs of its pods)"),
                new Permission("patch", "apps", "deployments", "shop",
                        "rollback: set image of checkout-canary to the last known good"
                                + "; rollback: undo the rollout of checkout"),
                new Permission("list", "apps", "replicasets", "shop",
                        "rollback: undo the rollout of checkout (find the previous revision)"));
        assertThat(needed.get(1)).hasToString("patch ingresses.networking.k8s.io in shop");
    }

    @Test
    void gatewayApiCronJobsAndTheOtherProbes() {
        Environment staging = new Environment("staging", false, new TrafficSpec.GatewayApi("checkout",
                OptionalInt.empty(), "checkout", "checkout-canary"), METRICS, Map.of(),
                Optional.of(new KubernetesTarget(Optional.empty(), Optional.empty(), Map.of())), Optional.empty(), false);
        RollbackPlan rollback = new RollbackPlan(List.of(new Action.DisableCanary(),
                new Action.SuspendCronJob("nightly-reindex", true)));
        List<Probe> probes = List.of(
                new Probe("db-secret", SECONDS_10, SECONDS_10,
                        new ProbeSpec.Kubernetes(new KubernetesCheck.SecretExists("db"))),
                new Probe("pods", SECONDS_10, SECONDS_10,
                        new ProbeSpec.Kubernetes(new KubernetesCheck.ReadyPods("app=checkout", 2))),
                new Probe("reindex-off", SECONDS_10, SECONDS_10,
                        new ProbeSpec.Kubernetes(new KubernetesCheck.CronJobSuspended("nightly-reindex", true))));

        List<Permission> needed = RequiredPermissions.of(staging, rollback, probes, "shop-staging");

        assertThat(needed).extracting(Permission::toString).containsExactly(
                "get httproutes.gateway.networking.k8s.io in shop-staging",
                "patch httproutes.gateway.networking.k8s.io in shop-staging",
                "get leases.coordination.k8s.io in shop-staging",
                "create leases.coordination.k8s.io in shop-staging",
                "update leases.coordination.k8s.io in shop-staging",
                "get cronjobs.batch in shop-staging",
                "patch cronjobs.batch in shop-staging",
                "get secrets in shop-staging",
                "list pods in shop-staging");
        assertThat(needed.get(1).purpose()).isEqualTo("gateway-api router: set the backend weights of HTTPRoute "
                + "checkout; rollback: disable canary routing");
        assertThat(needed.get(5).purpose()).isEqualTo("rollback: suspend cronjob nightly-reindex; probe reindex-off");
        assertThat(needed.get(7).purpose()).isEqualTo("probe db-secret (metadata only)");
    }

    @Test
    void theSandboxNeedsNothingOfAnyCluster() {
        Environment sandbox = new Environment("sandbox", false, new TrafficSpec.Sandbox(Optional.empty(), 50),
                METRICS, Map.of());

        assertThat(RequiredPermissions.of(sandbox, RollbackPlan.weightToZero(), List.of(), "default")).isEmpty();
    }
}
