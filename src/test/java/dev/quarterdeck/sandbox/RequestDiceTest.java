package dev.quarterdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The simulated service looks like a healthy small web service, and the same seed repeats exactly. */
class RequestDiceTest {
    private static final int N = 100_000;

    @Test
    void baselineLatencyIsRoughly20To80MillisecondsWithATail() {
        RequestDice dice = new RequestDice(1);
        double[] millis = new double[N];
        for (int n = 0; n < N; n++) {
            millis[n] = dice.baselineNanos(n) / 1e6;
        }
        Arrays.sort(millis);

        assertThat(millis[N * 5 / 100]).isBetween(18.0, 30.0);
        assertThat(millis[N / 2]).isCloseTo(40.0, within(3.0));
        assertThat(millis[N * 90 / 100]).isBetween(55.0, 85.0);
        assertThat(millis[N * 999 / 1000]).isBetween(100.0, 400.0);
        assertThat(millis[N - 1]).isLessThanOrEqualTo(2_000.0);
    }

    @Test
    void errorsFollowTheRatio() {
        RequestDice dice = new RequestDice(2);
        int errors = 0;
        for (int n = 0; n < N; n++) {
            errors += dice.fails(n, 0.1) ? 1 : 0;
        }
        assertThat(errors / (double) N).isCloseTo(0.1, within(0.005));
        assertThat(dice.fails(0, 0)).isFalse();
        assertThat(dice.fails(0, 1)).isTrue();
    }

    @Test
    void theSameSeedAndRequestNumberGiveTheSameRoll() {
        RequestDice once = new RequestDice(42);
        RequestDice again = new RequestDice(42);
        RequestDice other = new RequestDice(43);

        assertThat(again.baselineNanos(17)).isEqualTo(once.baselineNanos(17));
        assertThat(other.baselineNanos(17)).isNotEqualTo(once.baselineNanos(17));
    }
}
