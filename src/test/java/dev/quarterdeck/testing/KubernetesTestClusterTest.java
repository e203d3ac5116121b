package dev.quarterdeck.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test cluster itself: what fabric8 writes, kubectl reads; what kubectl writes, fabric8 reads. */
class KubernetesTestClusterTest {
    private final KubernetesTestCluster cluster = KubernetesTestCluster.start();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void kubectlReadsWhatTheClientWroteAndTheClientReadsWhatKubectlWrote() throws Exception {
        cluster.client().network().v1().ingresses().inNamespace(KubernetesTestCluster.NAMESPACE).resource(
                new IngressBuilder().withNewMetadata().withName("checkout-canary")
                        .addToAnnotations("nginx.ingress.kubernetes.io/canary", "true")
                        .addToAnnotations("nginx.ingress.kubernetes.io/canary-weight", "10")
                        .endMetadata().build()).create();
        var kubectl = cluster.kubectl(cluster.writeKubeconfig(dir, "test", "ana"));

        assertThat(kubectl.run("get", "ingress", "checkout-canary", "-o",
                "jsonpath={.metadata.annotations.nginx\\.ingress\\.kubernetes\\.io/canary-weight}")).isEqualTo("10");

        kubectl.run("annotate", "--overwrite", "ingress", "checkout-canary",
                "nginx.ingress.kubernetes.io/canary-weight=30");
        Ingress read = cluster.client().network().v1().ingresses().inNamespace(KubernetesTestCluster.NAMESPACE)
                .withName("checkout-canary").get();
        assertThat(read.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/canary-weight", "30");

        kubectl.run("patch", "ingress", "checkout-canary", "--type=merge", "-p",
                "{\"metadata\":{\"annotations\":{\"nginx.ingress.kubernetes.io/canary-weight\":\"0\"}}}");
        assertThat(cluster.client().network().v1().ingresses().inNamespace(KubernetesTestCluster.NAMESPACE)
                .withName("checkout-canary").get().getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/canary-weight", "0");
    }

    @Test
    void httpRoutesAreStoredLikeAnyResource() throws Exception {
        cluster.client().resources(HTTPRoute.class).inNamespace(KubernetesTestCluster.NAMESPACE).resource(
                new HTTPRouteBuilder().withNewMetadata().withName("checkout").endMetadata()
                        .withNewSpec().addNewRule().addNewBackendRef().withName("stable").withWeight(90)
                        .endBackendRef().addNewBackendRef().withName("canary").withWeight(10).endBackendRef()
                        .endRule().endSpec().build()).create();
        var kubectl = cluster.kubectl(cluster.writeKubeconfig(dir, "test", "ana"));

        assertThat(kubectl.run("get", "httproute", "checkout", "-o",
                "jsonpath={.spec.rules[0].backendRefs[1].weight}")).isEqualTo("10");
    }

    @Test
    void stagedFailuresComeBeforeStoredState() {
        String path = "/apis/networking.k8s.io/v1/namespaces/shop/ingresses/checkout-canary";
        cluster.expect().get().withPath(path).andReturn(403, "{\"kind\":\"Status\",\"code\":403,"
                + "\"reason\":\"Forbidden\",\"message\":\"ingresses is forbidden\"}").once();

        assertThatThrownBy(() -> cluster.client().network().v1().ingresses().inNamespace("shop")
                .withName("checkout-canary").get())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
        assertThat(cluster.client().network().v1().ingresses().inNamespace("shop").withName("checkout-canary").get())
                .as("once the staged answer is used, the stored state answers").isNull();
    }
}
