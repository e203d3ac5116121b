package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/** The session so far, newest on top, and a field for the captain's own notes. */
public final class TimelinePanel extends VBox {

    public TimelinePanel(TimelineViewModel model) {
        getStyleClass().add(Cards.CARD);

        ListView<TimelineEntry> list = new ListView<>(model.entries());
        list.setId("timeline");
        list.getStyleClass().addAll("qd-timeline", Styles.DENSE);
        list.setCellFactory(view -> new EntryCell());
        list.setPlaceholder(Cards.muted("Nothing has happened yet."));
        list.setFocusTraversable(false);
        VBox.setVgrow(list, Priority.ALWAYS);

        TextField note = new TextField();
        note.setId("note");
        note.setPromptText("Note for the timeline and the report…");
        note.textProperty().bindBidirectional(model.noteProperty());
        note.setOnAction(e -> model.addNote());
        HBox.setHgrow(note, Priority.ALWAYS);
        Button add = new Button("Add note");
        add.setId("add-note");
        add.setMinWidth(Button.USE_PREF_SIZE);
        add.setOnAction(e -> model.addNote());
        add.disableProperty().bind(model.noteProperty().isEmpty());
        HBox noteRow = new HBox(6, note, add);
        noteRow.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(Cards.title("Timeline"), list, noteRow);
    }

    /**
     * Time and who on the first line, what happened below it, wrapped: a release captain reads the whole
     * "probe smoke-tests: FAIL · HTTP 502 on POST /checkout", not its first half.
     */
    private static final class EntryCell extends ListCell<TimelineEntry> {
        private final Label time = new Label();
        private final Label who = new Label();
        private final Text text = new Text();
        private final VBox graphic = new VBox(1, new HBox(8, time, who), text);

        EntryCell() {
            time.getStyleClass().add("qd-time");
            who.getStyleClass().add("qd-who");
            text.getStyleClass().add("qd-event");
            // Cells must not ask for more width than the list has, or the text never wraps.
            setPrefWidth(0);
            text.wrappingWidthProperty().bind(widthProperty().subtract(24));
        }

        @Override
        protected void updateItem(TimelineEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                return;
            }
            time.setText(entry.time());
            who.setText(entry.who());
            text.setText(entry.text());
            ToneStyle.apply(text, entry.tone());
            setGraphic(graphic);
        }
    }
}
