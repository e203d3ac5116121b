package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The standing banners under the top bar, full width, most blocking first: read-only, locked, protected, TLS not
 * verified. None has a close button; each goes when the session says its condition is over.
 *
 * <p>The take-over and the approval are asked inline, in a row that opens under their banner, not in a modal
 * dialog: nothing covers the console or the rollback button, there is no second window to theme or to lose
 * behind the first, and a robot drives it like any other control.
 */
public final class BannersPanel extends VBox {

    public BannersPanel(BannersViewModel model) {
        getStyleClass().add("qd-banners");
        getChildren().addAll(readOnly(model), locked(model), protectedEnvironment(model),
                banner("insecure-tls-banner", model.insecureTls()));
    }

    private static Node readOnly(BannersViewModel model) {
        BooleanProperty asking = new SimpleBooleanProperty();
        Button open = action("Take over…", "take-over");
        open.setOnAction(e -> asking.set(true));
        open.disableProperty().bind(asking);

        TextField reason = field("take-over-reason", "why take over; it is recorded in the session");
        reason.textProperty().bindBidirectional(model.takeOverReasonProperty());
        Button send = action("Take over", "take-over-send");
        send.getStyleClass().add(Styles.DANGER);
        send.disableProperty().bind(model.canTakeOverProperty().not());
        send.setOnAction(e -> {
            model.takeOver();
            asking.set(false);
        });
        reason.setOnAction(e -> send.fire());
        Button cancel = cancel(asking);
        // Captions, not only prompts: a focused field hides its prompt text.
        HBox form = form(asking, Cards.muted("reason"), reason, send, cancel);

        VBox banner = banner("read-only-banner", model.readOnly(), open);
        banner.getChildren().add(form);
        focusWhenOpened(asking, reason, model.readOnly());
        return banner;
    }

    private static Node locked(BannersViewModel model) {
        BooleanProperty asking = new SimpleBooleanProperty();
        Button open = action("Record approval…", "record-approval");
        open.setOnAction(e -> asking.set(true));
        open.disableProperty().bind(asking);

        TextField approver = field("unlock-approver", "who approved");
        approver.textProperty().bindBidirectional(model.approverProperty());
        approver.setPrefColumnCount(12);
        HBox.setHgrow(approver, Priority.NEVER);
        TextField note = field("unlock-note", "where and when they approved (ticket, chat link)");
        note.textProperty().bindBidirectional(model.approvalNoteProperty());
        Button send = action("Record approval", "record-approval-send");
        send.disableProperty().bind(model.canRecordApprovalProperty().not());
        send.setOnAction(e -> {
            model.recordApproval();
            asking.set(false);
        });
        note.setOnAction(e -> send.fire());
        HBox form = form(asking, Cards.muted("approved by"), approver, Cards.muted("note"), note, send,
                cancel(asking));

        VBox banner = banner("locked-banner", model.locked(), open);
        banner.getChildren().add(form);
        focusWhenOpened(asking, note, model.locked());
        return banner;
    }

    private static Node protectedEnvironment(BannersViewModel model) {
        TextField typed = field("protected-name", "environment name");
        typed.textProperty().bindBidirectional(model.typedNameProperty());
        typed.setPrefColumnCount(14);
        HBox.setHgrow(typed, Priority.NEVER);
        Button confirm = action("Confirm", "protected-confirm");
        confirm.getStyleClass().add(Styles.DANGER);
        confirm.disableProperty().bind(model.canConfirmProperty().not());
        confirm.setOnAction(e -> model.confirmProtected());
        typed.setOnAction(e -> confirm.fire());
        return banner("protected-banner", model.protectedEnvironment(), typed, confirm);
    }

    /** A full-width strip: the sentence (wrapping), the actions at its right, the last action's outcome below. */
    private static VBox banner(String id, Banner model, Node... actions) {
        Label text = new Label();
        text.getStyleClass().add("qd-banner-text");
        text.textProperty().bind(model.textProperty());
        text.setWrapText(true);
        text.setMinHeight(Label.USE_PREF_SIZE);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox line = new HBox(10, text);
        line.getChildren().addAll(actions);
        line.setAlignment(Pos.CENTER_LEFT);

        Label detail = new Label();
        detail.getStyleClass().add("qd-banner-detail");
        detail.textProperty().bind(model.detailProperty());
        detail.setWrapText(true);
        detail.setMinHeight(Label.USE_PREF_SIZE);
        detail.visibleProperty().bind(model.detailProperty().isNotEmpty());
        detail.managedProperty().bind(detail.visibleProperty());
        model.detailToneProperty().addListener((obs, was, now) -> ToneStyle.apply(detail, now));
        ToneStyle.apply(detail, model.detailToneProperty().get());

        VBox banner = new VBox(4, line, detail);
        banner.setId(id);
        banner.getStyleClass().add("qd-banner");
        ToneStyle.apply(banner, model.tone());
        banner.visibleProperty().bind(model.shownProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private static HBox form(BooleanProperty open, Node... nodes) {
        HBox form = new HBox(8, nodes);
        form.getStyleClass().add("qd-banner-form");
        form.setAlignment(Pos.CENTER_LEFT);
        form.visibleProperty().bind(open);
        form.managedProperty().bind(open);
        return form;
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.getStyleClass().add(Styles.SMALL);
        field.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(field, Priority.ALWAYS);
        return field;
    }

    private static Button action(String text, String id) {
        Button button = new Button(text);
        button.setId(id);
        button.getStyleClass().add(Styles.SMALL);
        button.setMinWidth(Button.USE_PREF_SIZE);
        button.setMnemonicParsing(false);
        return button;
    }

    private static Button cancel(BooleanProperty open) {
        Button cancel = action("Cancel", null);
        cancel.getStyleClass().add(Styles.FLAT);
        cancel.setOnAction(e -> open.set(false));
        return cancel;
    }

    /** The form takes the keyboard when it opens, and closes with its banner so it never reopens half-filled. */
    private static void focusWhenOpened(BooleanProperty open, TextField field, Banner banner) {
        open.addListener((obs, was, now) -> {
            if (now) {
                field.requestFocus();
            }
        });
        banner.shownProperty().addListener((obs, was, shown) -> {
            if (!shown) {
                open.set(false);
            }
        });
    }
}
