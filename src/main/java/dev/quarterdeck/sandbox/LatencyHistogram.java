package dev.quarterdeck.sandbox;

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of request durations in seconds. Buckets are counted separately and summed into
 * cumulative {@code le} buckets only when scraped, so observing is one uncontended {@link LongAdder}
 * increment, and {@code +Inf} always equals {@code _count} because both come from the same snapshot.
 */
final class LatencyHistogram {
    /**
     * Dense from 50 ms to 500 ms, where a healthy service and a sick canary live, so p95/p99 interpolate
     * within a few milliseconds there; sparse out to the 10 s a timed-out call takes.
     */
    static final double[] BOUNDS = {
        0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10
    };

    private final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
    private final DoubleAdder sumSeconds = new DoubleAdder();

    LatencyHistogram() {
        Arrays.setAll(buckets, i -> new LongAdder());
    }

    void observe(double seconds) {
        int index = Arrays.binarySearch(BOUNDS, seconds);
        // An exact hit belongs to that bucket (le is "less than or equal"); otherwise the insertion point
        // is the first bound above the value, or the +Inf bucket past the last bound.
        buckets[index >= 0 ? index : -index - 1].increment();
        sumSeconds.add(seconds);
    }

    /** Cumulative counts per bound, then +Inf last; the sum; and the count (equal to the +Inf bucket). */
    Snapshot snapshot() {
        long[] cumulative = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            cumulative[i] = running;
        }
        return new Snapshot(cumulative, sumSeconds.sum());
    }

    void writeTo(PrometheusText out, String name, String help) {
        Snapshot snapshot = snapshot();
        out.family(name, "histogram", help);
        for (int i = 0; i < BOUNDS.length; i++) {
            out.sample(name + "_bucket", "le", PrometheusText.number(BOUNDS[i]), snapshot.cumulative[i]);
        }
        out.sample(name + "_bucket", "le", "+Inf", snapshot.count());
        out.sample(name + "_sum", snapshot.sumSeconds());
        out.sample(name + "_count", snapshot.count());
    }

    /** One consistent reading of the histogram. */
    record Snapshot(long[] cumulative, double sumSeconds) {
        long count() {
            return cumulative[cumulative.length - 1];
        }
    }
}
