package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Knobs to make the sandbox's canary misbehave, so a demo can show a bad canary caught and rolled back. */
public final class SandboxFaultsPanel extends VBox {

    public SandboxFaultsPanel(SandboxFaultsViewModel model) {
        getStyleClass().add(Cards.CARD);

        Slider errors = new Slider(0, 100, 0);
        errors.setId("fault-errors");
        errors.setMaxWidth(Double.MAX_VALUE);
        errors.valueProperty().bindBidirectional(model.errorPercentProperty());
        Label errorsValue = new Label();
        errorsValue.setMinWidth(48);
        errorsValue.textProperty().bind(model.errorPercentProperty().asString(Locale.ROOT, "%.0f %%"));

        Spinner<Integer> latency = new Spinner<>();
        latency.setId("fault-latency");
        latency.setEditable(true);
        SpinnerValueFactory.IntegerSpinnerValueFactory values =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(0, SandboxFaultsViewModel.MAX_ADDED_LATENCY_MS, 0, 50);
        latency.setValueFactory(values);
        latency.setPrefWidth(110);
        values.valueProperty().addListener((obs, was, now) -> model.addedLatencyMsProperty().set(now));
        model.addedLatencyMsProperty().addListener((obs, was, now) -> values.setValue(now.intValue()));

        GridPane knobs = new GridPane();
        knobs.setHgap(8);
        knobs.setVgap(6);
        knobs.addRow(0, knob("canary errors"), errors, errorsValue);
        HBox latencyWithUnit = new HBox(6, latency, knob("ms"));
        latencyWithUnit.setAlignment(Pos.CENTER_LEFT);
        knobs.add(knob("added latency"), 0, 1);
        knobs.add(latencyWithUnit, 1, 1, 2, 1);
        GridPane.setHgrow(errors, Priority.ALWAYS);

        Button apply = new Button("Apply faults");
        apply.setId("apply-faults");
        apply.getStyleClass().add(Styles.WARNING);
        apply.setOnAction(e -> model.apply());
        apply.disableProperty().bind(model.busyProperty());
        Button clear = new Button("Heal canary");
        clear.setOnAction(e -> model.clear());
        clear.disableProperty().bind(model.busyProperty());
        HBox buttons = new HBox(6, apply, clear);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label current = new Label();
        current.setId("current-faults");
        current.getStyleClass().add("qd-detail");
        current.setWrapText(true);
        current.setMinHeight(Label.USE_PREF_SIZE);
        current.textProperty().bind(model.currentProperty());
        Label problem = new Label();
        problem.getStyleClass().addAll("qd-detail", Styles.DANGER);
        problem.setWrapText(true);
        problem.setMinHeight(Label.USE_PREF_SIZE);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        getChildren().addAll(Cards.title("Sandbox faults"), knobs, buttons, current, problem);
    }

    /** A knob's name: the slider gives way when the column is narrow, the name never ("added late…"). */
    private static Label knob(String text) {
        Label label = Cards.muted(text);
        label.setMinWidth(Label.USE_PREF_SIZE);
        return label;
    }
}
