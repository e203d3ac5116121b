package dev.quarterdeck.traffic.adapter.kubernetes;

import static dev.quarterdeck.traffic.adapter.kubernetes.ConnectedCluster.CLOCK;
import static dev.quarterdeck.traffic.adapter.kubernetes.ConnectedCluster.ingress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.traffic.ActionException;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify(): the canary Ingress pairs with a main Ingress by host and path, and is the only canary there. */
class IngressNginxVerifyTest {
    private static final Map<String, String> CANARY = Map.of("nginx.ingress.kubernetes.io/canary", "true",
            "nginx.ingress.kubernetes.io/canary-weight", "0");

    @TempDir
    Path dir;

    private ConnectedCluster shop;

    @BeforeEach
    void start() {
        shop = new ConnectedCluster(dir);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void aCanaryWithItsNamedMainIngressPasses() {
        shop.create(ingress("checkout", "shop.example.com", "/checkout", "checkout", Map.of()));
        shop.create(ingress("checkout-canary", "shop.example.com", "/checkout", "checkout-canary", CANARY));

        assertThatCode(() -> router(Optional.of("checkout")).verify()).doesNotThrowAnyException();
    }

    @Test
    void aCanaryWithoutANamedMainPassesWhenAnIngressServesItsHostAndPath() {
        shop.create(ingress("storefront", "shop.example.com", "/", "storefront", Map.of()));
        shop.create(ingress("checkout", "shop.example.com", "/checkout", "checkout", Map.of()));
        shop.create(ingress("checkout-canary", "shop.example.com", "/checkout", "checkout-canary", Map.of()));

        assertThatCode(() -> router(Optional.empty()).verify()).as("canary annotations come with the first step")
                .doesNotThrowAnyException();
    }

    @Test
    void aMissingCanaryIngressIsNamed() {
        shop.create(ingress("checkout", "shop.example.com", "/", "checkout", Map.of()));

        failsWith(router(Optional.of("checkout"))).hasMessage("the canary Ingress the plan names does not exist: "
                + "ingresses.networking.k8s.io/checkout-canary in namespace shop");
    }

    @Test
    void aMissingNamedMainIngressIsNamed() {
        shop.create(ingress("checkout-canary", "shop.example.com", "/", "checkout-canary", CANARY));

        failsWith(router(Optional.of("checkout"))).hasMessage("the main Ingress the plan names does not exist: "
                + "ingresses.networking.k8s.io/checkout in namespace shop");
    }

    @Test
    void noMainIngressForTheCanarysHostAndPath() {
        shop.create(ingress("storefront", "shop.example.com", "/", "storefront", Map.of()));
        shop.create(ingress("checkout-canary", "shop.example.com", "/checkout", "checkout-canary", CANARY));

        failsWith(router(Optional.empty())).hasMessage("ingress-nginx canary Ingress shop/checkout-canary is not set "
                + "up as ingress-nginx needs: no main Ingress in namespace shop serves shop.example.com/checkout, "
                + "which the canary Ingress shop/checkout-canary routes; ingress-nginx ignores a canary without one "
                + "(shop/storefront serves shop.example.com/)");
    }

    @Test
    void aNamedMainIngressForAnotherHostIsAMismatch() {
        shop.create(ingress("checkout", "www.example.com", "/", "checkout", Map.of()));
        shop.create(ingress("checkout-canary", "shop.example.com", "/", "checkout-canary", CANARY));

        failsWith(router(Optional.of("checkout"))).hasMessage("ingress-nginx canary Ingress shop/checkout-canary is "
                + "not set up as ingress-nginx needs: the canary Ingress shop/checkout-canary routes "
                + "shop.example.com/, which the main Ingress shop/checkout does not serve (it serves www.example.com/)");
    }

    @Test
    void aSecondCanaryOnTheSameHostAndPathIsNamed() {
        shop.create(ingress("checkout", "shop.example.com", "/", "checkout", Map.of()));
        shop.create(ingress("checkout-canary", "shop.example.com", "/", "checkout-canary", CANARY));
        shop.create(ingress("checkout-experiment", "shop.example.com", "/", "checkout-experiment", CANARY));

        failsWith(router(Optional.of("checkout"))).hasMessage("ingress-nginx canary Ingress shop/checkout-canary is "
                + "not set up as ingress-nginx needs: a second canary Ingress, shop/checkout-experiment, claims "
                + "shop.example.com/ too; ingress-nginx applies only one canary per host and path");
    }

    @Test
    void aNamedMainThatIsItselfACanaryIsRefused() {
        shop.create(ingress("checkout", "shop.example.com", "/", "checkout", Map.of("nginx.ingress.kubernetes.io/canary",
                "true")));
        shop.create(ingress("checkout-canary", "shop.example.com", "/", "checkout-canary", CANARY));

        failsWith(router(Optional.of("checkout"))).hasMessageContaining("the main Ingress the plan names, "
                + "shop/checkout, is itself a canary");
    }

    @Test
    void aCanaryForAnotherIngressClassIsAMismatch() {
        shop.create(ingress("checkout", "shop.example.com", "/", "checkout", Map.of()));
        Ingress canary = ingress("checkout-canary", "shop.example.com", "/", "checkout-canary", CANARY);
        canary.getSpec().setIngressClassName("nginx-internal");
        shop.create(canary);

        failsWith(router(Optional.of("checkout"))).hasMessageEndingWith("the canary Ingress shop/checkout-canary "
                + "has ingressClassName nginx-internal but the main Ingress shop/checkout has nginx");
    }

    @Test
    void aCanaryWithUnreadableAnnotationsDoesNotPass() {
        shop.create(ingress("checkout", "shop.example.com", "/", "checkout", Map.of()));
        shop.create(ingress("checkout-canary", "shop.example.com", "/", "checkout-canary",
                Map.of("nginx.ingress.kubernetes.io/canary", "true", "nginx.ingress.kubernetes.io/canary-weight", "x")));

        failsWith(router(Optional.of("checkout"))).hasMessageContaining("canary-weight is \"x\"");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> failsWith(IngressNginxRouter router) {
        return assertThatThrownBy(router::verify).isInstanceOf(ActionException.class)
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).as("permanent").isFalse());
    }

    private IngressNginxRouter router(Optional<String> main) {
        return new IngressNginxRouter(shop.connection(), new TrafficSpec.IngressNginx("checkout-canary", main,
                Optional.empty(), Optional.empty(), Optional.empty(), 100), CLOCK);
    }
}
