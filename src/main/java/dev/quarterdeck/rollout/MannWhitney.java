package dev.quarterdeck.rollout;

import java.util.Arrays;

/**
 * The Mann-Whitney U test, one-sided, as Kayenta judges a canary: is the canary's sample stochastically
 * greater (worse, for error rates and latencies) than stable's? Ranks with ties averaged; the p-value comes
 * from the normal approximation with tie correction and continuity correction, good from about five samples
 * a side.
 */
final class MannWhitney {
    /** Fewer samples than this on either side and the test says nothing. */
    static final int MIN_SAMPLES = 5;

    private MannWhitney() {}

    /** The test's figures: U of the canary, the z-score, and the one-sided p-value of "canary is greater". */
    record Result(double u, double z, double pValue, int canaryCount, int stableCount) {}

    /** One-sided test that {@code canary} tends to be greater than {@code stable}. Both need MIN_SAMPLES. */
    static Result canaryGreater(double[] canary, double[] stable) {
        int n1 = canary.length;
        int n2 = stable.length;
        if (n1 < MIN_SAMPLES || n2 < MIN_SAMPLES) {
            throw new IllegalArgumentException("need " + MIN_SAMPLES + " samples a side, have " + n1 + " and " + n2);
        }
        int n = n1 + n2;
        double[] values = new double[n];
        boolean[] fromCanary = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            values[i] = i < n1 ? canary[i] : stable[i - n1];
            fromCanary[i] = i < n1;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));

        double canaryRanks = 0;
        double tieTerm = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1; // ranks are 1-based; ties share their mean
            for (int k = start; k <= end; k++) {
                if (fromCanary[order[k]]) {
                    canaryRanks += rank;
                }
            }
            double t = end - start + 1;
            tieTerm += t * t * t - t;
            start = end + 1;
        }
        double u = canaryRanks - n1 * (n1 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2.0;
        double variance = n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / (n * (double) (n - 1)));
        if (variance <= 0) {
            // Every value is the same: no evidence either way.
            return new Result(u, 0, 0.5, n1, n2);
        }
        double z = (u - mean - 0.5) / Math.sqrt(variance);
        return new Result(u, z, upperTail(z), n1, n2);
    }

    /** P(Z > z) for a standard normal Z. */
    static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** The complementary error function (Numerical Recipes' erfcc, fractional error below 1.2e-7). */
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
