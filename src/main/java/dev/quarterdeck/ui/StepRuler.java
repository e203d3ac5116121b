package dev.quarterdeck.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.Region;

/**
 * Tick marks and labels under a 0–100 slider at arbitrary weights, over a band from 0 to the weight the plan
 * allows now (past it, only with an override). A JavaFX slider only draws evenly spaced ticks, and a plan's steps
 * (1, 5, 25, 50, 100) are not even, so the ruler lines them up with the thumb's travel itself.
 */
final class StepRuler extends Region {
    private static final double TICK_HEIGHT = 6;
    private static final double BAND_HEIGHT = 4;
    private final Slider slider;
    private final ObservableValue<Number> allowedMax;
    private final Region track = new Region();
    private final Region band = new Region();
    private final List<Integer> weights;
    private final List<Region> ticks = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();

    StepRuler(Slider slider, List<Integer> weights, ObservableValue<Number> allowedMax) {
        this.slider = slider;
        this.weights = List.copyOf(weights);
        this.allowedMax = allowedMax;
        track.getStyleClass().add("qd-range-track");
        band.getStyleClass().add("qd-range-allowed");
        getChildren().addAll(track, band);
        for (int weight : this.weights) {
            Region tick = new Region();
            tick.getStyleClass().add("qd-step-tick");
            Label label = new Label(weight + "%");
            label.getStyleClass().add("qd-step-label");
            ticks.add(tick);
            labels.add(label);
        }
        getChildren().addAll(ticks);
        getChildren().addAll(labels);
        slider.widthProperty().addListener((obs, was, now) -> requestLayout());
        allowedMax.addListener((obs, was, now) -> requestLayout());
    }

    @Override
    protected double computePrefHeight(double width) {
        // Before the first CSS pass a label measures 0 high; never report less than one line of text.
        double label = labels.isEmpty() ? 0 : Math.max(16, labels.get(0).prefHeight(-1));
        return BAND_HEIGHT + 1 + TICK_HEIGHT + 2 + label;
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        Node thumb = slider.lookup(".thumb");
        double thumbWidth = thumb == null ? 16 : thumb.getLayoutBounds().getWidth();
        double left = slider.snappedLeftInset() + thumbWidth / 2;
        double travel = slider.getWidth() - slider.snappedLeftInset() - slider.snappedRightInset() - thumbWidth;
        double max = Math.max(0, Math.min(100, allowedMax.getValue().doubleValue()));
        track.resizeRelocate(snapPositionX(left), 0, snapSizeX(travel), BAND_HEIGHT);
        // At 0 a sliver still marks where the allowed range begins (and ends).
        band.resizeRelocate(snapPositionX(left - 1), 0, snapSizeX(Math.max(2, travel * max / 100.0 + 2)),
                BAND_HEIGHT);
        double top = BAND_HEIGHT + 1;
        for (int i = 0; i < weights.size(); i++) {
            double x = left + travel * weights.get(i) / 100.0;
            Region tick = ticks.get(i);
            tick.resizeRelocate(snapPositionX(x - 0.5), top, 1, TICK_HEIGHT);
            Label label = labels.get(i);
            double width = label.prefWidth(-1);
            double labelX = Math.max(0, Math.min(getWidth() - width, x - width / 2));
            label.resizeRelocate(snapPositionX(labelX), top + TICK_HEIGHT + 2, width, label.prefHeight(width));
        }
    }
}
