package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import dev.quarterdeck.plan.Track;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Canary against stable, live: one chart per metric with each track's latest value and age above it, and the
 * gates' ceilings as dashed lines. The captions are the legend, so the numbers sit next to their colours; when
 * a track has no value, the caption says so and a line under it says why. Abort rules that roll back draw their
 * ceiling as a solid line: past it, Quarterdeck rolls back by itself.
 */
public final class MetricsPanel extends VBox {

    public MetricsPanel(MetricsViewModel model) {
        setSpacing(10);
        for (MetricChart chart : model.charts()) {
            VBox card = chartCard(chart);
            VBox.setVgrow(card, Priority.ALWAYS);
            getChildren().add(card);
        }
    }

    private static VBox chartCard(MetricChart chart) {
        Label title = Cards.title(chart.title() + " (" + chart.unit() + ")");
        title.setMinWidth(Label.USE_PREF_SIZE);
        FlowPane legend = new FlowPane(16, 4);
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.getChildren().addAll(caption(chart.canary(), "qd-canary"), caption(chart.stable(), "qd-stable"));
        for (MetricThreshold threshold : chart.thresholds()) {
            legend.getChildren().add(thresholdKey(threshold));
        }
        HBox.setHgrow(legend, Priority.ALWAYS);
        HBox header = new HBox(16, title, legend);
        header.setAlignment(Pos.CENTER_LEFT);
        LiveChart live = new LiveChart(chart);
        VBox.setVgrow(live, Priority.ALWAYS);
        VBox card = new VBox(4, header, reason(chart.canary()), reason(chart.stable()), live);
        card.getStyleClass().add(Cards.CARD);
        return card;
    }

    /** The short caption: value or "no data", and age. One line, so the legend keeps its shape. */
    private static Node caption(MetricTrace trace, String trackClass) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("qd-swatch", trackClass);
        Label latest = new Label();
        latest.getStyleClass().add("qd-caption");
        latest.textProperty().bind(trace.headlineProperty());
        latest.setMinWidth(Label.USE_PREF_SIZE);
        Tooltip full = new Tooltip();
        full.textProperty().bind(trace.latestProperty());
        latest.setTooltip(full);
        trace.latestToneProperty().addListener((obs, was, tone) -> ToneStyle.apply(latest, tone));
        ToneStyle.apply(latest, trace.latestToneProperty().get());
        HBox box = new HBox(6, swatch, latest);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /**
     * Why a track has no value, in full on a line of its own that wraps ("no requests observed by
     * http_request_duration_seconds in the last 15 s" would not fit a caption). Takes no room while there is a
     * value.
     */
    private static Label reason(MetricTrace trace) {
        Label reason = new Label();
        reason.getStyleClass().addAll("qd-detail", "qd-reason");
        reason.textProperty().bind(trace.reasonProperty());
        reason.setWrapText(true);
        reason.setMinHeight(Label.USE_PREF_SIZE);
        reason.setMaxWidth(Double.MAX_VALUE);
        reason.visibleProperty().bind(trace.reasonProperty().isNotEmpty());
        reason.managedProperty().bind(reason.visibleProperty());
        trace.latestToneProperty().addListener((obs, was, tone) -> ToneStyle.apply(reason, tone));
        ToneStyle.apply(reason, trace.latestToneProperty().get());
        return reason;
    }

    private static Node thresholdKey(MetricThreshold threshold) {
        boolean rollback = threshold.kind() == MetricThreshold.Kind.ROLLBACK;
        Label label = new Label((rollback ? "━━ " : "┄┄ ") + threshold.label());
        label.getStyleClass().addAll("qd-caption",
                threshold.track() == Track.CANARY || rollback ? Styles.DANGER : Styles.WARNING);
        return label;
    }
}
