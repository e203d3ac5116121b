package dev.quarterdeck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.KubernetesTarget;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.rollout.Backoff;
import dev.quarterdeck.rollout.EnvironmentPorts;
import dev.quarterdeck.rollout.Pacing;
import dev.quarterdeck.rollout.ReleaseEngine;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.testing.KubernetesTestCluster;
import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.adapter.kubernetes.IngressNginxRouter;
import dev.quarterdeck.traffic.adapter.kubernetes.KubernetesConnection;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One click on Rollback to canary weight 0 read back from the API server (fabric8's, in CRUD mode), beside
 * what a captain types today: {@code kubectl patch} of the canary-weight annotation, then {@code kubectl get}
 * to read it back, on the same server in the same run.
 */
class RollbackLatencyBench {
    private static final int RUNS = 60;
    private static final String WEIGHT = "jsonpath={.metadata.annotations.nginx\\.ingress\\.kubernetes\\.io/canary-weight}";

    @Test
    void rollbackToWeightZeroReadBack() throws Exception {
        Path dir = Files.createTempDirectory("rollback-bench");
        try (KubernetesTestCluster cluster = KubernetesTestCluster.start()) {
            for (String name : List.of("checkout", "checkout-canary")) {
                cluster.client().network().v1().ingresses().inNamespace("shop").resource(new IngressBuilder()
                        .withNewMetadata().withName(name).addToAnnotations(name.endsWith("canary")
                                ? Map.of("nginx.ingress.kubernetes.io/canary", "true",
                                        "nginx.ingress.kubernetes.io/canary-weight", "30")
                                : Map.of()).endMetadata()
                        .withNewSpec().addNewRule().withHost("shop.example.com").withNewHttp().addNewPath()
                        .withPath("/").withPathType("Prefix").withNewBackend().withNewService().withName(name)
                        .withNewPort().withNumber(80).endPort().endService().endBackend().endPath().endHttp()
                        .endRule().endSpec().build()).create();
            }
            Path kubeconfig = cluster.writeKubeconfig(dir, "bench", "ana");
            List<Double> quarterdeck = measureQuarterdeck(kubeconfig, dir);
            List<Double> kubectl = measureKubectl(cluster.kubectl(kubeconfig));

            double p50 = BenchReport.quantile(quarterdeck, 0.5);
            double kubectlP50 = BenchReport.quantile(kubectl, 0.5);
            new BenchReport("rollback-latency", "ms", p50, kubectlP50,
                    "kubectl patch + kubectl get of the canary-weight annotation, same server", RUNS, p50,
                    BenchReport.quantile(quarterdeck, 0.99),
                    String.format("rollback command to WeightApplied(0) read back through the ingress-nginx adapter "
                            + "(GET, PUT with resourceVersion, GET); kubectl p50 %.1f ms, p99 %.1f ms", kubectlP50,
                            BenchReport.quantile(kubectl, 0.99))).write();
            assertThat(quarterdeck).hasSize(RUNS);
        }
    }

    private static List<Double> measureQuarterdeck(Path kubeconfig, Path home) throws Exception {
        ReleasePlan plan = PlanLoader.parse("bench.yaml", """
                apiVersion: quarterdeck/v1
                metadata: {name: bench, version: "1", owner: bench}
                environments:
                  - name: bench
                    kubernetes: {context: bench, namespace: shop}
                    traffic: {ingressNginx: {canaryIngress: checkout-canary, mainIngress: checkout}}
                """);
        TrafficSpec.IngressNginx spec = (TrafficSpec.IngressNginx) plan.environments().get(0).traffic();
        List<Double> millis = new ArrayList<>();
        try (KubernetesConnection connection = KubernetesConnection.open(
                new KubernetesTarget(Optional.of("bench"), Optional.of("shop"), Map.of()),
                Map.of("KUBECONFIG", kubeconfig.toString()), home)) {
            IngressNginxRouter router = new IngressNginxRouter(connection, spec, Clock.systemUTC());
            for (int run = 0; run < RUNS + 5; run++) {
                router.setCanaryWeight(CanaryWeight.of(30));
                SessionLog log = SessionLog.inMemory();
                try (ReleaseEngine engine = new ReleaseEngine(plan, plan.environments().get(0),
                        EnvironmentPorts.routerOnly(router), List.of(), log, Clock.systemUTC(),
                        new Pacing(Backoff.standard(), Duration.ofSeconds(1)))) {
                    CompletableFuture<Long> readBack = new CompletableFuture<>();
                    log.subscribe(e -> {
                        if (e instanceof SessionEvent.WeightApplied a && a.percent() == 0) {
                            readBack.complete(System.nanoTime());
                        }
                    });
                    long start = System.nanoTime();
                    engine.rollback(new Actor("ic"), "bench");
                    long end = readBack.get(30, TimeUnit.SECONDS);
                    if (run >= 5) { // the first runs warm the JIT and the connection pool
                        millis.add((end - start) / 1e6);
                    }
                }
            }
        }
        return millis;
    }

    private static List<Double> measureKubectl(KubernetesTestCluster.Kubectl kubectl) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int run = 0; run < RUNS + 2; run++) {
            kubectl.run("annotate", "--overwrite", "ingress", "checkout-canary",
                    "nginx.ingress.kubernetes.io/canary-weight=30");
            long start = System.nanoTime();
            kubectl.run("patch", "ingress", "checkout-canary", "--type=merge", "-p",
                    "{\"metadata\":{\"annotations\":{\"nginx.ingress.kubernetes.io/canary-weight\":\"0\"}}}");
            String read = kubectl.run("get", "ingress", "checkout-canary", "-o", WEIGHT);
            long end = System.nanoTime();
            assertThat(read).isEqualTo("0");
            if (run >= 2) {
                millis.add((end - start) / 1e6);
            }
        }
        return millis;
    }
}
