package dev.quarterdeck.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import javafx.scene.chart.ValueAxis;

/**
 * A time axis for a sliding window, in seconds since a chart's origin. JavaFX's NumberAxis (final) puts ticks
 * at its lower bound plus multiples of the unit, which on a sliding window reads "14:02:37, 14:03:37" and
 * jitters every second; this axis puts them at multiples of the unit, whole minutes, that slide with the data.
 */
final class TimeAxis extends ValueAxis<Number> {
    private final double unit;
    private final DoubleFunction<String> label;

    TimeAxis(double unit, DoubleFunction<String> label) {
        super(0, unit);
        this.unit = unit;
        this.label = label;
        setAutoRanging(false);
        setMinorTickVisible(false);
    }

    @Override
    protected List<Number> calculateTickValues(double length, Object range) {
        List<Number> ticks = new ArrayList<>();
        for (double tick = Math.ceil(getLowerBound() / unit) * unit; tick <= getUpperBound(); tick += unit) {
            ticks.add(tick);
        }
        return ticks;
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
        return label.apply(value.doubleValue());
    }
}
