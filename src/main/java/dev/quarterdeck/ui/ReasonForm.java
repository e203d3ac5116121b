package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The inline form of a {@link ReasonPrompt}: the question, a field for the reason, the send button (off while the
 * reason is blank; Enter sends) and Cancel. It takes no room while closed and takes the keyboard when it opens.
 * Ids: {@code ID} for the form, {@code ID-prompt}, {@code ID-reason}, {@code ID-send}, {@code ID-cancel}.
 */
final class ReasonForm {
    private ReasonForm() {}

    static VBox of(String id, ReasonPrompt prompt, ObservableValue<String> sendText, String sendStyle, Runnable send,
            Runnable cancel) {
        Label question = new Label();
        question.setId(id + "-prompt");
        question.textProperty().bind(prompt.promptProperty());
        question.setWrapText(true);
        question.setMinHeight(Label.USE_PREF_SIZE);

        TextField reason = new TextField();
        reason.setId(id + "-reason");
        reason.setPromptText("reason, recorded in the session");
        reason.textProperty().bindBidirectional(prompt.reasonProperty());
        HBox.setHgrow(reason, Priority.ALWAYS);
        Button sendButton = new Button();
        sendButton.setId(id + "-send");
        sendButton.textProperty().bind(sendText);
        sendButton.getStyleClass().add(sendStyle);
        sendButton.setMinWidth(Button.USE_PREF_SIZE);
        sendButton.setMnemonicParsing(false);
        sendButton.disableProperty().bind(prompt.canSendProperty().not());
        sendButton.setOnAction(e -> send.run());
        reason.setOnAction(e -> sendButton.fire());
        Button cancelButton = new Button("Cancel");
        cancelButton.setId(id + "-cancel");
        cancelButton.getStyleClass().add(Styles.FLAT);
        cancelButton.setMinWidth(Button.USE_PREF_SIZE);
        cancelButton.setOnAction(e -> cancel.run());
        HBox line = new HBox(6, reason, sendButton, cancelButton);
        line.setAlignment(Pos.CENTER_LEFT);

        VBox form = new VBox(4, question, line);
        form.setId(id);
        form.getStyleClass().add("qd-reason-form");
        form.visibleProperty().bind(prompt.openProperty());
        form.managedProperty().bind(form.visibleProperty());
        prompt.openProperty().addListener((obs, was, open) -> {
            if (open) {
                reason.requestFocus();
            }
        });
        return form;
    }
}
