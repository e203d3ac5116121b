package dev.quarterdeck.traffic.adapter.kubernetes;

import static dev.quarterdeck.traffic.adapter.kubernetes.ConnectedCluster.CLOCK;
import static dev.quarterdeck.traffic.adapter.kubernetes.ConnectedCluster.NAMESPACE;
import static dev.quarterdeck.traffic.adapter.kubernetes.ConnectedCluster.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.WeightReading;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Canary shares as HTTPRoute backendRef weights: written, read back, seen by kubectl, refused and retried. */
class GatewayApiRouterTest {
    private static final String ROUTE_PATH = "/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/checkout";

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
    void eachShareIsWrittenAsTwoWeightsAndReadBack() throws Exception {
        createRoute(List.of(List.of(backend("checkout", 100), backend("checkout-canary", 0))));
        GatewayApiRouter router = router(OptionalInt.empty());

        for (int percent : new int[] {0, 1, 30, 99, 100, 0}) {
            WeightReading reading = router.setCanaryWeight(CanaryWeight.of(percent));

            assertThat(reading.weight()).isEqualTo(CanaryWeight.of(percent));
            assertThat(reading.readAt()).isEqualTo(CLOCK.instant());
            assertThat(weights(0)).containsExactly(100 - percent, percent);
        }
    }

    @Test
    void theShareIsReadFromWhateverWeightsTheRouteHolds() throws Exception {
        createRoute(List.of(List.of(backend("checkout", null), backend("checkout-canary", null))));
        GatewayApiRouter router = router(OptionalInt.empty());
        assertThat(router.readCanaryWeight().weight()).as("weights left out count as 1 each")
                .isEqualTo(CanaryWeight.of(50));

        shop.kubectl().run("patch", "httproute", "checkout", "--type=json", "-p",
                "[{\"op\":\"add\",\"path\":\"/spec/rules/0/backendRefs/0/weight\",\"value\":3000},"
                        + "{\"op\":\"add\",\"path\":\"/spec/rules/0/backendRefs/1/weight\",\"value\":1000}]");
        assertThat(router.readCanaryWeight().weight()).isEqualTo(CanaryWeight.of(25));
    }

    @Test
    void kubectlSeesTheCanaryWeightWritten() throws Exception {
        createRoute(List.of(List.of(backend("checkout", 100), backend("checkout-canary", 0))));

        router(OptionalInt.empty()).setCanaryWeight(CanaryWeight.of(30));

        assertThat(shop.kubectl().run("get", "httproute", "checkout", "-n", "shop", "-o",
                "jsonpath={.spec.rules[0].backendRefs[1].weight}")).isEqualTo("30");
        assertThat(shop.kubectl().run("get", "httproute", "checkout", "-n", "shop", "-o",
                "jsonpath={.spec.rules[0].backendRefs[0].weight}")).isEqualTo("70");
    }

    @Test
    void theRuleTheSplitLivesInIsTheOneHoldingBothBackendsOrTheOneThePlanNames() throws Exception {
        createRoute(List.of(List.of(backend("static", null)),
                List.of(backend("checkout", 90), backend("checkout-canary", 10)),
                List.of(backend("checkout", 1), backend("checkout-canary", 1), backend("checkout-debug", 1))));

        assertThatThrownBy(() -> router(OptionalInt.empty()).readCanaryWeight()).isInstanceOf(ActionException.class)
                .hasMessage("rules [1, 2] of HTTPRoute shop/checkout all hold checkout and checkout-canary; the plan "
                        + "must name the rule to weigh");

        router(OptionalInt.of(2)).setCanaryWeight(CanaryWeight.of(40));
        assertThat(weights(1)).as("rule 1 untouched").containsExactly(90, 10);
        assertThat(weights(2)).as("the third backend keeps its weight").containsExactly(60, 40, 1);
    }

    @Test
    void aRuleThePlanNamesMustExistAndHoldBothBackends() throws Exception {
        createRoute(List.of(List.of(backend("checkout", 90), backend("checkout-next", 10))));

        failsWith(() -> router(OptionalInt.of(3)).verify())
                .hasMessage("HTTPRoute shop/checkout has 1 rule; the plan names rule 3 (counted from 0)");
        failsWith(() -> router(OptionalInt.of(0)).verify())
                .hasMessage("rule 0 of HTTPRoute shop/checkout has no backendRef named checkout-canary (it has "
                        + "checkout, checkout-next)");
        failsWith(() -> router(OptionalInt.empty()).verify())
                .hasMessage("no rule of HTTPRoute shop/checkout holds both backends checkout and checkout-canary "
                        + "(rule 0: checkout, checkout-next)");
    }

    @Test
    void aProperRoutePassesVerify() throws Exception {
        createRoute(List.of(List.of(backend("checkout", 100), backend("checkout-canary", 0))));

        assertThatCode(() -> router(OptionalInt.empty()).verify()).doesNotThrowAnyException();
    }

