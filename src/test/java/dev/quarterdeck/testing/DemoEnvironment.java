package dev.quarterdeck.testing;

import dev.quarterdeck.sandbox.Sandbox;
import dev.quarterdeck.sandbox.SandboxConfig;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A whole environment on one machine, for looking at the console as a captain would: fabric8's API server
 * (with stand-ins for the deployment and ingress controllers), the sandbox's services and router carrying
 * real traffic, and a real Prometheus scraping them. The ingress stand-in applies the canary Ingress's weight
 * to the sandbox router, so moving the console's slider moves real traffic and the Prometheus charts follow.
 *
 * <p>Run from the test classpath: {@code DemoEnvironment DIR}; it writes {@code DIR/kubeconfig} and
 * {@code DIR/plan.yaml}, prints how to open the console, and serves until stopped.
 */
public final class DemoEnvironment {
    private DemoEnvironment() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/demo"));
        Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(50));
        KubernetesTestCluster cluster = KubernetesTestCluster.start();
        cluster.authorize((verb, resource) -> true);
        var client = cluster.client();
        client.network().v1().ingresses().inNamespace("shop").resource(ingress("checkout", Map.of())).create();
        client.network().v1().ingresses().inNamespace("shop").resource(ingress("checkout-canary", Map.of(
                "nginx.ingress.kubernetes.io/canary", "true",
                "nginx.ingress.kubernetes.io/canary-weight", "0"))).create();
        Shop.create(client, rolledOut(Shop.deployment("checkout", "api=gcr.io/shop/checkout:1.4.2").build()));
        Shop.create(client, rolledOut(Shop.deployment("checkout-canary", "api=gcr.io/shop/checkout:1.5.0-rc.1")
                .build()));
        DeploymentController deployments = DeploymentController.start(client, "shop");
        client.network().v1().ingresses().inNamespace("shop").withName("checkout-canary").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Ingress ingress) {
                Map<String, String> a = ingress.getMetadata().getAnnotations();
                boolean on = "true".equalsIgnoreCase(a.getOrDefault("nginx.ingress.kubernetes.io/canary", "false"));
                int weight = Integer.parseInt(a.getOrDefault("nginx.ingress.kubernetes.io/canary-weight", "0"));
                sandbox.setCanaryWeight(on ? Math.min(100, weight) : 0);
            }

            @Override
            public void onClose(WatcherException cause) {
                // stopped with the demo
            }
        });
        PrometheusServer prometheus = PrometheusServer.builder().job("checkout")
                .target(sandbox.stableUrl(), Map.of("track", "stable"))
                .target(sandbox.canaryUrl(), Map.of("track", "canary"))
                .start();
        Path kubeconfig = cluster.writeKubeconfig(dir, "demo", System.getProperty("user.name", "captain"));
        Files.writeString(dir.resolve("plan.yaml"), plan(prometheus));
        System.out.println("KUBECONFIG=" + kubeconfig + " java -jar target/quarterdeck.jar --plan "
                + dir.resolve("plan.yaml"));
        System.out.println("sandbox faults: curl -X PUT -d '{\"errorRatio\":0.1,\"addedLatencyMs\":200}' "
                + sandbox.faultsUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            prometheus.close();
            deployments.close();
            cluster.close();
            sandbox.close();
        }));
        new CountDownLatch(1).await();
    }

    private static String plan(PrometheusServer prometheus) {
        return """
                apiVersion: quarterdeck/v1
                metadata:
                  name: checkout
                  version: 1.5.0-rc.1
                  owner: payments-team
                environments:
                  - name: staging
                    protected: true
                    kubernetes:
                      context: demo
                      namespace: shop
                      deployments: {stable: checkout, canary: checkout-canary}
                    traffic:
                      ingressNginx: {canaryIngress: checkout-canary, mainIngress: checkout}
                    metrics:
                      prometheus:
                        url: %s
                        interval: 2s
                        window: 30s
                        queries:
                          error-rate: >-
                            sum(rate(http_requests_total{track="{{track}}",code=~"5.."}[{{window}}]))
                            / sum(rate(http_requests_total{track="{{track}}"}[{{window}}]))
                          p95-latency: >-
                            histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{track="{{track}}"}[{{window}}])))
                          request-rate: sum(rate(http_requests_total{track="{{track}}"}[{{window}}]))
                probes:
                  - id: canary-rollout
                    interval: 5s
                    kubernetes: {rolloutComplete: checkout-canary}
                  - id: canary-replicas
                    interval: 5s
                    kubernetes: {replicas: {deployment: checkout-canary, atLeast: 3}}
                  - id: no-critical-alerts
                    interval: 10s
                    alerts: {labels: {severity: critical}}
                checklist:
                  - id: canary-rolled-out
                    title: Canary deployment rolled out
                    phase: preflight
                    probe: canary-rollout
                  - id: canary-replicas
                    title: Canary has three ready replicas
                    phase: preflight
                    probe: canary-replicas
                  - id: on-call
                    title: On-call notified
                    phase: preflight
                  - id: quiet
                    title: No critical alerts firing
                    phase: canary
                    probe: no-critical-alerts
                canary:
                  steps:
                    - setWeight: 10
                    - pause: 5m
                    - gate: slo
                    - setWeight: 50
                    - pause: 5m
                    - gate: slo
                    - setWeight: 100
                gates:
                  - name: slo
                    conditions:
                      - {metric: error-rate, max: 1%%}
                      - {metric: p95-latency, max: 250ms}
                rollback:
                  steps:
                    - setWeight: 0
                    - disableCanary: {}
                    - setImage: {deployment: checkout-canary, container: api, image: last-known-good}
                    - waitForRollout: {deployment: checkout-canary, timeout: 2m}
                """.formatted(prometheus.url());
    }

    private static Ingress ingress(String name, Map<String, String> annotations) {
        return new IngressBuilder().withNewMetadata().withName(name).withNamespace("shop")
                .addToAnnotations(annotations).endMetadata()
                .withNewSpec().withIngressClassName("nginx").addNewRule().withHost("shop.example.com")
                .withNewHttp().addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService()
                .withName(name).withNewPort().withNumber(80).endPort().endService().endBackend().endPath()
                .endHttp().endRule().endSpec().build();
    }

    private static Deployment rolledOut(Deployment deployment) {
        deployment.getMetadata().setGeneration(1L);
        deployment.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(3)
                .withUpdatedReplicas(3).withReadyReplicas(3).withAvailableReplicas(3).build());
        return deployment;
    }
}
