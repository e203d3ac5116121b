package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Where this release runs and who holds it: the card a captain glances at before touching anything. Under the
 * facts, what the session found at its start: access (the missing permissions one click away), checks (failed
 * ones spelled out) and the last known good images a rollback returns to.
 */
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
        facts.addRow(row++, key("operator"), new FactValue(model.operatorProperty()));

        Label accessKey = key("access");
        Node access = access(model);
        facts.addRow(row++, accessKey, access);
        showOnlyInKubernetes(model, accessKey, access);
        facts.addRow(row++, key("checks"), verdict("checks", model.checksProperty(), model.checksToneProperty(),
                lines(model.failedChecks(), Tone.DANGER)));
        Label goodKey = key("last good");
        VBox good = lines(model.lastKnownGood(), null);
        good.setId("last-known-good");
        facts.addRow(row, goodKey, good);
        showOnlyInKubernetes(model, goodKey, good);
        getChildren().add(facts);
    }

    /** "all 7 permissions granted", or "2 of 7 permissions missing" and a "show" that opens the list. */
    private static Node access(EnvironmentViewModel model) {
        VBox missing = lines(model.missingAccess(), Tone.DANGER);
        missing.setId("missing-access");
        Hyperlink toggle = new Hyperlink("show");
        toggle.setId("access-details");
        toggle.getStyleClass().add(Styles.SMALL);
        toggle.setOnAction(e -> {
            missing.setVisible(!missing.isVisible());
            toggle.setText(missing.isVisible() ? "hide" : "show");
        });
        toggle.visibleProperty().bind(Bindings.isNotEmpty(model.missingAccess()));
        toggle.managedProperty().bind(toggle.visibleProperty());
        missing.setVisible(false);
        missing.managedProperty().bind(missing.visibleProperty());

        VBox cell = verdict("access", model.accessProperty(), model.accessToneProperty(), missing);
        ((HBox) cell.getChildren().get(0)).getChildren().add(toggle);
        Tooltip all = new Tooltip();
        all.setWrapText(true);
        all.setMaxWidth(520);
        Runnable tip = () -> all.setText(String.join("\n", model.missingAccess()));
        model.missingAccess().addListener((ListChangeListener<String>) c -> tip.run());
        tip.run();
        Tooltip.install(cell.getChildren().get(0), all);
        return cell;
    }

    /** A summary in its tone, with the lines that explain it under it. */
    private static VBox verdict(String id, ReadOnlyStringProperty text, ReadOnlyObjectProperty<Tone> tone,
            VBox details) {
        Label summary = new Label();
        summary.setId(id);
        summary.setWrapText(true);
        summary.setMinHeight(Label.USE_PREF_SIZE);
        summary.textProperty().bind(text);
        tone.addListener((obs, was, now) -> ToneStyle.apply(summary, now));
        ToneStyle.apply(summary, tone.get());
        HBox head = new HBox(6, summary);
        head.setAlignment(Pos.BASELINE_LEFT);
        return new VBox(2, head, details);
    }

    /**
     * One line per item, rebuilt as the list changes. Sentences (a check's detail, a permission's purpose) wrap
     * like prose in {@code tone}; image references ({@code tone} null) are values, wrapped only between parts.
     */
    private static VBox lines(ObservableList<String> items, Tone tone) {
        VBox box = new VBox(2);
        Runnable show = () -> {
            List<Node> nodes = new ArrayList<>();
            for (String item : items) {
                if (tone == null) {
                    nodes.add(new FactValue(new SimpleStringProperty(item)));
                } else {
                    Label line = new Label(item);
                    line.getStyleClass().add("qd-detail");
                    line.setWrapText(true);
                    line.setMinHeight(Label.USE_PREF_SIZE);
                    ToneStyle.apply(line, tone);
                    nodes.add(line);
                }
            }
            box.getChildren().setAll(nodes);
        };
        items.addListener((ListChangeListener<String>) c -> show.run());
        show.run();
        return box;
    }

    private static void showOnlyInKubernetes(EnvironmentViewModel model, Node key, Node value) {
        for (Node node : List.of(key, value)) {
            node.visibleProperty().bind(model.inKubernetesProperty());
            node.managedProperty().bind(node.visibleProperty());
        }
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
