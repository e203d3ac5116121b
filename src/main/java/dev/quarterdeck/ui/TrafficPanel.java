package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The canary weight slider. A request goes out when the captain lets go of the slider (or clicks the track,
 * uses the keyboard, presses a step button), never for every pixel of a drag. Requested and applied weights
 * are shown side by side, each a big number under a small caption, and the requested one turns to the warning
 * colour until the router confirms it. While the engine would refuse a change (read-only, locked, protected name
 * not typed, router write forbidden) or a rollback runs, the slider and step buttons are off and the status line
 * says why.
 */
public final class TrafficPanel extends VBox {
    private final TrafficViewModel model;
    private final Slider slider = new Slider(0, 100, 0);
    private boolean pointerDown;

    public TrafficPanel(TrafficViewModel model) {
        this.model = model;
        getStyleClass().add(Cards.CARD);

        // The two most important numbers on the screen: a small caption over a big number, side by side, so
        // neither is ever cut ("requeste…") however narrow the column gets.
        VBox requested = weightTile("requested", "requested-weight",
                model.requestedValueProperty(), model.requestedTextProperty());
        VBox applied = weightTile("applied", "applied-weight",
                model.appliedValueProperty(), model.appliedTextProperty());
        model.requestedToneProperty().addListener((obs, was, now) -> ToneStyle.apply(requested, now));
        ToneStyle.apply(requested, model.requestedToneProperty().get());
        HBox weights = new HBox(8, requested, applied);

        Label status = new Label();
        status.setId("traffic-status");
        status.getStyleClass().add("qd-status-line");
        status.setWrapText(true);
        // Without this a VBox squeezes the line to one row and a router's error loses its ending.
        status.setMinHeight(Label.USE_PREF_SIZE);
        status.setMaxWidth(Double.MAX_VALUE);
        status.textProperty().bind(model.statusTextProperty());
        model.statusProperty().addListener((obs, was, now) -> style(status, now));
        style(status, model.statusProperty().get());

        slider.setId("canary-weight");
        slider.setBlockIncrement(1);
        slider.setShowTickMarks(false);
        slider.setMaxWidth(Double.MAX_VALUE);
        slider.setValue(model.targetProperty().get());
        slider.disableProperty().bind(model.lockedProperty());
        model.targetProperty().addListener((obs, was, now) -> {
            if (!slider.isValueChanging()) {
                slider.setValue(now.intValue());
            }
        });
        // One request per gesture. A press, on the thumb or anywhere on the track, starts one (dragging along the
        // track moves the value without ever raising valueChanging), the release ends it and sends. Keys and
        // other changes made without the pointer send at once. Releasing where the slider already rests sends
        // nothing: the view model drops a request for its current target.
        slider.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> pointerDown = true);
        slider.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            pointerDown = false;
            send("slider");
        });
        slider.valueChangingProperty().addListener((obs, was, changing) -> {
            if (!changing && !pointerDown) {
                send("slider");
            }
        });
        slider.valueProperty().addListener((obs, was, now) -> {
            if (!slider.isValueChanging() && !pointerDown) {
                send("slider");
            }
        });

        // The caption leads the buttons' row: one row less, so a short window leaves the timeline more room.
        FlowPane steps = new FlowPane(6, 6, Cards.muted("plan steps"));
        steps.setAlignment(Pos.CENTER_LEFT);
        for (int weight : model.stepWeights()) {
            Button step = new Button(weight + " %");
            step.getStyleClass().addAll(Styles.SMALL, Styles.BUTTON_OUTLINED);
            step.setId("step-" + weight);
            step.setOnAction(e -> model.request(weight, "step " + weight + " %"));
            step.disableProperty().bind(model.lockedProperty());
            steps.getChildren().add(step);
        }

        // Back to where the slider rests when an override is dropped (or sent: the request moves it anyway).
        model.override().openProperty().addListener((obs, was, asked) -> {
            if (!asked && !slider.isValueChanging()) {
                slider.setValue(model.targetProperty().get());
            }
        });

        Label allowed = new Label();
        allowed.setId("allowed-range");
        allowed.getStyleClass().add("qd-detail");
        allowed.textProperty().bind(model.allowedTextProperty());
        allowed.setMinWidth(Label.USE_PREF_SIZE);

        getChildren().addAll(
                Cards.title("Canary traffic"),
                weights,
                slider,
                new StepRuler(slider, model.stepWeights(), model.allowedMaxProperty()),
                allowed,
                steps,
                overrideForm(model),
                status);
    }

    /** Asked when the captain moves past the plan's range: a reason, then the override goes out. */
    private static VBox overrideForm(TrafficViewModel model) {
        return ReasonForm.of("weight-override", model.override(),
                model.overridePercentProperty().asString("Override: %d %%"), Styles.WARNING, model::sendOverride,
                model::cancelOverride);
    }

    private void send(String reason) {
        // Also reached when the slider follows the router; that is the target already, so nothing is sent.
        model.request((int) Math.round(slider.getValue()), reason);
    }

    private static VBox weightTile(
            String caption, String id, ObservableValue<String> value, ObservableValue<String> sentence) {
        Label title = new Label(caption);
        title.getStyleClass().add("qd-weight-caption");
        Label number = new Label();
        number.setId(id);
        number.getStyleClass().add("qd-weight-big");
        number.textProperty().bind(value);
        number.accessibleTextProperty().bind(sentence);
        number.setMinWidth(Label.USE_PREF_SIZE);
        VBox tile = new VBox(title, number);
        tile.getStyleClass().add("qd-weight-tile");
        tile.setMinWidth(Region.USE_PREF_SIZE);
        tile.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(tile, Priority.ALWAYS);
        return tile;
    }

    private static void style(Label status, TrafficViewModel.Status now) {
        switch (now) {
            case APPLYING:
            case ROLLING_BACK:
            case BLOCKED:
                ToneStyle.apply(status, Tone.WARNING);
                break;
            case FAILED:
            case REFUSED:
                ToneStyle.apply(status, Tone.DANGER);
                break;
            case IN_PLACE:
                ToneStyle.apply(status, Tone.SUCCESS);
                break;
            default:
                ToneStyle.apply(status, Tone.MUTED);
        }
    }
}
