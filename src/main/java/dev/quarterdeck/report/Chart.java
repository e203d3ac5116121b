package dev.quarterdeck.report;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A chart over the session's time: lines of points, horizontal levels (a gate's threshold, an abort rule's
 * bound) and vertical markers (detected, mitigated). What it shows, not how: {@link SvgChart} draws it.
 */
record Chart(String id, String title, String caption, long fromMillis, long toMillis, DoubleFunction<String> format,
        List<Line> lines, List<Level> levels, List<Marker> markers) {

    Chart {
        lines = List.copyOf(lines);
        levels = List.copyOf(levels);
        markers = List.copyOf(markers);
    }

    /** Points in time order; NaN is a point without a value (a gap). */
    interface Points {
        int size();

        long millisAt(int i);

        double valueAt(int i);

        /** The points of two arrays of the same length, read in place. */
        static Points of(long[] millis, double[] values) {
            if (millis.length != values.length) {
                throw new IllegalArgumentException(millis.length + " times for " + values.length + " values");
            }
            return new Points() {
                @Override
                public int size() {
                    return millis.length;
                }

                @Override
                public long millisAt(int i) {
                    return millis[i];
                }

                @Override
                public double valueAt(int i) {
                    return values[i];
                }
            };
        }
    }

    /** {@code style} names its colour and dash ("canary", "stable", "weight"); {@code stepped} holds each value. */
    record Line(String label, String style, Points points, boolean stepped) {}

    record Level(double value, String label) {}

    record Marker(long millis, String label) {}
}
