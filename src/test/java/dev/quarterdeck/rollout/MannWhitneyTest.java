package dev.quarterdeck.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MannWhitneyTest {

    @Test
    void aCanaryAboveEveryStableSampleIsSignificantlyWorse() {
        MannWhitney.Result r = MannWhitney.canaryGreater(new double[] {6, 7, 8, 9, 10}, new double[] {1, 2, 3, 4, 5});

        // U = 25 of 25; mean 12.5; variance 5·5·11/12; z = (25 − 12.5 − 0.5)/√22.917 = 2.5067
        assertThat(r.u()).isEqualTo(25);
        assertThat(r.z()).isCloseTo(2.5067, within(1e-4));
        assertThat(r.pValue()).isCloseTo(0.00609, within(1e-5));
    }

    @Test
    void aCanaryBelowStableIsNotWorse() {
        MannWhitney.Result r = MannWhitney.canaryGreater(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});

        assertThat(r.u()).isZero();
        assertThat(r.pValue()).isGreaterThan(0.99);
    }

    @Test
    void tiesShareTheirRankAndShrinkTheVariance() {
        // Ranks of 1,1,2,2,2,3,3,3,3,4: 1.5,1.5,4,4,4,7.5,7.5,7.5,7.5,10
        MannWhitney.Result r = MannWhitney.canaryGreater(new double[] {2, 3, 3, 3, 4}, new double[] {1, 1, 2, 2, 3});

        // canary ranks 4 + 7.5·3 + 10 = 36.5; U = 36.5 − 15 = 21.5
        assertThat(r.u()).isEqualTo(21.5);
        // tie term: (2³−2) + (3³−3) + (4³−4) = 6 + 24 + 60 = 90; variance = 25/12 · (11 − 90/90) = 20.833
        assertThat(r.z()).isCloseTo((21.5 - 12.5 - 0.5) / Math.sqrt(25.0 / 12 * 10), within(1e-9));
    }

    @Test
    void identicalSamplesGiveNoEvidenceEitherWay() {
        MannWhitney.Result r = MannWhitney.canaryGreater(new double[] {1, 1, 1, 1, 1}, new double[] {1, 1, 1, 1, 1});
        assertThat(r.pValue()).isEqualTo(0.5);
    }

    @Test
    void fewerThanFiveSamplesASideIsNotATest() {
        assertThatThrownBy(() -> MannWhitney.canaryGreater(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4, 5}))
                .hasMessage("need 5 samples a side, have 4 and 5");
    }

    @Test
    void theNormalTailMatchesKnownValues() {
        assertThat(MannWhitney.upperTail(0)).isCloseTo(0.5, within(1e-7));
        assertThat(MannWhitney.upperTail(1.6449)).isCloseTo(0.05, within(1e-5));
        assertThat(MannWhitney.upperTail(-1.96)).isCloseTo(0.975, within(1e-5));
    }
}
