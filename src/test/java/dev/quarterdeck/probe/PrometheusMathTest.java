package dev.quarterdeck.probe;

import static dev.quarterdeck.probe.PrometheusMath.histogramQuantile;
import static dev.quarterdeck.probe.PrometheusMath.increase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Expectations are worked out by hand from how Prometheus' increase() and histogram_quantile() compute. */
class PrometheusMathTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;

    private static List<HistogramBucket> buckets(double... boundCountPairs) {
        List<HistogramBucket> buckets = new ArrayList<>();
        for (int i = 0; i < boundCountPairs.length; i += 2) {
            buckets.add(new HistogramBucket(boundCountPairs[i], boundCountPairs[i + 1]));
        }
        return buckets;
    }

    /** 100 requests: 50 up to 100 ms, 30 more up to 250 ms, 15 up to 500 ms, 4 up to 1 s, 1 slower. */
    private static final List<HistogramBucket> LATENCY = buckets(0.1, 50, 0.25, 80, 0.5, 95, 1, 99, INF, 100);

    @Nested
    class CounterIncrease {
        @Test
        void growsByLastMinusFirstWithoutResets() {
            assertThat(increase(10, 20, 35)).isEqualTo(25);
            assertThat(increase(7, 7, 7)).isZero();
        }

        @Test
        void rateIsIncreasePerSecondOfTheSpan() {
            assertThat(PrometheusMath.rate(50, 10, 20, 35)).isEqualTo(0.5);
        }

        @Test
        void aDropToALowerValueCountsTheNewValueAsGrowthSinceTheRestart() {
            // 100 -> 110 is +10; the restart counted 5 from zero (+5); 5 -> 15 is +10.
            assertThat(increase(100, 110, 5, 15)).isEqualTo(25);
            assertThat(increase(100, 5)).isEqualTo(5);
        }

        @Test
        void aResetToZeroAddsNothingUntilTheCounterGrowsAgain() {
            assertThat(increase(100, 0)).isZero();
            assertThat(increase(100, 0, 7)).isEqualTo(7);
        }

        @Test
        void everyResetInTheWindowIsCorrected() {
            // restart counted 2, restart counted 1, then +3.
            assertThat(increase(10, 2, 1, 4)).isEqualTo(6);
        }

        @Test
        void fewerThanTwoSamplesHaveNoIncrease() {
            assertThat(increase(5)).isNaN();
            assertThat(increase()).isNaN();
        }

        @Test
        void nanAtEitherEndIsNaNAndInTheMiddleIsSkippedOverAsPrometheusDoes() {
            assertThat(increase(1, NAN)).isNaN();
            assertThat(increase(NAN, 1)).isNaN();
            // Comparisons with NaN are false, so no reset is seen around it: 15 - 10.
            assertThat(increase(10, NAN, 15)).isEqualTo(5);
        }
    }

    @Nested
    class HistogramQuantile {
        @Test
        void interpolatesLinearlyInsideTheBucketHoldingTheRank() {
            // rank 95 lands exactly at the top of (0.25, 0.5]: 0.25 + 0.25 * 15/15.
            assertThat(histogramQuantile(0.95, LATENCY)).isEqualTo(0.5);
            // rank 90: 0.25 + 0.25 * (90-80)/(95-80).
            assertThat(histogramQuantile(0.90, LATENCY)).isCloseTo(0.25 + 0.25 * 10 / 15, within(1e-12));
            // rank 99 lands at the top of (0.5, 1].
            assertThat(histogramQuantile(0.99, LATENCY)).isEqualTo(1.0);
            // rank 97: 0.5 + 0.5 * (97-95)/(99-95).
            assertThat(histogramQuantile(0.97, LATENCY)).isCloseTo(0.75, within(1e-12));
        }

        @Test
        void theFirstBucketStartsAtZeroWhenItsBoundIsPositive() {
            assertThat(histogramQuantile(0.25, LATENCY)).isCloseTo(0.05, within(1e-12)); // 0.1 * 25/50
            assertThat(histogramQuantile(0.5, LATENCY)).isEqualTo(0.1);
            assertThat(histogramQuantile(0, LATENCY)).isZero();
        }

        @Test
        void aFirstBucketAtOrBelowZeroAnswersWithItsBound() {
            assertThat(histogramQuantile(0.25, buckets(0, 10, 1, 20, INF, 20))).isZero();
            assertThat(histogramQuantile(0.25, buckets(-0.5, 10, 1, 20, INF, 20))).isEqualTo(-0.5);
            // Above the first bucket, interpolation starts at its (negative) bound: -1 + 2 * 5/10.
            assertThat(histogramQuantile(0.75, buckets(-1, 10, 1, 20, INF, 20))).isZero();
        }

        @Test
        void aRankInThePlusInfBucketGivesTheHighestFiniteBound() {
            assertThat(histogramQuantile(0.995, LATENCY)).isEqualTo(1.0); // rank 99.5 > 99
            assertThat(histogramQuantile(1, LATENCY)).isEqualTo(1.0);
        }

        @Test
        void quantilesOutsideZeroToOneAreInfiniteAndNaNIsNaN() {
            assertThat(histogramQuantile(-0.1, LATENCY)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(histogramQuantile(1.1, LATENCY)).isEqualTo(INF);
            assertThat(histogramQuantile(NAN, LATENCY)).isNaN();
        }

        @Test
        void withoutAPlusInfBucketThereIsNoQuantile() {
            assertThat(histogramQuantile(0.5, buckets(0.1, 50, 0.25, 80, 1, 100))).isNaN();
        }

        @Test
        void noObservationsNoBucketsOrOnlyPlusInfHaveNoQuantile() {
            assertThat(histogramQuantile(0.5, buckets(0.1, 0, 1, 0, INF, 0))).isNaN();
            assertThat(histogramQuantile(0.5, List.of())).isNaN();
            assertThat(histogramQuantile(0.5, buckets(INF, 10))).isNaN();
        }

        @Test
        void bucketOrderDoesNotMatter() {
            List<HistogramBucket> shuffled = new ArrayList<>(LATENCY);
            Collections.reverse(shuffled);
            assertThat(histogramQuantile(0.9, shuffled)).isEqualTo(histogramQuantile(0.9, LATENCY));
        }

        @Test
        void aCountThatFallsAsTheBoundRisesIsLiftedToTheCountBeforeIt() {
            // 0.25 reads 40 < 50: lifted to 50. rank 60 then lands in (0.25, 0.5]: 0.25 + 0.25 * 10/45.
            // Unfixed, the search would land in the same bucket but interpolate 0.25 + 0.25 * 20/55.
            List<HistogramBucket> falling = buckets(0.1, 50, 0.25, 40, 0.5, 95, 1, 99, INF, 100);
            assertThat(histogramQuantile(0.6, falling)).isCloseTo(0.25 + 0.25 * 10 / 45, within(1e-12));
        }

        @Test
        void aPlusInfCountBelowAFiniteBucketIsLiftedToo() {
            // +Inf reads 70 < 80: observations become 80; rank 40 is in the first bucket: 0.1 * 40/50.
            assertThat(histogramQuantile(0.5, buckets(0.1, 50, 0.25, 80, INF, 70))).isCloseTo(0.08, within(1e-12));
        }

        @Test
        void bucketsWithTheSameBoundAreAddedUp() {
            // le="0.1" twice (e.g. written "0.1" and "1e-1"): one bucket of 50, so rank 40 is 0.1 * 40/50.
            List<HistogramBucket> split = buckets(0.1, 20, 0.1, 30, 0.25, 80, INF, 100);
            assertThat(histogramQuantile(0.4, split)).isCloseTo(0.08, within(1e-12));
        }

        @Test
        void floatNoiseBetweenBucketsIsIgnored() {
            // 100 - 1e-11 is within 1e-12 (relative) of 100, so the second bucket counts as empty.
            List<HistogramBucket> noisy = buckets(0.1, 100, 0.25, 100 - 1e-11, 0.5, 200, INF, 200);
            assertThat(histogramQuantile(0.75, noisy)).isCloseTo(0.25 + 0.25 * 50 / 100, within(1e-12));
            assertThat(PrometheusMath.almostEqual(100, 100 - 1e-11, 1e-12)).isTrue();
            assertThat(PrometheusMath.almostEqual(100, 99.9, 1e-12)).isFalse();
        }

        @Test
        void nanCountsFlowThroughAsInPrometheus() {
            // A NaN +Inf count makes the rank NaN; no bucket reaches it, so the answer is the highest
            // finite bound. The scrape source reports such a histogram as no data instead.
            assertThat(histogramQuantile(0.95, buckets(0.1, 50, 1, 80, INF, NAN))).isEqualTo(1.0);
            // The binary search probes the NaN bucket first, finds it not >= rank 10 and moves above it, into
            // +Inf: Prometheus answers the highest finite bound, not the 0.1 a linear scan would find.
            assertThat(histogramQuantile(0.5, buckets(0.1, 10, 0.5, NAN, INF, 20))).isEqualTo(0.5);
        }

        @Test
        void aBucketWithANaNBoundIsIgnored() {
            List<HistogramBucket> withNaN = new ArrayList<>(LATENCY);
            withNaN.add(new HistogramBucket(NAN, 1000));
            assertThat(histogramQuantile(0.9, withNaN)).isEqualTo(histogramQuantile(0.9, LATENCY));
        }
    }

    @Test
    void serverErrorsAreFiveHundredsAndTheFiveXxClass() {
        assertThat(List.of("500", "503", "599", "5xx", "5XX")).allMatch(PrometheusMath::isServerError);
        assertThat(List.of("200", "404", "50", "5000", "", "5ab", "error")).noneMatch(PrometheusMath::isServerError);
    }
}
