package dev.quarterdeck.traffic.adapter.kubernetes;

import static dev.quarterdeck.traffic.adapter.kubernetes.ConnectedCluster.CLOCK;
import static dev.quarterdeck.traffic.adapter.kubernetes.ConnectedCluster.ingress;
import static dev.quarterdeck.traffic.adapter.kubernetes.ConnectedCluster.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.plan.KubernetesTarget;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.probe.SilentServer;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.CanaryWeight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API server refuses, conflicts, fails or says nothing: each is one ActionException, rightly classified. */
class IngressNginxFailuresTest {
    private static final String CANARY_PATH = "/apis/networking.k8s.io/v1/namespaces/shop/ingresses/checkout-canary";
    private static final TrafficSpec.IngressNginx PLAN = new TrafficSpec.IngressNginx("checkout-canary",
            Optional.of("checkout"), Optional.empty(), Optional.empty(), Optional.empty(), 100);

    @TempDir
    Path dir;

    private ConnectedCluster shop;
    private IngressNginxRouter router;

    @BeforeEach
    void start() {
        shop = new ConnectedCluster(dir);
        shop.create(ingress("checkout", "shop.example.com", "/", "checkout", Map.of()));
        shop.create(ingress("checkout-canary", "shop.example.com", "/", "checkout-canary",
                Map.of("nginx.ingress.kubernetes.io/canary", "true", "nginx.ingress.kubernetes.io/canary-weight", "5")));
        router = new IngressNginxRouter(shop.connection(), PLAN, CLOCK);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void aForbiddenReadNamesVerbResourceAndNamespaceAndIsPermanent() {
        shop.cluster().expect().get().withPath(CANARY_PATH).andReturn(403, status(403, "Forbidden",
                "ingresses.networking.k8s.io \"checkout-canary\" is forbidden: User \"ana\" cannot get resource"))
                .once();

        permanent(router::readCanaryWeight).hasMessageStartingWith("get ingresses.networking.k8s.io/checkout-canary "
                + "in namespace shop: 403 Forbidden (the current user may not get ingresses.networking.k8s.io)")
                .hasMessageContaining("User \"ana\" cannot get resource");
    }

    @Test
    void aForbiddenWriteNamesVerbResourceAndNamespaceAndIsPermanent() {
        shop.cluster().expect().put().withPath(CANARY_PATH).andReturn(403, status(403, "Forbidden",
                "User \"ana\" cannot update resource \"ingresses\"")).always();

        permanent(() -> router.setCanaryWeight(CanaryWeight.of(20))).hasMessageStartingWith(
                "update ingresses.networking.k8s.io/checkout-canary in namespace shop: 403 Forbidden (the current "
                        + "user may not update ingresses.networking.k8s.io)");
        assertThat(shop.ingress("checkout-canary").getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/canary-weight", "5");
    }

    @Test
    void aConflictIsRetriedOnAFreshReadAndTheWeightReadBack() throws Exception {
        shop.cluster().expect().put().withPath(CANARY_PATH).andReturn(409, status(409, "Conflict",
                "Operation cannot be fulfilled on ingresses.networking.k8s.io \"checkout-canary\": the object has "
                        + "been modified")).once();

        assertThat(router.setCanaryWeight(CanaryWeight.of(20)).weight()).isEqualTo(CanaryWeight.of(20));
        assertThat(shop.ingress("checkout-canary").getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/canary-weight", "20");
    }

    @Test
    void aConflictThatKeepsComingBackIsTransientAndSaysSo() {
        shop.cluster().expect().put().withPath(CANARY_PATH).andReturn(409, status(409, "Conflict",
                "the object has been modified")).always();

        assertThatThrownBy(() -> router.setCanaryWeight(CanaryWeight.of(20))).isInstanceOf(ActionException.class)
                .hasMessageStartingWith("update ingresses.networking.k8s.io/checkout-canary in namespace shop: 409 "
                        + "Conflict")
                .hasMessageContaining("it kept conflicting: " + VersionedResource.WRITE_ATTEMPTS + " attempts")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).as("transient").isTrue());
    }

    @Test
    void aServerErrorIsTransient() {
        shop.cluster().expect().get().withPath(CANARY_PATH).andReturn(500, status(500, "InternalError",
                "etcdserver: request timed out")).once();

        assertThatThrownBy(router::readCanaryWeight).isInstanceOf(ActionException.class)
                .hasMessage("get ingresses.networking.k8s.io/checkout-canary in namespace shop: 500 server error: "
                        + "etcdserver: request timed out")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).as("transient").isTrue());
    }

    @Test
    void aServerErrorOnTheWriteIsTransientAndNothingIsRetriedInsideTheClient() {
        shop.cluster().expect().put().withPath(CANARY_PATH).andReturn(503, status(503, "ServiceUnavailable",
                "the server is shutting down")).once();

        assertThatThrownBy(() -> router.setCanaryWeight(CanaryWeight.of(20))).isInstanceOf(ActionException.class)
                .hasMessageStartingWith("update ingresses.networking.k8s.io/checkout-canary in namespace shop: 503")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).as("transient").isTrue());
        assertThat(shop.ingress("checkout-canary").getMetadata().getAnnotations())
                .as("the engine, not fabric8, decides on a retry")
                .containsEntry("nginx.ingress.kubernetes.io/canary-weight", "5");
    }

    @Test
    void aListRefusedDuringVerifyIsNamed() {
        shop.cluster().expect().get().withPath("/apis/networking.k8s.io/v1/namespaces/shop/ingresses")
                .andReturn(403, status(403, "Forbidden", "cannot list resource")).once();

        permanent(router::verify).hasMessageStartingWith("list ingresses.networking.k8s.io in namespace shop: "
                + "403 Forbidden (the current user may not list ingresses.networking.k8s.io)");
    }

    @Test
    void anApiServerThatNeverAnswersTimesOutTransiently() throws Exception {
        try (SilentServer silent = new SilentServer();
                KubernetesConnection hung = KubernetesConnection.open(
                        KubeconfigContext.select(new KubernetesTarget(Optional.empty(), Optional.empty(), Map.of()),
                                Map.of("KUBECONFIG", kubeconfigFor(silent.base().toString()).toString()), dir),
                        new KubernetesConnection.Timeouts(Duration.ofSeconds(2), Duration.ofMillis(300)))) {
            IngressNginxRouter stuck = new IngressNginxRouter(hung, PLAN, CLOCK);

            assertThatThrownBy(stuck::readCanaryWeight).isInstanceOf(ActionException.class)
                    .hasMessageStartingWith("get ingresses.networking.k8s.io/checkout-canary in namespace shop: "
                            + "timed out waiting for the API server")
                    .satisfies(e -> assertThat(((ActionException) e).transientFailure()).as("transient").isTrue());
        }
    }

    @Test
    void anApiServerThatIsNotThereIsTransient() throws Exception {
        String refused = SilentServer.refusedUrl("").toString();
        try (KubernetesConnection gone = KubernetesConnection.open(
                KubeconfigContext.select(new KubernetesTarget(Optional.empty(), Optional.empty(), Map.of()),
                        Map.of("KUBECONFIG", kubeconfigFor(refused).toString()), dir),
                KubernetesConnection.Timeouts.DEFAULT)) {
            assertThatThrownBy(() -> new IngressNginxRouter(gone, PLAN, CLOCK).setCanaryWeight(CanaryWeight.NONE))
                    .isInstanceOf(ActionException.class)
                    .hasMessageStartingWith("get ingresses.networking.k8s.io/checkout-canary in namespace shop: no "
                            + "answer from the API server")
                    .satisfies(e -> assertThat(((ActionException) e).transientFailure()).as("transient").isTrue());
        }
    }

    private Path kubeconfigFor(String server) throws Exception {
        return Files.writeString(dir.resolve("elsewhere"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "%s"}}]
                users: [{name: ana, user: {token: t}}]
                contexts: [{name: elsewhere, context: {cluster: c, user: ana, namespace: shop}}]
                current-context: elsewhere
                """.formatted(server));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> permanent(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(ActionException.class)
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).as("permanent").isFalse());
    }
}
