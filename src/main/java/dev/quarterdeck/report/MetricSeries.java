package dev.quarterdeck.report;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import java.time.Instant;
import java.util.Arrays;

/**
 * One track's samples of one metric, in arrival order, kept as two primitive arrays: a day sampled every
 * second is 86,400 points, 1.4 MB, not 86,400 event objects. A sample without a value (no data, an error) is
 * kept as NaN: a gap in a chart, counted apart in the summary.
 */
public final class MetricSeries implements Chart.Points {
    private final Track track;
    private final Metric metric;
    private long[] millis = new long[256];
    private double[] values = new double[256];
    private int size;
    private int withoutValue;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double sum;

    MetricSeries(Track track, Metric metric) {
        this.track = track;
        this.metric = metric;
    }

    void add(Instant at, double value) {
        if (size == millis.length) {
            millis = Arrays.copyOf(millis, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        millis[size] = at.toEpochMilli();
        values[size] = value;
        size++;
        if (Double.isNaN(value)) {
            withoutValue++;
        } else {
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
        }
    }

    public Track track() {
        return track;
    }

    public Metric metric() {
        return metric;
    }

    /** How many samples, with a value or not. */
    public int samples() {
        return size;
    }

    public int withoutValue() {
        return withoutValue;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long millisAt(int i) {
        return millis[i];
    }

    /** The value of sample {@code i}; NaN when it had none. */
    @Override
    public double valueAt(int i) {
        return values[i];
    }

    /** NaN when no sample had a value; so are {@link #mean} and {@link #max}. */
    public double min() {
        return withValue() == 0 ? Double.NaN : min;
    }

    public double max() {
        return withValue() == 0 ? Double.NaN : max;
    }

    public double mean() {
        return withValue() == 0 ? Double.NaN : sum / withValue();
    }

    /** The last value read, NaN when none was. */
    public double last() {
        for (int i = size - 1; i >= 0; i--) {
            if (!Double.isNaN(values[i])) {
                return values[i];
            }
        }
        return Double.NaN;
    }

    private int withValue() {
        return size - withoutValue;
    }
}
