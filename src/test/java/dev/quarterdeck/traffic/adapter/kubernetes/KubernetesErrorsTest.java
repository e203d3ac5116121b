package dev.quarterdeck.traffic.adapter.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.testing.KubernetesTestCluster;
import dev.quarterdeck.traffic.ActionException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class KubernetesErrorsTest {
    private static final KubernetesErrors.Attempt PATCH_INGRESS = new KubernetesErrors.Attempt(
            "patch", "ingresses.networking.k8s.io", "checkout-canary", "shop");

    @Test
    void aRefusalFromARealApiServerNamesVerbResourceAndNamespaceAndIsNotRetried() {
        try (KubernetesTestCluster cluster = KubernetesTestCluster.start()) {
            cluster.expect().get().withPath("/apis/networking.k8s.io/v1/namespaces/shop/ingresses/checkout-canary")
                    .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":403,"
                            + "\"reason\":\"Forbidden\",\"message\":\"ingresses.networking.k8s.io \\\"checkout-canary\\\" "
                            + "is forbidden: User \\\"ana\\\" cannot patch resource\"}").once();
            KubernetesClientException refused = null;
            try {
                cluster.client().network().v1().ingresses().inNamespace("shop").withName("checkout-canary").get();
            } catch (KubernetesClientException e) {
                refused = e;
            }
            assertThat(refused).isNotNull();
            ActionException e = KubernetesErrors.action(PATCH_INGRESS, refused);

            assertThat(e.getMessage()).startsWith("patch ingresses.networking.k8s.io/checkout-canary in namespace "
                    + "shop: 403 Forbidden (the current user may not patch ingresses.networking.k8s.io)");
            assertThat(e.getMessage()).contains("cannot patch resource");
            assertThat(e.transientFailure()).isFalse();
        }
    }

    @Test
    void conflictsThrottlingServerErrorsAndNoAnswerMayPass() {
        assertThat(KubernetesErrors.retryable(409)).isTrue();
        assertThat(KubernetesErrors.retryable(429)).isTrue();
        assertThat(KubernetesErrors.retryable(500)).isTrue();
        assertThat(KubernetesErrors.retryable(503)).isTrue();
        assertThat(KubernetesErrors.retryable(0)).isTrue();
        assertThat(KubernetesErrors.retryable(-1)).as("fabric8 7's code for no HTTP answer").isTrue();
        assertThat(KubernetesErrors.retryable(401)).isFalse();
        assertThat(KubernetesErrors.retryable(403)).isFalse();
        assertThat(KubernetesErrors.retryable(404)).isFalse();
        assertThat(KubernetesErrors.retryable(422)).isFalse();
    }
}
