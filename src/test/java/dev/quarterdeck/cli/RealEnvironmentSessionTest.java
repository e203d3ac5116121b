package dev.quarterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.rollout.Backoff;
import dev.quarterdeck.rollout.Pacing;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.testing.DeploymentController;
import dev.quarterdeck.testing.FakeKong;
import dev.quarterdeck.testing.KubernetesTestCluster;
import dev.quarterdeck.testing.PrometheusServer;
import dev.quarterdeck.testing.Shop;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole session against real parts: fabric8's API server in CRUD mode driven through a kubeconfig, the real
 * ingress-nginx router adapter, a real Prometheus, kubectl reading back what was written. The captain's view:
 * move the weight, and roll back in one click with Prometheus stopped and a probe hung.
 */
class RealEnvironmentSessionTest {
    private static final Actor ANA = new Actor("ana");
    private static final String WEIGHT = "jsonpath={.metadata.annotations.nginx\\.ingress\\.kubernetes\\.io/canary-weight}";
    private static final String CANARY = "jsonpath={.metadata.annotations.nginx\\.ingress\\.kubernetes\\.io/canary}";
    private static final String GOOD = "gcr.io/shop/api:2.4.0";
    private static final String BAD = "gcr.io/shop/api:2.4.1-hotfix";

    @TempDir
    Path dir;

    private final KubernetesTestCluster cluster = KubernetesTestCluster.start();
    private final ServerSocket silent = silentServer();
    private KubernetesTestCluster.Kubectl kubectl;
    private Map<String, String> variables;

    @BeforeEach
    void shop() throws Exception {
        KubernetesClient client = cluster.client();
        client.network().v1().ingresses().inNamespace("shop").resource(ingress("checkout", Map.of())).create();
        client.network().v1().ingresses().inNamespace("shop").resource(ingress("checkout-canary", Map.of(
                "nginx.ingress.kubernetes.io/canary", "true",
                "nginx.ingress.kubernetes.io/canary-weight", "0"))).create();
        Shop.create(client, rolledOut(Shop.deployment("checkout", "api=gcr.io/shop/api:2.3.9").build()));
        Deployment canary = rolledOut(Shop.deployment("checkout-canary", "api=" + GOOD).build());
        canary.getSpec().getTemplate().getSpec().getContainers().get(0).setEnv(List.of(
                new EnvVar("FEATURE_DYNAMIC_PROMPTS", "1", null), new EnvVar("LOG_LEVEL", "info", null)));
        Shop.create(client, canary);
        Path kubeconfig = cluster.writeKubeconfig(dir, "staging", "ana");
        kubectl = cluster.kubectl(kubeconfig);
        variables = Map.of("KUBECONFIG", kubeconfig.toString());
    }

    @AfterEach
    void stop() throws IOException {
        silent.close();
        cluster.close();
    }

    private ReleasePlan plan(String prometheus) throws Exception {
        return PlanLoader.parse("checkout.yaml", """
                apiVersion: quarterdeck/v1
                metadata: {name: checkout, version: "2.4.0", owner: payments}
                environments:
                  - name: staging
                    protected: true
                    kubernetes:
                      context: staging
                      namespace: shop
                      deployments: {stable: checkout, canary: checkout-canary}
                    traffic:
                      ingressNginx: {canaryIngress: checkout-canary, mainIngress: checkout}
                    metrics:
                      prometheus:
                        url: %s
                        interval: 1s
                        window: 10s
                        queries:
                          error-rate: sum(rate(http_requests_total{track="{{track}}",code=~"5.."}[{{window}}]))
                probes:
                  - id: hung-smoke
                    interval: 1s
                    timeout: 1s
                    http: {url: "http://127.0.0.1:%d/health"}
                rollback:
                  steps:
                    - setWeight: 0
                    - disableCanary: {}
                    - setImage: {deployment: checkout-canary, container: api, image: last-known-good}
                    - waitForRollout: {deployment: checkout-canary, timeout: 1m}
                """.formatted(prometheus, silent.getLocalPort()));
    }

    private LiveSession open(ReleasePlan plan, Actor who) throws Exception {
        Pacing quick = new Pacing(new Backoff(3, Duration.ofMillis(50), Duration.ofMillis(200), Backoff.Sleeper.REAL),
                Duration.ofMillis(100));
        return LiveSession.open(plan, plan.environments().get(0), who, Clock.systemUTC(), variables, dir, quick);
    }

