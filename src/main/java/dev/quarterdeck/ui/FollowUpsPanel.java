package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The follow-ups after promotion: each with its status chip, when it is due, how its soak stands or who closed
 * it, and for a manual one a note field and Complete once it is due. Takes no room before promotion.
 */
public final class FollowUpsPanel extends VBox {

    public FollowUpsPanel(FollowUpsViewModel model) {
        getStyleClass().add(Cards.CARD);
        setId("follow-ups");
        visibleProperty().bind(model.shownProperty());
        managedProperty().bind(visibleProperty());
        getChildren().add(Cards.title("Follow-ups"));
        for (FollowUpRow row : model.rows()) {
            getChildren().add(row(model, row));
        }
    }

    private static Node row(FollowUpsViewModel model, FollowUpRow row) {
        Label chip = Cards.chip("");
        chip.setMinWidth(Label.USE_PREF_SIZE);
        chip.setAlignment(Pos.CENTER);
        chip.textProperty().bind(row.statusProperty().map(s -> s.label().toUpperCase(java.util.Locale.ROOT)));
        row.statusProperty().addListener((obs, was, now) -> ToneStyle.apply(chip, now.tone()));
        ToneStyle.apply(chip, row.status().tone());
        Label title = new Label(row.title());
        title.setWrapText(true);
        title.setMinHeight(Label.USE_PREF_SIZE);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        Label when = new Label();
        when.getStyleClass().add("qd-caption");
        when.textProperty().bind(row.whenProperty());
        when.setMinWidth(Label.USE_PREF_SIZE);
        HBox line = new HBox(8, chip, title, when);
        line.setAlignment(Pos.CENTER_LEFT);

        Label detail = new Label();
        detail.getStyleClass().add("qd-detail");
        detail.textProperty().bind(row.detailProperty());
        detail.setWrapText(true);
        detail.setMinHeight(Label.USE_PREF_SIZE);
        VBox box = new VBox(2, line, detail);

        if (row.manual()) {
            TextField note = new TextField();
            note.setId("follow-up-note-" + (row.index() + 1));
            note.setPromptText("how it looked (recorded)");
            note.getStyleClass().add(Styles.SMALL);
            note.textProperty().bindBidirectional(row.noteProperty());
            HBox.setHgrow(note, Priority.ALWAYS);
            Button complete = new Button("Complete");
            complete.setId("follow-up-complete-" + (row.index() + 1));
            complete.getStyleClass().add(Styles.SMALL);
            complete.setMinWidth(Button.USE_PREF_SIZE);
            complete.setOnAction(e -> model.complete(row));
            note.setOnAction(e -> complete.fire());
            HBox form = new HBox(6, note, complete);
            form.setAlignment(Pos.CENTER_LEFT);
            form.visibleProperty().bind(row.canCompleteProperty());
            form.managedProperty().bind(form.visibleProperty());
            box.getChildren().add(form);
        }
        box.setPadding(new Insets(2, 0, 2, 0));
        return box;
    }
}
