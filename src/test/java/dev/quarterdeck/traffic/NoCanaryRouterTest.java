package dev.quarterdeck.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class NoCanaryRouterTest {
    private final NoCanaryRouter router = new NoCanaryRouter("production");

    @Test
    void isSetUpAsThePlanSaysSinceThereIsNothingToSetUp() {
        assertThatCode(router::verify).doesNotThrowAnyException();
    }

    @Test
    void saysThereIsNoWeightInsteadOfPretendingOne() {
        List<ThrowingCallable> calls = List.of(() -> router.setCanaryWeight(CanaryWeight.of(10)),
                router::readCanaryWeight, router::disableCanary);
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOfSatisfying(ActionException.class, e -> {
                assertThat(e.transientFailure()).isFalse();
                assertThat(e.getMessage()).isEqualTo("environment 'production' has no canary router (traffic: "
                        + "none): there is no canary weight to set or read; its release moves traffic by rolling out");
            });
        }
    }
}
