package dev.quarterdeck.probe;

/**
 * One bucket of a classic Prometheus histogram: how many observations were at most {@code upperBound} (the
 * {@code le} label). Counts are cumulative, so the {@code +Inf} bucket holds every observation.
 */
public record HistogramBucket(double upperBound, double count) {}
