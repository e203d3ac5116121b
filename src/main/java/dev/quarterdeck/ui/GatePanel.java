package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The gate status strip over the charts: the gate, its verdict as a chip, the burn-in countdown with a bar, the
 * failures in a row, and one line per condition with the value it was judged on (the engine's full words in a
 * tooltip).
 */
public final class GatePanel extends VBox {

    public GatePanel(GateViewModel model) {
        getStyleClass().addAll(Cards.CARD, "qd-gate");
        setId("gate-strip");
        visibleProperty().bind(model.shownProperty());
        managedProperty().bind(visibleProperty());

        Label title = Cards.title("");
        title.textProperty().bind(model.titleProperty());
        title.setMinWidth(Label.USE_PREF_SIZE);

        Label verdict = Cards.chip("");
        verdict.setId("gate-verdict");
        verdict.textProperty().bind(model.verdictTextProperty().map(t -> t.toUpperCase(java.util.Locale.ROOT)));
        model.verdictToneProperty().addListener((obs, was, now) -> ToneStyle.apply(verdict, now));
        ToneStyle.apply(verdict, model.verdictToneProperty().get());

        Label burnIn = new Label();
        burnIn.setId("gate-burn-in");
        burnIn.getStyleClass().add("qd-caption");
        burnIn.textProperty().bind(model.burnInProperty());
        burnIn.setMinWidth(Label.USE_PREF_SIZE);
        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().add(Styles.SMALL);
        bar.progressProperty().bind(model.burnInProgressProperty());
        bar.setPrefWidth(140);
        bar.setMinWidth(60);
        model.verdictToneProperty().addListener((obs, was, now) -> ToneStyle.apply(bar, now == Tone.NEUTRAL
                ? null : now));

        Label failures = new Label();
        failures.setId("gate-failures");
        failures.getStyleClass().addAll("qd-detail", Styles.DANGER);
        failures.textProperty().bind(model.failuresProperty());
        failures.visibleProperty().bind(model.failuresProperty().isNotEmpty());
        failures.managedProperty().bind(failures.visibleProperty());

        // Wraps in a narrow column rather than push the failures count out of sight.
        FlowPane header = new FlowPane(10, 4, title, verdict, burnIn, bar, failures);
        header.setAlignment(Pos.CENTER_LEFT);

        FlowPane lines = new FlowPane(18, 2);
        lines.setId("gate-conditions");
        model.conditions().addListener((ListChangeListener<GateCondition>) change -> rebuild(lines, model));
        rebuild(lines, model);

        setSpacing(6);
        getChildren().addAll(header, lines);
    }

    private static void rebuild(FlowPane lines, GateViewModel model) {
        lines.getChildren().setAll(model.conditions().stream().map(GatePanel::line).toList());
    }

    private static Node line(GateCondition condition) {
        Label mark = new Label(condition.outcome().mark());
        mark.getStyleClass().add("qd-condition-mark");
        ToneStyle.apply(mark, condition.outcome().tone());
        Label text = new Label(condition.condition() + ":");
        Label value = new Label(condition.value());
        value.getStyleClass().addAll("qd-caption", "qd-condition-value");
        ToneStyle.apply(value, condition.outcome() == GateCondition.Outcome.PASS ? null : condition.outcome().tone());
        HBox line = new HBox(5, mark, text, value);
        line.getStyleClass().add("qd-condition");
        line.setAlignment(Pos.CENTER_LEFT);
        Tooltip.install(line, new Tooltip(condition.detail()));
        return line;
    }
}
