package dev.quarterdeck.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counter increases and histogram quantiles computed the way Prometheus computes them, so a gate judged from
 * a scraped {@code /metrics} page agrees with the same gate written in PromQL.
 *
 * <p>NaN is not special-cased here: it flows through the same comparisons as in Prometheus (where any
 * comparison with NaN is false), so the result matches Prometheus for NaN inputs too. Deciding that a NaN
 * result means "no data" is the caller's job.
 */
public final class PrometheusMath {
    /** Relative difference below which two bucket counts are float noise (Prometheus' smallDeltaTolerance). */
    private static final double SMALL_DELTA_TOLERANCE = 1e-12;

    private PrometheusMath() {}

    /**
     * How much a counter grew over successive samples, oldest first, as {@code increase()} counts it before
     * extrapolating to the window's edges. A value lower than the one before means the counter restarted
     * from zero, so everything it counted up to the drop is added back: {@code 100, 5} increased by 5, and
     * {@code 100, 0, 7} by 7.
     *
     * <p>Quarterdeck does not extrapolate: it knows exactly when each scrape happened, so the increase is the
     * one between the oldest and the newest scrape, and a rate divides it by the seconds between them.
     *
     * @return the increase; NaN with fewer than two samples (Prometheus returns no value then)
     */
    public static double increase(double... values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double result = values[values.length - 1] - values[0];
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[i - 1]) {
                result += values[i - 1];
            }
        }
        return result;
    }

    /** {@link #increase(double...)} divided by the seconds the samples span. */
    public static double rate(double seconds, double... values) {
        return increase(values) / seconds;
    }

    /**
     * The {@code q}-quantile of a classic histogram, as PromQL's {@code histogram_quantile} computes it. Give
     * it bucket increases over a window (not the raw cumulative counters) to get what
     * {@code histogram_quantile(q, sum by (le) (rate(x_bucket[w])))} shows.
     *
     * <ul>
     *   <li>q &lt; 0 is -Inf, q &gt; 1 is +Inf, q NaN is NaN;
     *   <li>without a {@code +Inf} bucket, or with no observations, the result is NaN;
     *   <li>buckets with the same bound are merged; counts that fall as the bound rises (which a rate over
     *       counters that reset at different times can produce) are lifted to the count before them, and
     *       differences of float noise are ignored;
     *   <li>inside a bucket the result is interpolated linearly; the first bucket starts at 0 when its
     *       upper bound is above 0 (otherwise its upper bound is the answer);
     *   <li>a rank that falls in the {@code +Inf} bucket gives the upper bound of the highest finite bucket.
     * </ul>
     *
     * Buckets whose bound is NaN are ignored (Prometheus never expects one).
     */
    public static double histogramQuantile(double q, List<HistogramBucket> buckets) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        List<double[]> sorted = new ArrayList<>(buckets.size());
        for (HistogramBucket b : buckets) {
            if (!Double.isNaN(b.upperBound())) {
                sorted.add(new double[] {b.upperBound(), b.count()});
            }
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        sorted.sort(Comparator.comparingDouble(b -> b[0]));
        if (sorted.get(sorted.size() - 1)[0] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        List<double[]> merged = mergeSameBounds(sorted);
        liftFallingCounts(merged);
        if (merged.size() < 2) {
            return Double.NaN;
        }
        double observations = merged.get(merged.size() - 1)[1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = firstAtLeast(merged, merged.size() - 1, rank);
        if (b == merged.size() - 1) {
            return merged.get(merged.size() - 2)[0];
        }
        if (b == 0 && merged.get(0)[0] <= 0) {
            return merged.get(0)[0];
        }
        double bucketStart = 0;
        double bucketEnd = merged.get(b)[0];
        double count = merged.get(b)[1];
        if (b > 0) {
            bucketStart = merged.get(b - 1)[0];
            count -= merged.get(b - 1)[1];
            rank -= merged.get(b - 1)[1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    private static List<double[]> mergeSameBounds(List<double[]> sorted) {
        List<double[]> merged = new ArrayList<>(sorted.size());
        double[] last = sorted.get(0).clone();
        for (int i = 1; i < sorted.size(); i++) {
            double[] b = sorted.get(i);
            if (b[0] == last[0]) {
                last[1] += b[1];
            } else {
                merged.add(last);
                last = b.clone();
            }
        }
        merged.add(last);
        return merged;
    }

    /**
     * Prometheus' "envelope": a count below the last accepted one is raised to it, and a count within float
     * noise of it (in either direction) is set to it. Neither correction moves the reference forward.
     */
    private static void liftFallingCounts(List<double[]> buckets) {
        double prev = buckets.get(0)[1];
        for (int i = 1; i < buckets.size(); i++) {
            double curr = buckets.get(i)[1];
            if (curr == prev) {
                continue;
            }
            if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE) || curr < prev) {
                buckets.get(i)[1] = prev;
                continue;
            }
            prev = curr;
        }
    }

    /** Relative float comparison, as Prometheus' util/almost.Equal. */
    static boolean almostEqual(double a, double b, double epsilon) {
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
            return diff < epsilon * Double.MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
    }

    /**
     * Go's sort.Search over the first {@code n} buckets: the binary search itself, not a linear scan, so
     * non-monotonic input (NaN counts) lands on the same bucket as in Prometheus.
     */
    private static int firstAtLeast(List<double[]> buckets, int n, double rank) {
        int i = 0;
        int j = n;
        while (i < j) {
            int h = (i + j) >>> 1;
            if (!(buckets.get(h)[1] >= rank)) {
                i = h + 1;
            } else {
                j = h;
            }
        }
        return i;
    }

    /** True for an HTTP status class Prometheus exporters write for server errors: {@code 5xx}, {@code 503}. */
    public static boolean isServerError(String code) {
        if (code.length() != 3 || code.charAt(0) != '5') {
            return false;
        }
        String rest = code.substring(1);
        return rest.equalsIgnoreCase("xx") || Character.isDigit(rest.charAt(0)) && Character.isDigit(rest.charAt(1));
    }
}
