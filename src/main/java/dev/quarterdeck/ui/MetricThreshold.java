package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Track;
import java.util.Objects;

/**
 * A ceiling drawn across a chart, in the chart's unit: a gate's ("canary max 1 %", dashed) or an abort rule's
 * that rolls back ("sev1 rollback 5 %", solid: past it Quarterdeck rolls back by itself).
 */
public record MetricThreshold(Track track, double value, String label, Kind kind) {

    /** Where the ceiling comes from. */
    public enum Kind {
        GATE,
        ROLLBACK
    }

    public MetricThreshold {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
    }

    /** A gate's ceiling. */
    public MetricThreshold(Track track, double value, String label) {
        this(track, value, label, Kind.GATE);
    }
}
