package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * What a rollback asks of the captain, in strips right under the top bar (the bar itself has no room for a
 * question and two buttons at 1100 px): "Take over and roll back?" when the rollback button is pressed on a
 * read-only console, and a step that waits for a named person's approval. Inline rather than a modal dialog, so
 * the rollback button and the console stay in view while the question is open.
 */
public final class RollbackPromptPanel extends VBox {

    public RollbackPromptPanel(RollbackViewModel model) {
        getChildren().addAll(takeOver(model), approval(model));
    }

    private static Node takeOver(RollbackViewModel model) {
        Label question = text(model.takeOverQuestionProperty().getValue());
        question.textProperty().bind(model.takeOverQuestionProperty());
        Button yes = Cards.button("Take over and roll back", "take-over-and-roll-back");
        yes.getStyleClass().add(Styles.DANGER);
        yes.setOnAction(e -> model.takeOverAndRollBack());
        Button no = Cards.button("Keep watching", "keep-watching");
        no.setOnAction(e -> model.keepWatching());
        HBox line = new HBox(10, question, yes, no);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox strip = strip("take-over-question", line);
        strip.visibleProperty().bind(model.takeOverAskedProperty());
        strip.managedProperty().bind(strip.visibleProperty());
        // The question is asked to be answered: Enter answers yes, Escape no, only while it is asked.
        yes.defaultButtonProperty().bind(strip.visibleProperty());
        no.cancelButtonProperty().bind(strip.visibleProperty());
        strip.visibleProperty().addListener((obs, was, shown) -> {
            if (shown) {
                yes.requestFocus();
            }
        });
        return strip;
    }

    private static Node approval(RollbackViewModel model) {
        Label asked = text("");
        asked.textProperty().bind(model.approvalTextProperty());

        TextField approver = new TextField();
        approver.setId("approval-approver");
        approver.getStyleClass().add(Styles.SMALL);
        approver.setPrefColumnCount(12);
        approver.setMinWidth(TextField.USE_PREF_SIZE);
        approver.textProperty().bindBidirectional(model.approverProperty());
        TextField note = new TextField();
        note.setId("approval-note");
        note.getStyleClass().add(Styles.SMALL);
        note.setPromptText("how they answered (call, ticket, chat link)");
        note.textProperty().bindBidirectional(model.approvalNoteProperty());
        HBox.setHgrow(note, Priority.ALWAYS);

        Button approve = Cards.button("Approve", "approve-step");
        approve.getStyleClass().add(Styles.SUCCESS);
        approve.disableProperty().bind(model.canAnswerProperty().not());
        approve.setOnAction(e -> model.approve());
        Button decline = Cards.button("Decline", "decline-step");
        decline.getStyleClass().add(Styles.DANGER);
        decline.disableProperty().bind(model.canAnswerProperty().not());
        decline.setOnAction(e -> model.decline());
        HBox form = new HBox(8, Cards.muted("answered by"), approver, Cards.muted("note"), note, approve, decline);
        form.setAlignment(Pos.CENTER_LEFT);

        Label detail = new Label();
        detail.getStyleClass().add("qd-banner-detail");
        detail.setWrapText(true);
        detail.setMinHeight(Label.USE_PREF_SIZE);
        detail.textProperty().bind(model.approvalDetailProperty());
        detail.visibleProperty().bind(model.approvalDetailProperty().isNotEmpty());
        detail.managedProperty().bind(detail.visibleProperty());
        // Refusals come back with the answer still to give; "recording…" while one is on its way.
        model.approvalSentProperty().addListener((obs, was, sent) -> ToneStyle.apply(detail, sent ? Tone.MUTED
                : Tone.DANGER));

        VBox strip = strip("approval-prompt", asked, form, detail);
        strip.visibleProperty().bind(model.approvalWaitingProperty());
        strip.managedProperty().bind(strip.visibleProperty());
        return strip;
    }

    private static VBox strip(String id, Node... lines) {
        VBox strip = new VBox(6, lines);
        strip.setId(id);
        strip.getStyleClass().add("qd-banner");
        ToneStyle.apply(strip, Tone.DANGER);
        return strip;
    }

    private static Label text(String initial) {
        Label text = new Label(initial);
        text.getStyleClass().add("qd-banner-text");
        text.setWrapText(true);
        text.setMinHeight(Label.USE_PREF_SIZE);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        return text;
    }
}
