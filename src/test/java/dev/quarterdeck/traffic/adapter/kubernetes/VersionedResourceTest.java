package dev.quarterdeck.traffic.adapter.kubernetes;

import static dev.quarterdeck.traffic.adapter.kubernetes.ConnectedCluster.NAMESPACE;
import static dev.quarterdeck.traffic.adapter.kubernetes.ConnectedCluster.ingress;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock is real: the CRUD server refuses a PUT carrying a stale resourceVersion, and the edit is applied again
 * on a fresh read, so another writer's change made in between survives.
 */
class VersionedResourceTest {
    @TempDir
    Path dir;

    private ConnectedCluster shop;
    private VersionedResource<Ingress> canary;

    @BeforeEach
    void start() {
        shop = new ConnectedCluster(dir);
        shop.create(ingress("checkout-canary", "shop.example.com", "/", "checkout-canary", Map.of("owner", "team-a")));
        canary = new VersionedResource<>(shop.connection().client().network().v1().ingresses().inNamespace(NAMESPACE),
                "ingresses.networking.k8s.io", "checkout-canary", NAMESPACE, "the canary Ingress the plan names");
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void aWriteOvertakenByAnotherWriterIsReappliedOnAFreshRead() throws Exception {
        AtomicInteger attempts = new AtomicInteger();

        canary.edit(ingress -> {
            if (attempts.incrementAndGet() == 1) {
                // Someone else writes between this edit's read and its write.
                shop.client().network().v1().ingresses().inNamespace(NAMESPACE).withName("checkout-canary")
                        .edit(other -> {
                            Map<String, String> annotations = new HashMap<>(other.getMetadata().getAnnotations());
                            annotations.put("owner", "team-b");
                            other.getMetadata().setAnnotations(annotations);
                            return other;
                        });
            }
            Map<String, String> annotations = new HashMap<>(ingress.getMetadata().getAnnotations());
            annotations.put("nginx.ingress.kubernetes.io/canary-weight", "10");
            ingress.getMetadata().setAnnotations(annotations);
            return true;
        });

        assertThat(attempts).hasValue(2);
        assertThat(shop.ingress("checkout-canary").getMetadata().getAnnotations())
                .containsEntry("owner", "team-b")
                .containsEntry("nginx.ingress.kubernetes.io/canary-weight", "10");
    }

    @Test
    void aChangeThatIsAlreadyThereWritesNothing() throws Exception {
        String before = shop.ingress("checkout-canary").getMetadata().getResourceVersion();
        int requests = shop.cluster().requestCount();

        canary.edit(ingress -> false);

        assertThat(shop.cluster().requestCount() - requests).as("one GET, no PUT").isEqualTo(1);
        assertThat(shop.ingress("checkout-canary").getMetadata().getResourceVersion()).isEqualTo(before);
    }
}
