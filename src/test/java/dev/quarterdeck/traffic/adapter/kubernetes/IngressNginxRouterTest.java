package dev.quarterdeck.traffic.adapter.kubernetes;

import static dev.quarterdeck.traffic.adapter.kubernetes.ConnectedCluster.CLOCK;
import static dev.quarterdeck.traffic.adapter.kubernetes.ConnectedCluster.ingress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.WeightReading;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights written as ingress-nginx annotations, read back from the API server, and seen by kubectl. */
class IngressNginxRouterTest {
    private static final String P = "nginx.ingress.kubernetes.io/";

    @TempDir
    Path dir;

    private ConnectedCluster shop;

    @BeforeEach
    void start() {
        shop = new ConnectedCluster(dir);
        shop.create(ingress("checkout", "shop.example.com", "/", "checkout", Map.of()));
        shop.create(ingress("checkout-canary", "shop.example.com", "/", "checkout-canary",
                Map.of("nginx.ingress.kubernetes.io/rewrite-target", "/")));
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void eachWeightIsWrittenAsAnnotationsAndReadBack() throws Exception {
        IngressNginxRouter router = router(plan(100));

        for (int percent : new int[] {0, 1, 30, 99, 100, 0}) {
            WeightReading reading = router.setCanaryWeight(CanaryWeight.of(percent));

            assertThat(reading.weight()).isEqualTo(CanaryWeight.of(percent));
            assertThat(reading.readAt()).isEqualTo(CLOCK.instant());
            assertThat(annotations()).containsEntry(P + "canary", "true")
                    .containsEntry(P + "canary-weight", Integer.toString(percent))
                    .doesNotContainKey(P + "canary-weight-total")
                    .as("annotations the plan is not about are kept")
                    .containsEntry(P + "rewrite-target", "/");
        }
    }

    @Test
    void aWeightTotalOf1000IsWrittenAndTheWeightScaled() throws Exception {
        IngressNginxRouter router = router(plan(1000));

        assertThat(router.setCanaryWeight(CanaryWeight.of(30)).weight()).isEqualTo(CanaryWeight.of(30));
        assertThat(annotations()).containsEntry(P + "canary-weight", "300")
                .containsEntry(P + "canary-weight-total", "1000");

        assertThat(router.setCanaryWeight(CanaryWeight.of(100)).weight()).isEqualTo(CanaryWeight.ALL);
        assertThat(annotations()).containsEntry(P + "canary-weight", "1000");

        assertThat(router.setCanaryWeight(CanaryWeight.of(0)).weight()).isEqualTo(CanaryWeight.NONE);
        assertThat(annotations()).containsEntry(P + "canary-weight", "0");
    }

    @Test
    void aTotalAlreadyOnTheIngressIsOverwrittenEvenWithTheDefault() throws Exception {
        annotate(P + "canary-weight-total=1000");

        router(plan(100)).setCanaryWeight(CanaryWeight.of(20));

        assertThat(annotations()).containsEntry(P + "canary-weight", "20").containsEntry(P + "canary-weight-total", "100");
    }

    @Test
    void theReadBackFollowsIngressNginxsRules() throws Exception {
        IngressNginxRouter router = router(plan(100));

        annotate(P + "canary=false", P + "canary-weight=40");
        assertThat(router.readCanaryWeight().weight()).as("canary off: no traffic by weight").isEqualTo(CanaryWeight.NONE);

        annotate(P + "canary=true", P + "canary-weight=150", P + "canary-weight-total=200");
        assertThat(router.readCanaryWeight().weight()).isEqualTo(CanaryWeight.of(75));

        annotate(P + "canary-weight=250");
        assertThat(router.readCanaryWeight().weight()).as("weight over the total: all").isEqualTo(CanaryWeight.ALL);

        annotate(P + "canary-weight=1", P + "canary-weight-total=3");
        assertThat(router.readCanaryWeight().weight()).isEqualTo(CanaryWeight.of(33));
    }

    @Test
    void aWeightThatIsNotANumberIsReportedNotGuessed() throws Exception {
        annotate(P + "canary=true", P + "canary-weight=ten");

        assertThatThrownBy(() -> router(plan(100)).readCanaryWeight())
                .isInstanceOf(ActionException.class)
                .hasMessage("Ingress shop/checkout-canary: nginx.ingress.kubernetes.io/canary-weight is \"ten\", "
                        + "not a whole number")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isFalse());
    }