    @Test
    void aMissingRouteIsNamed() {
        failsWith(() -> router(OptionalInt.empty()).verify()).hasMessage("the HTTPRoute the plan names does not "
                + "exist: httproutes.gateway.networking.k8s.io/checkout in namespace shop");
    }

    @Test
    void bothBackendsAtZeroIsNoTrafficAtAll() throws Exception {
        createRoute(List.of(List.of(backend("checkout", 0), backend("checkout-canary", 0))));

        failsWith(() -> router(OptionalInt.empty()).readCanaryWeight()).hasMessage("rule 0 of HTTPRoute "
                + "shop/checkout: no traffic to either backend (checkout and checkout-canary both weigh 0)");
    }

    @Test
    void disablingSendsNothingToTheCanaryAndKeepsItsBackend() throws Exception {
        createRoute(List.of(List.of(backend("checkout", 60), backend("checkout-canary", 40))));

        assertThat(router(OptionalInt.empty()).disableCanary().weight()).isEqualTo(CanaryWeight.NONE);

        assertThat(route().getSpec().getRules().get(0).getBackendRefs()).extracting(HTTPBackendRef::getName)
                .containsExactly("checkout", "checkout-canary");
        assertThat(weights(0)).containsExactly(100, 0);
    }

    @Test
    void aConflictIsRetriedAndAConflictThatStaysIsTransient() throws Exception {
        createRoute(List.of(List.of(backend("checkout", 100), backend("checkout-canary", 0))));
        shop.cluster().expect().put().withPath(ROUTE_PATH).andReturn(409, status(409, "Conflict",
                "the object has been modified")).once();

        assertThat(router(OptionalInt.empty()).setCanaryWeight(CanaryWeight.of(10)).weight())
                .isEqualTo(CanaryWeight.of(10));

        shop.cluster().expect().put().withPath(ROUTE_PATH).andReturn(409, status(409, "Conflict",
                "the object has been modified")).always();
        assertThatThrownBy(() -> router(OptionalInt.empty()).setCanaryWeight(CanaryWeight.of(20)))
                .isInstanceOf(ActionException.class)
                .hasMessageStartingWith("update httproutes.gateway.networking.k8s.io/checkout in namespace shop: "
                        + "409 Conflict")
                .hasMessageContaining("it kept conflicting")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isTrue());
        assertThat(weights(0)).containsExactly(90, 10);
    }

    @Test
    void refusalsAndServerErrorsAreNamedAndClassified() throws Exception {
        createRoute(List.of(List.of(backend("checkout", 100), backend("checkout-canary", 0))));
        shop.cluster().expect().put().withPath(ROUTE_PATH).andReturn(403, status(403, "Forbidden",
                "cannot update resource \"httproutes\"")).once();

        failsWith(() -> router(OptionalInt.empty()).setCanaryWeight(CanaryWeight.of(10)))
                .hasMessageStartingWith("update httproutes.gateway.networking.k8s.io/checkout in namespace shop: 403 "
                        + "Forbidden (the current user may not update httproutes.gateway.networking.k8s.io)");
        shop.cluster().expect().get().withPath(ROUTE_PATH).andReturn(500, status(500, "InternalError",
                "etcd leader changed")).once();
        assertThatThrownBy(() -> router(OptionalInt.empty()).readCanaryWeight())
                .isInstanceOf(ActionException.class)
                .hasMessage("get httproutes.gateway.networking.k8s.io/checkout in namespace shop: 500 server error: "
                        + "etcd leader changed")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isTrue());
    }

    @Test
    void itDescribesTheRouteAndItsBackends() {
        assertThat(router(OptionalInt.empty()).describe()).isEqualTo(
                "Gateway API HTTPRoute shop/checkout, backends checkout (stable) and checkout-canary (canary)");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> failsWith(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(ActionException.class)
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).as("permanent").isFalse());
    }

    /** An HTTPRoute named checkout, one rule per list of backendRefs. */
    private void createRoute(List<List<HTTPBackendRef>> rules) {
        shop.client().resources(HTTPRoute.class).inNamespace(NAMESPACE).resource(new HTTPRouteBuilder()
                .withNewMetadata().withName("checkout").endMetadata().withNewSpec()
                .withRules(rules.stream().map(refs -> new HTTPRouteRuleBuilder().withBackendRefs(refs).build())
                        .collect(Collectors.toList()))
                .endSpec().build()).create();
    }

    private static HTTPBackendRef backend(String name, Integer weight) {
        return new HTTPBackendRefBuilder().withName(name).withPort(80).withWeight(weight).build();
    }

    private HTTPRoute route() {
        return shop.client().resources(HTTPRoute.class).inNamespace(NAMESPACE).withName("checkout").get();
    }

    private List<Integer> weights(int rule) {
        return route().getSpec().getRules().get(rule).getBackendRefs().stream().map(HTTPBackendRef::getWeight)
                .collect(Collectors.toList());
    }

    private GatewayApiRouter router(OptionalInt rule) {
        return new GatewayApiRouter(shop.connection(), new TrafficSpec.GatewayApi("checkout", rule, "checkout",
                "checkout-canary"), CLOCK);
    }
}
