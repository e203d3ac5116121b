package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Track;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;

/**
 * A {@link LineChart} that mirrors a {@link MetricChart}: one series per unbroken segment of each track (a
 * gap is simply the space between two series), and one two-point series per ceiling: dashed for a gate's, solid
 * for an abort rule's that rolls back. Changes are
 * mirrored as they come, a batch of points at the end and a trim at the start, so a pulse never re-adds the
 * whole history.
 */
final class LiveChart extends LineChart<Number, Number> {
    private final Map<TraceSegment, Series<Number, Number>> seriesBySegment = new IdentityHashMap<>();
    private final Map<Series<Number, Number>, List<String>> classesBySeries = new IdentityHashMap<>();

    LiveChart(MetricChart model) {
        super(timeAxis(model), new NumberAxis());
        TimeAxis x = (TimeAxis) getXAxis();
        NumberAxis y = (NumberAxis) getYAxis();
        y.setLabel(model.unit());
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        setAnimated(false);
        setCreateSymbols(false);
        setLegendVisible(false);
        // x = 0 is only the moment the console opened; a line there would read as an event.
        setVerticalZeroLineVisible(false);
        // Points arrive in time order; sorting them again on every layout would be wasted work.
        setAxisSortingPolicy(SortingPolicy.NONE);
        getStyleClass().add("qd-chart");
        // Small enough that both charts still fit a 700 px window under the release control and the gate.
        setMinHeight(110);

        for (MetricThreshold threshold : model.thresholds()) {
            addThreshold(model, threshold);
        }
        follow(model.stable(), "qd-stable");
        follow(model.canary(), "qd-canary");
        x.lowerBoundProperty().bind(model.windowStartProperty());
        x.upperBoundProperty().bind(model.windowEndProperty());
    }

    private static TimeAxis timeAxis(MetricChart model) {
        return new TimeAxis(model::tickLabel);
    }

    private void addThreshold(MetricChart model, MetricThreshold threshold) {
        Data<Number, Number> from = new Data<>(model.windowStartProperty().get(), threshold.value());
        Data<Number, Number> to = new Data<>(model.windowEndProperty().get(), threshold.value());
        Series<Number, Number> line = new Series<>(threshold.label(), FXCollections.observableArrayList(
                List.of(from, to)));
        // Known before it is added, so seriesChanged styles it in the same call.
        classesBySeries.put(line, threshold.kind() == MetricThreshold.Kind.ROLLBACK
                ? List.of("qd-threshold", "qd-rollback-threshold")
                : threshold.track() == Track.STABLE
                ? List.of("qd-threshold", "qd-stable-threshold")
                : List.of("qd-threshold"));
        getData().add(line);
        model.windowStartProperty().addListener((obs, was, now) -> from.setXValue(now));
        model.windowEndProperty().addListener((obs, was, now) -> to.setXValue(now));
    }

    private void follow(MetricTrace trace, String styleClass) {
        trace.segments().forEach(segment -> addSegment(segment, styleClass));
        trace.segments().addListener((ListChangeListener<TraceSegment>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::removeSegment);
                change.getAddedSubList().forEach(segment -> addSegment(segment, styleClass));
            }
        });
    }

    private void addSegment(TraceSegment segment, String styleClass) {
        Series<Number, Number> series = new Series<>();
        segment.points().forEach(p -> series.getData().add(new Data<>(p.x(), p.y())));
        classesBySeries.put(series, List.of(styleClass));
        seriesBySegment.put(segment, series);
        getData().add(series);
        segment.points().addListener((ListChangeListener<TracePoint>) change -> mirror(series, change));
    }

    private void removeSegment(TraceSegment segment) {
        Series<Number, Number> series = seriesBySegment.remove(segment);
        if (series != null) {
            getData().remove(series);
            classesBySeries.remove(series);
        }
    }

    /**
     * LineChart resets every series' style classes to "seriesN default-colorN" whenever a series comes or goes
     * (here, at the end of this very call), so the track's class is put back at once: in the same event, before
     * the pulse's CSS pass, or every line would show one frame unstyled (black, undashed) each time a segment
     * starts. Canary stays canary-coloured whatever its index.
     */
    @Override
    @SuppressWarnings("rawtypes") // LineChart's own signature
    protected void seriesChanged(ListChangeListener.Change<? extends Series> change) {
        super.seriesChanged(change);
        restyle();
    }

    /** The same again before each layout, in case a reset ever comes from elsewhere. */
    @Override
    protected void layoutPlotChildren() {
        restyle();
        super.layoutPlotChildren();
    }

    private void restyle() {
        classesBySeries.forEach((series, classes) -> {
            if (series.getNode() != null && !series.getNode().getStyleClass().containsAll(classes)) {
                series.getNode().getStyleClass().addAll(classes);
            }
        });
    }

    private static void mirror(Series<Number, Number> series, ListChangeListener.Change<? extends TracePoint> change) {
        while (change.next()) {
            if (change.wasRemoved()) {
                series.getData().remove(change.getFrom(), change.getFrom() + change.getRemovedSize());
            }
            if (change.wasAdded()) {
                List<Data<Number, Number>> added = change.getAddedSubList().stream()
                        .map(p -> new Data<Number, Number>(p.x(), p.y()))
                        .toList();
                series.getData().addAll(change.getFrom(), added);
            }
        }
    }
}
