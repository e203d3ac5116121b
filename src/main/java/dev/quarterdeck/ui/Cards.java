package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
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

    /** A label that follows {@code text}, cut in the middle when narrow (hosts and versions end in what matters). */
    static Label value(ObservableValue<String> text) {
        Label value = new Label();
        value.textProperty().bind(text);
        value.getStyleClass().add("qd-value");
        value.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
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