    @Test
    void headerAndCookieRoutesAreWrittenWhenThePlanAsksForThem() throws Exception {
        IngressNginxRouter router = router(new TrafficSpec.IngressNginx("checkout-canary", Optional.of("checkout"),
                Optional.of("X-Canary"), Optional.of("always-me"), Optional.of("canary_user"), 100));

        router.setCanaryWeight(CanaryWeight.of(10));

        assertThat(annotations()).containsEntry(P + "canary-by-header", "X-Canary")
                .containsEntry(P + "canary-by-header-value", "always-me")
                .containsEntry(P + "canary-by-cookie", "canary_user");
    }

    @Test
    void withoutHeaderOrCookieInThePlanNoneIsWritten() throws Exception {
        router(plan(100)).setCanaryWeight(CanaryWeight.of(10));

        assertThat(annotations()).doesNotContainKeys(P + "canary-by-header", P + "canary-by-header-value",
                P + "canary-by-cookie");
    }

    @Test
    void disablingTurnsTheCanaryOffAndTheWeightToZero() throws Exception {
        IngressNginxRouter router = router(new TrafficSpec.IngressNginx("checkout-canary", Optional.empty(),
                Optional.of("X-Canary"), Optional.empty(), Optional.empty(), 100));
        router.setCanaryWeight(CanaryWeight.of(40));

        WeightReading reading = router.disableCanary();

        assertThat(reading.weight()).isEqualTo(CanaryWeight.NONE);
        assertThat(annotations()).containsEntry(P + "canary", "false").containsEntry(P + "canary-weight", "0")
                .containsEntry(P + "canary-by-header", "X-Canary");
        assertThat(router.setCanaryWeight(CanaryWeight.of(5)).weight()).as("and a later step turns it on again")
                .isEqualTo(CanaryWeight.of(5));
        assertThat(annotations()).containsEntry(P + "canary", "true");
    }

    @Test
    void askingForTheWeightThatHoldsWritesNothing() throws Exception {
        IngressNginxRouter router = router(plan(100));
        router.setCanaryWeight(CanaryWeight.of(25));
        String version = shop.ingress("checkout-canary").getMetadata().getResourceVersion();

        router.setCanaryWeight(CanaryWeight.of(25));

        assertThat(shop.ingress("checkout-canary").getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void kubectlSeesWhatWasWrittenAndTheRouterReadsWhatKubectlWrote() throws Exception {
        IngressNginxRouter router = router(plan(100));

        router.setCanaryWeight(CanaryWeight.of(30));
        assertThat(shop.kubectl().run("get", "ingress", "checkout-canary", "-n", "shop", "-o",
                "jsonpath={.metadata.annotations.nginx\\.ingress\\.kubernetes\\.io/canary-weight}")).isEqualTo("30");

        shop.kubectl().run("annotate", "--overwrite", "ingress", "checkout-canary", "-n", "shop",
                P + "canary-weight=55");
        assertThat(router.readCanaryWeight().weight()).isEqualTo(CanaryWeight.of(55));
    }

    @Test
    void itDescribesItselfByNamespaceAndName() {
        assertThat(router(plan(100)).describe()).isEqualTo("ingress-nginx canary Ingress shop/checkout-canary");
    }

    @Test
    void aWeightTotalBelowOneIsRefusedWhenTheRouterIsBuilt() {
        assertThatThrownBy(() -> router(plan(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("canary-weight-total");
    }

    /** Someone else (a captain by hand, another tool) sets annotations, {@code key=value} each. */
    private void annotate(String... annotations) {
        shop.client().network().v1().ingresses().inNamespace(ConnectedCluster.NAMESPACE).withName("checkout-canary")
                .edit(ingress -> {
                    Map<String, String> updated = new HashMap<>(ingress.getMetadata().getAnnotations());
                    for (String annotation : annotations) {
                        updated.put(annotation.substring(0, annotation.indexOf('=')),
                                annotation.substring(annotation.indexOf('=') + 1));
                    }
                    ingress.getMetadata().setAnnotations(updated);
                    return ingress;
                });
    }

    private Map<String, String> annotations() {
        return shop.ingress("checkout-canary").getMetadata().getAnnotations();
    }

    private IngressNginxRouter router(TrafficSpec.IngressNginx plan) {
        return new IngressNginxRouter(shop.connection(), plan, CLOCK);
    }

    private static TrafficSpec.IngressNginx plan(int total) {
        return new TrafficSpec.IngressNginx("checkout-canary", Optional.of("checkout"), Optional.empty(),
                Optional.empty(), Optional.empty(), total);
    }
}
