package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/** The few node shapes every panel uses, so the panels look like one console. */
final class Cards {
    static final String CARD = "qd-card";

    private Cards() {}

    static Label title(String text) {
        Label title = new Label(text);
        title.getStyleClass().add("qd-card-title");
        return title;
    }

    /** A small rounded label for a state: PASS, FAIL, PROTECTED. */
    static Label chip(String text) {
        Label chip = new Label(text);
        chip.getStyleClass().add("qd-chip");
        chip.setMinWidth(Label.USE_PREF_SIZE);
        return chip;
    }

    /**
     * A label that follows {@code text} and wraps when narrow. Plan names, hosts and versions are read whole or
     * compared character by character, so they are never cut ("sandbox-…5.0-rc.1" hides what matters).
     */
    static Label value(ObservableValue<String> text) {
        Label value = new Label();
        value.textProperty().bind(text);
        value.getStyleClass().add("qd-value");
        value.setWrapText(true);
        // A wrapped value needs all its lines; without this a tight column squeezes it back to one, elided.
        value.setMinHeight(Label.USE_PREF_SIZE);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text);
        value.setTooltip(tip);
        return value;
    }

    static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll(Styles.TEXT_MUTED);
        return label;
    }
}
