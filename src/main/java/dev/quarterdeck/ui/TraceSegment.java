package dev.quarterdeck.ui;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * An unbroken run of values of one track. A sample without a value (no data, an error) ends the segment, so
 * the chart shows a gap there instead of a line through a made-up value.
 */
public final class TraceSegment {
    private final ObservableList<TracePoint> points = FXCollections.observableArrayList();
    // One wrapper, kept: a fresh unmodifiable view per call would drop its listeners when collected.
    private final ObservableList<TracePoint> pointsView = FXCollections.unmodifiableObservableList(points);

    /** Points in time order. Grows at the end and is trimmed at the start, in one change per batch. */
    public ObservableList<TracePoint> points() {
        return pointsView;
    }

    void append(List<TracePoint> more) {
        points.addAll(more);
    }

    /** Drops points left of {@code x}; returns true when nothing is left. */
    boolean trimBefore(double x) {
        int keepFrom = 0;
        while (keepFrom < points.size() && points.get(keepFrom).x() < x) {
            keepFrom++;
        }
        if (keepFrom > 0) {
            points.remove(0, keepFrom);
        }
        return points.isEmpty();
    }

    /** Drops the oldest points beyond {@code count}. */
    void trimToLast(int count) {
        if (points.size() > count) {
            points.remove(0, points.size() - count);
        }
    }

    int size() {
        return points.size();
    }

    boolean isEmpty() {
        return points.isEmpty();
    }
}
