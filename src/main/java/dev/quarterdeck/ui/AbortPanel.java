package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The abort rules' banners, right under the top bar and across the whole window: the red alarm when Quarterdeck
 * rolled back by itself (it stays until acknowledged), the amber alert recommending a rollback, with the button
 * to do it.
 */
public final class AbortPanel extends VBox {

    public AbortPanel(AbortViewModel model) {
        Button acknowledge = new Button("Acknowledge");
        acknowledge.setId("abort-acknowledge");
        acknowledge.setMinWidth(Button.USE_PREF_SIZE);
        acknowledge.setOnAction(e -> model.acknowledge());
        VBox alarm = banner("abort-banner", "qd-abort", model.alarm(), acknowledge);

        Button rollBack = new Button("⟲  Roll back");
        rollBack.setId("alert-rollback");
        rollBack.getStyleClass().add(Styles.DANGER);
        rollBack.setMinWidth(Button.USE_PREF_SIZE);
        rollBack.setMnemonicParsing(false);
        rollBack.setOnAction(e -> model.rollBack());
        VBox alert = banner("alert-banner", "qd-alert", model.alert(), rollBack);

        getChildren().addAll(alarm, alert);
    }

    private static VBox banner(String id, String kind, Banner model, Button action) {
        Label text = new Label();
        text.setId(id + "-text");
        text.getStyleClass().add("qd-abort-text");
        text.textProperty().bind(model.textProperty());
        text.setWrapText(true);
        text.setMinHeight(Label.USE_PREF_SIZE);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox line = new HBox(12, text, action);
        line.setAlignment(Pos.CENTER_LEFT);

        Label detail = new Label();
        detail.getStyleClass().add("qd-abort-detail");
        detail.textProperty().bind(model.detailProperty());
        detail.visibleProperty().bind(model.detailProperty().isNotEmpty());
        detail.managedProperty().bind(detail.visibleProperty());

        VBox banner = new VBox(2, line, detail);
        banner.setId(id);
        banner.getStyleClass().add(kind);
        banner.visibleProperty().bind(model.shownProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }
}
