package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent.EnvironmentDescribed;
import dev.quarterdeck.session.SessionLog;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentViewModelTest {
    private static final Actor CAPTAIN = new Actor("dana");

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
}