    @Test
    void theSliderMovesTheRealIngressAndRollbackWorksWithPrometheusStoppedAndAProbeHung() throws Exception {
        cluster.authorize((verb, resource) -> true);
        try (DeploymentController controller = DeploymentController.start(cluster.client(), "shop");
                PrometheusServer prometheus = PrometheusServer.builder().job("none").start();
                LiveSession session = open(plan(prometheus.url().toString()), ANA)) {
            SessionLog log = session.log();
            var described = await(log, SessionEvent.EnvironmentDescribed.class, e -> true);
            assertThat(described.context()).isEqualTo("staging");
            assertThat(described.namespace()).isEqualTo("shop");
            assertThat(described.user()).isEqualTo("ana");
            assertThat(described.versions()).containsEntry("canary", GOOD);
            var lastKnownGood = await(log, SessionEvent.LastKnownGoodRecorded.class,
                    e -> e.deployment().equals("checkout-canary"));
            assertThat(lastKnownGood.images()).containsExactly(Map.entry("api", GOOD));
            assertThat(lastKnownGood.featureFlags()).containsExactly(Map.entry("FEATURE_DYNAMIC_PROMPTS", "1"));
            assertThat(await(log, SessionEvent.PreflightChecked.class, e -> true).missing()).isEmpty();
            assertThat(await(log, SessionEvent.EnvironmentChecked.class, e -> e.check().equals("router")).passed())
                    .isTrue();

            session.engine().confirmProtectedEnvironment("staging", ANA);
            session.engine().overrideWeight(30, ANA, "step 1");
            await(log, SessionEvent.WeightApplied.class, a -> a.requestedPercent() == 30 && a.percent() == 30);
            assertThat(kubectl.run("get", "ingress", "checkout-canary", "-o", WEIGHT)).isEqualTo("30");

            // A bad build reaches the canary; Prometheus goes down; the smoke probe hangs on a silent socket.
            cluster.client().apps().deployments().inNamespace("shop").withName("checkout-canary")
                    .edit(d -> { d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(BAD); return d; });
            prometheus.close();
            await(log, SessionEvent.MetricSample.class, s -> s.outcome() == Outcome.ERROR);

            session.engine().rollback(ANA, "canary 5xx spiking");
            SessionEvent.RollbackFinished finished = await(log, SessionEvent.RollbackFinished.class, e -> true);
            assertThat(finished.succeeded()).as(finished.detail()).isTrue();
            assertThat(kubectl.run("get", "ingress", "checkout-canary", "-o", WEIGHT)).isEqualTo("0");
            assertThat(kubectl.run("get", "ingress", "checkout-canary", "-o", CANARY)).isEqualTo("false");
            assertThat(kubectl.run("get", "deployment", "checkout-canary", "-o",
                    "jsonpath={.spec.template.spec.containers[0].image}")).isEqualTo(GOOD);
        }
    }

    @Test
    void whatRbacWouldRefuseIsRefusedBeforeAnythingIsWritten() throws Exception {
        cluster.authorize((verb, resource) -> !("patch".equals(verb) && "ingresses".equals(resource)));
        try (LiveSession session = open(plan("http://127.0.0.1:9"), ANA)) {
            SessionLog log = session.log();
            var preflight = await(log, SessionEvent.PreflightChecked.class, e -> true);
            assertThat(preflight.missing()).extracting(SessionEvent.PreflightChecked.Access::permission)
                    .contains("patch ingresses.networking.k8s.io in shop");

            session.engine().confirmProtectedEnvironment("staging", ANA);
            await(log, SessionEvent.ProtectedEnvironmentConfirmed.class, e -> true);
            session.engine().overrideWeight(30, ANA, "step 1");

            var refused = await(log, SessionEvent.CommandRefused.class, e -> e.command().equals("set weight 30%"));
            assertThat(refused.reason()).startsWith("the cluster would refuse it: the current user may not patch "
                    + "ingresses.networking.k8s.io in shop");
            assertThat(kubectl.run("get", "ingress", "checkout-canary", "-o", WEIGHT)).isEqualTo("0");
        }
    }

    @Test
    void aSecondConsoleOpensReadOnlyAndSaysWhoDrivesTheEnvironment() throws Exception {
        cluster.authorize((verb, resource) -> true);
        ReleasePlan plan = plan("http://127.0.0.1:9");
        try (LiveSession first = open(plan, ANA)) {
            await(first.log(), SessionEvent.LeaseChanged.class, SessionEvent.LeaseChanged::ours);
            try (LiveSession second = open(plan, new Actor("bob"))) {
                var lease = await(second.log(), SessionEvent.LeaseChanged.class, e -> true);
                assertThat(lease.ours()).isFalse();
                assertThat(lease.holder()).isEqualTo(LiveSession.leaseHolder(ANA));

                second.engine().rollback(new Actor("bob"), "I think it is broken");
                var refused = await(second.log(), SessionEvent.CommandRefused.class, e -> true);
                assertThat(refused.reason()).isEqualTo("staging is driven by " + LiveSession.leaseHolder(ANA)
                        + "; this console is read-only (take over the lease to act)");
            }
        }
    }

