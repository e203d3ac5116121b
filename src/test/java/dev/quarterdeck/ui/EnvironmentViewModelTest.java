package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.session.Actor;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.session.SessionEvent.EnvironmentChecked;
import dev.quarterdeck.session.SessionEvent.EnvironmentDescribed;
import dev.quarterdeck.session.SessionEvent.LastKnownGoodRecorded;
import dev.quarterdeck.session.SessionEvent.LeaseChanged;
import dev.quarterdeck.session.SessionEvent.PreflightChecked;
import dev.quarterdeck.session.SessionEvent.PreflightChecked.Access;
import dev.quarterdeck.session.SessionLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentViewModelTest {
    private static final Actor CAPTAIN = new Actor("dana");
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final SessionLog log = SessionLog.inMemory();

    private EnvironmentViewModel open(Environment environment) {
        FxBridge bridge = new FxBridge(Runnable::run);
        EnvironmentViewModel model = new EnvironmentViewModel(TestPlans.checkoutApi(), environment, CAPTAIN, bridge);
        bridge.connect(log);
        return model;
    }

    static List<Access> sevenPermissions(boolean routerAllowed, boolean imagesAllowed) {
        return List.of(
                new Access("get ingresses.networking.k8s.io in shop", "read the canary weight", true, "", true),
                new Access("patch ingresses.networking.k8s.io in shop", "set the canary weight", routerAllowed, "", true),
                new Access("get deployments.apps in shop", "read running images", true, "", false),
                new Access("patch deployments.apps in shop", "set images on rollback", imagesAllowed, "", false),
                new Access("get leases.coordination.k8s.io in shop", "see who drives production", true, "", false),
                new Access("update leases.coordination.k8s.io in shop", "hold the lease", true, "", false),
                new Access("create selfsubjectaccessreviews.authorization.k8s.io in ", "ask these questions", true,
                        "", false));
    }

    @Test
    void starts_from_the_plan_and_fills_in_what_the_environment_reports() {
        SessionLog log = SessionLog.inMemory();
        FxBridge bridge = new FxBridge(Runnable::run);
        EnvironmentViewModel environment =
                new EnvironmentViewModel(TestPlans.checkoutApi(), TestPlans.production(), CAPTAIN, bridge);
        bridge.connect(log);

        assertThat(environment.planNameProperty().get()).isEqualTo("checkout-api");
        assertThat(environment.planVersionProperty().get()).isEqualTo("2.14.0");
        assertThat(environment.environmentNameProperty().get()).isEqualTo("production");
        assertThat(environment.protectedEnvironmentProperty().get()).isTrue();
        assertThat(environment.routerProperty().get()).isEqualTo("sandbox");
        assertThat(environment.canaryVersionProperty().get()).isEqualTo("not reported yet");
        assertThat(environment.operatorProperty().get()).isEqualTo("dana");

        log.append(new EnvironmentDescribed(Instant.parse("2026-03-02T10:00:00Z"), "production",
                "ingress-nginx canary", "prod", "https://k8s.prod:6443", "checkout", "sam.lee",
                Map.of("stable", "checkout-api:2.13.4", "canary", "checkout-api:2.14.0"), "sam.lee"));

        assertThat(environment.routerProperty().get()).isEqualTo("ingress-nginx canary");
        assertThat(environment.contextProperty().get()).isEqualTo("prod");
        assertThat(environment.serverProperty().get()).isEqualTo("https://k8s.prod:6443");
        assertThat(environment.userProperty().get()).isEqualTo("sam.lee");
        assertThat(environment.namespaceProperty().get()).isEqualTo("checkout");
        assertThat(environment.stableVersionProperty().get()).isEqualTo("checkout-api:2.13.4");
        assertThat(environment.canaryVersionProperty().get()).isEqualTo("checkout-api:2.14.0");
        assertThat(environment.holderProperty().get()).isEqualTo("sam.lee");
    }

    @Test
    void access_reads_all_granted_in_one_short_line() {
        EnvironmentViewModel environment = open(TestPlans.guardedProduction());
        assertThat(environment.inKubernetesProperty().get()).isTrue();
        assertThat(environment.accessProperty().get()).isEqualTo("not checked yet");
        assertThat(environment.accessToneProperty().get()).isEqualTo(Tone.MUTED);

        log.append(new PreflightChecked(T0, sevenPermissions(true, true)));

        assertThat(environment.accessProperty().get()).isEqualTo("all 7 permissions granted");
        assertThat(environment.accessToneProperty().get()).isEqualTo(Tone.SUCCESS);
        assertThat(environment.missingAccess()).isEmpty();
    }

    @Test
    void missing_permissions_are_counted_and_listed_with_their_purpose() {
        EnvironmentViewModel environment = open(TestPlans.guardedProduction());

        log.append(new PreflightChecked(T0, sevenPermissions(false, false)));

        assertThat(environment.accessProperty().get()).isEqualTo("2 of 7 permissions missing");
        assertThat(environment.accessToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(environment.missingAccess()).containsExactly(
                "patch ingresses.networking.k8s.io in shop — set the canary weight",
                "patch deployments.apps in shop — set images on rollback");
    }

    @Test
    void checks_show_the_latest_of_each_and_failed_ones_with_their_detail() {
        EnvironmentViewModel environment = open(TestPlans.guardedProduction());
        assertThat(environment.checksProperty().get()).isEqualTo("not run yet");

        log.append(new EnvironmentChecked(T0, "kubeconfig", true, "context prod-eu-west-1 works"));
        log.append(new EnvironmentChecked(T0, "router", false,
                "the canary Ingress the plan names does not exist: shop/checkout-canary"));

        assertThat(environment.checksProperty().get()).isEqualTo("1 of 2 failed");
        assertThat(environment.checksToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(environment.failedChecks()).containsExactly(
                "router: the canary Ingress the plan names does not exist: shop/checkout-canary");

        log.append(new EnvironmentChecked(T0.plusSeconds(30), "router", true, "ingress-nginx is set up as the plan says"));
        assertThat(environment.checksProperty().get()).isEqualTo("all passed: kubeconfig, router");
        assertThat(environment.checksToneProperty().get()).isEqualTo(Tone.SUCCESS);
        assertThat(environment.failedChecks()).isEmpty();
    }

    @Test
    void a_failed_lease_call_no_longer_stands_once_a_lease_is_read_back() {
        EnvironmentViewModel environment = open(TestPlans.guardedProduction());
        log.append(new EnvironmentChecked(T0, "lease", false, "the API server did not answer"));
        assertThat(environment.failedChecks()).hasSize(1);

        log.append(new LeaseChanged(T0.plusSeconds(10), "dana@laptop", true, T0.plusSeconds(10), T0.plusSeconds(40),
                "held"));

        assertThat(environment.failedChecks()).isEmpty();
        assertThat(environment.checksProperty().get()).isEqualTo("not run yet");
    }

    @Test
    void the_last_known_good_lists_each_deployment_with_its_images() {
        EnvironmentViewModel environment = open(TestPlans.guardedProduction());
        Map<String, String> two = new LinkedHashMap<>();
        two.put("envoy", "envoyproxy/envoy:v1.29.1");
        two.put("api", "registry.shop.example/checkout-api:2.13.4");

        log.append(new LastKnownGoodRecorded(T0, "checkout",
                Map.of("api", "registry.shop.example/checkout-api:2.13.4"),
                Map.of("FEATURE_DYNAMIC_PROMPTS", "1", "FEATURE_SUGGESTED_ACTIONS", "0")));
        log.append(new LastKnownGoodRecorded(T0, "checkout-canary", two));

        // Short on the card (registry and container names left out), whole in the tooltip.
        assertThat(environment.lastKnownGood()).containsExactly(
                "checkout: checkout-api:2.13.4 · 2 flags",
                "checkout-canary: checkout-api:2.13.4, envoy:v1.29.1");
        assertThat(environment.lastKnownGoodInFullProperty().get()).isEqualTo(
                "checkout: registry.shop.example/checkout-api:2.13.4; FEATURE_DYNAMIC_PROMPTS=1, "
                + "FEATURE_SUGGESTED_ACTIONS=0\n"
                + "checkout-canary: api registry.shop.example/checkout-api:2.13.4, envoy envoyproxy/envoy:v1.29.1");
    }

    @Test
    void an_image_pinned_by_digest_keeps_the_start_of_its_digest_on_the_card() {
        EnvironmentViewModel environment = open(TestPlans.guardedProduction());

        log.append(new LastKnownGoodRecorded(T0, "checkout", Map.of("api",
                "registry.shop.example/checkout-api@sha256:0f3a9c1b2d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd")));

        assertThat(environment.lastKnownGood()).containsExactly("checkout: checkout-api@sha256:0f3a9c1b2d4e…");
    }

    @Test
    void outside_kubernetes_access_and_images_do_not_apply() {
        EnvironmentViewModel environment = open(TestPlans.production());

        assertThat(environment.inKubernetesProperty().get()).isFalse();
    }
}
