package dev.quarterdeck.ui;

import javafx.beans.value.ObservableValue;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Where this release runs and who holds it: the card a captain glances at before touching anything. */
public final class EnvironmentPanel extends VBox {

    public EnvironmentPanel(EnvironmentViewModel model) {
        getStyleClass().add(Cards.CARD);
        getChildren().add(Cards.title("Environment"));

        GridPane facts = new GridPane();
        facts.setHgap(10);
        facts.setVgap(4);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setHalignment(HPos.RIGHT);
        keys.setMinWidth(Label.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(0);
        facts.getColumnConstraints().addAll(keys, values);

        Label protectedChip = Cards.chip("PROTECTED");
        protectedChip.getStyleClass().add("danger");
        protectedChip.visibleProperty().bind(model.protectedEnvironmentProperty());
        protectedChip.managedProperty().bind(protectedChip.visibleProperty());
        // The chip moves under the name when the column is narrow, rather than splitting the name.
        FlowPane environment = new FlowPane(8, 2, new FactValue(model.environmentNameProperty()), protectedChip);

        // Every value shows whole, wrapped only between its parts: plan names, router and server URLs are long,
        // and a release captain compares them character by character.
        int row = 0;
        facts.addRow(row++, key("plan"), new FactValue(planLine(model)));
        facts.addRow(row++, key("environment"), environment);
        facts.addRow(row++, key("router"), new FactValue(model.routerProperty()));
        facts.addRow(row++, key("context"), new FactValue(model.contextProperty()));
        facts.addRow(row++, key("server"), new FactValue(model.serverProperty()));
        facts.addRow(row++, key("namespace"), new FactValue(model.namespaceProperty()));
        facts.addRow(row++, key("user"), new FactValue(model.userProperty()));
        facts.addRow(row++, key("stable"), new FactValue(model.stableVersionProperty()));
        facts.addRow(row++, key("canary"), new FactValue(model.canaryVersionProperty()));
        facts.addRow(row++, key("held by"), new FactValue(model.holderProperty()));
        facts.addRow(row, key("operator"), new FactValue(model.operatorProperty()));
        getChildren().add(facts);
    }

    private static ObservableValue<String> planLine(EnvironmentViewModel model) {
        return model.planNameProperty().concat(" ").concat(model.planVersionProperty());
    }

    private static Label key(String text) {
        Label key = new Label(text);
        key.getStyleClass().add("qd-key");
        GridPane.setValignment(key, VPos.TOP);
        return key;
    }
}