    @Test
    void theSliderAndRollbackMoveAGatewayApiRoute() throws Exception {
        cluster.authorize((verb, resource) -> true);
        cluster.client().resources(HTTPRoute.class).inNamespace("shop").resource(new HTTPRouteBuilder()
                .withNewMetadata().withName("checkout").endMetadata().withNewSpec().addNewRule()
                .addNewBackendRef().withName("checkout").withWeight(100).endBackendRef()
                .addNewBackendRef().withName("checkout-canary").withWeight(0).endBackendRef()
                .endRule().endSpec().build()).create();
        ReleasePlan plan = PlanLoader.parse("gateway.yaml", """
                apiVersion: quarterdeck/v1
                metadata: {name: checkout, version: "2.4.0", owner: payments}
                environments:
                  - name: staging
                    kubernetes: {context: staging, namespace: shop}
                    traffic:
                      gatewayApi: {route: checkout, stableBackend: checkout, canaryBackend: checkout-canary}
                """);
        try (LiveSession session = open(plan, ANA)) {
            session.engine().overrideWeight(25, ANA, "step 1");
            await(session.log(), SessionEvent.WeightApplied.class, a -> a.requestedPercent() == 25 && a.percent() == 25);
            assertThat(kubectl.run("get", "httproute", "checkout", "-o",
                    "jsonpath={.spec.rules[0].backendRefs[*].weight}")).isEqualTo("75 25");

            session.engine().rollback(ANA, "drill");
            assertThat(await(session.log(), SessionEvent.RollbackFinished.class, e -> true).weight()).isZero();
            assertThat(kubectl.run("get", "httproute", "checkout", "-o",
                    "jsonpath={.spec.rules[0].backendRefs[*].weight}")).isEqualTo("100 0");
        }
    }

    @Test
    void theSliderAndRollbackMoveKongTargetsWithTheTokenFromTheEnvironment() throws Exception {
        FakeKong kong = new FakeKong("checkout").target("checkout:3000", 100).target("checkout-canary:3000", 0)
                .requireToken("kong-token-from-env");
        try (MockWebServer admin = new MockWebServer()) {
            admin.setDispatcher(kong);
            admin.start(InetAddress.getLoopbackAddress(), 0);
            ReleasePlan plan = PlanLoader.parse("kong.yaml", """
                    apiVersion: quarterdeck/v1
                    metadata: {name: automation, version: "3.0.1", owner: platform}
                    environments:
                      - name: production
                        traffic:
                          kong:
                            adminUrl: %s
                            upstream: checkout
                            stableTarget: "checkout:3000"
                            canaryTarget: "checkout-canary:3000"
                            token: ${env:KONG_ADMIN_TOKEN}
                    """.formatted(admin.url("/").toString()));
            variables = Map.of("KONG_ADMIN_TOKEN", "kong-token-from-env");
            try (LiveSession session = open(plan, ANA)) {
                session.engine().overrideWeight(10, ANA, "step 1");
                await(session.log(), SessionEvent.WeightApplied.class, a -> a.requestedPercent() == 10 && a.percent() == 10);
                assertThat(kong.weight("checkout-canary:3000")).isEqualTo(10);
                assertThat(kong.weight("checkout:3000")).isEqualTo(90);

                session.engine().rollback(ANA, "drill");
                assertThat(await(session.log(), SessionEvent.RollbackFinished.class, e -> true).weight()).isZero();
                assertThat(kong.weight("checkout-canary:3000")).isZero();
                assertThat(session.log().events().toString()).doesNotContain("kong-token-from-env");
            }
        }
    }

    private static Ingress ingress(String name, Map<String, String> annotations) {
        return new IngressBuilder().withNewMetadata().withName(name).withNamespace("shop")
                .addToAnnotations(annotations).endMetadata()
                .withNewSpec().withIngressClassName("nginx").addNewRule().withHost("shop.example.com")
                .withNewHttp().addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService()
                .withName(name).withNewPort().withNumber(80).endPort().endService().endBackend().endPath()
                .endHttp().endRule().endSpec().build();
    }

    /** A deployment as the controller leaves it after a finished rollout. */
    private static Deployment rolledOut(Deployment deployment) {
        deployment.getMetadata().setGeneration(1L);
        deployment.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(3)
                .withUpdatedReplicas(3).withReadyReplicas(3).withAvailableReplicas(3).build());
        return deployment;
    }

    /** A socket that accepts connections and never answers: a hung smoke target. */
    private static ServerSocket silentServer() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T extends SessionEvent> T await(SessionLog log, Class<T> type, Predicate<? super T> matching)
            throws Exception {
        CompletableFuture<T> found = new CompletableFuture<>();
        AtomicReference<dev.quarterdeck.session.Subscription> subscription = new AtomicReference<>();
        subscription.set(log.subscribe(e -> {
            if (type.isInstance(e) && matching.test(type.cast(e))) {
                found.complete(type.cast(e));
            }
        }));
        try {
            return found.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no " + type.getSimpleName() + " as expected; events: " + log.events(), e);
        } finally {
            subscription.get().close();
        }
    }
}
