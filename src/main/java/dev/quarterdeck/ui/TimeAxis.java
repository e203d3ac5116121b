package dev.quarterdeck.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.ValueAxis;

/**
 * A time axis for a sliding window, in seconds since a chart's origin. JavaFX's NumberAxis (final) puts ticks
 * at its lower bound plus multiples of the unit, which on a sliding window reads "14:02:37, 14:03:37" and
 * jitters every second; this axis puts them at round multiples of a step ({@link TimeTicks}) that slide with
 * the data, and picks the step from the span and its own length.
 */
final class TimeAxis extends ValueAxis<Number> {
    /** Turns a tick into its text; the step says how precise it must be ("14:03" or "14:03:20"). */
    interface TickLabel {
        String at(double x, double step);
    }

    private final TickLabel label;
    private double step = TimeTicks.STEPS.get(TimeTicks.STEPS.size() - 1);

    TimeAxis(TickLabel label) {
        super(0, 60);
        this.label = label;
        setAutoRanging(false);
        setMinorTickVisible(false);
    }

    @Override
    protected List<Number> calculateTickValues(double length, Object range) {
        double[] bounds = (double[]) range;
        // Labels are asked for right after, in the same layout, so they see this step.
        step = TimeTicks.step(bounds[1] - bounds[0], length);
        return new ArrayList<>(TimeTicks.between(bounds[0], bounds[1], step));
    }

    @Override
    protected List<Number> calculateMinorTickMarks() {
        return List.of();
    }

    @Override
    protected void setRange(Object range, boolean animate) {
        double[] bounds = (double[]) range;
        setLowerBound(bounds[0]);
        setUpperBound(bounds[1]);
    }

    @Override
    protected Object getRange() {
        return new double[] {getLowerBound(), getUpperBound()};
    }

    @Override
    protected String getTickMarkLabel(Number value) {
        return label.at(value.doubleValue(), step);
    }
}
