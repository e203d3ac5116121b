package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

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

    /** A button that keeps its whole text however narrow its row, and takes "_" as a character. */
    static Button button(String text, String id) {
        Button button = new Button(text);
        button.setId(id);
        button.setMinWidth(Button.USE_PREF_SIZE);
        button.setMnemonicParsing(false);
        return button;
    }

    static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll(Styles.TEXT_MUTED);
        return label;
    }
}
