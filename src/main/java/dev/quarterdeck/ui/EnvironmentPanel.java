package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
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
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Where this release runs and who holds it: the card a captain glances at before touching anything. First what
 * the session found at its start, access (the missing permissions one click away) and checks (failed ones spelled
 * out); then the facts, ending with the last known good images a rollback returns to. In a short window the
 * facts scroll; the findings stay.
 */
public final class EnvironmentPanel extends VBox {

    public EnvironmentPanel(EnvironmentViewModel model) {
        getStyleClass().add(Cards.CARD);
        getChildren().add(Cards.title("Environment"));

        GridPane facts = grid();
        Label protectedChip = Cards.chip("PROTECTED");
        protectedChip.getStyleClass().add("danger");
        protectedChip.visibleProperty().bind(model.protectedEnvironmentProperty());
        protectedChip.managedProperty().bind(protectedChip.visibleProperty());
        // The chip moves under the name when the column is narrow, rather than splitting the name.
        FlowPane environment = new FlowPane(8, 2, new FactValue(model.environmentNameProperty()), protectedChip);

        // Every value shows whole, wrapped only between its parts: plan names, router and server URLs are long,
        // and a release captain compares them character by character.
        Label environmentKey = key("environment");
        int row = 0;
        facts.addRow(row++, key("plan"), new FactValue(planLine(model)));
        facts.addRow(row++, environmentKey, environment);
        facts.addRow(row++, key("router"), new FactValue(model.routerProperty()));
        facts.addRow(row++, key("context"), new FactValue(model.contextProperty()));
        facts.addRow(row++, key("server"), new FactValue(model.serverProperty()));
        facts.addRow(row++, key("namespace"), new FactValue(model.namespaceProperty()));
        facts.addRow(row++, key("user"), new FactValue(model.userProperty()));
        facts.addRow(row++, key("stable"), new FactValue(model.stableVersionProperty()));
        facts.addRow(row++, key("canary"), new FactValue(model.canaryVersionProperty()));
        facts.addRow(row++, key("held by"), new FactValue(model.holderProperty()));
        facts.addRow(row++, key("operator"), new FactValue(model.operatorProperty()));
        Label goodKey = key("last good");
        // Short on the card; every line's tooltip has the full references of all of them.
        VBox good = lines(model.lastKnownGood(), null, model.lastKnownGoodInFullProperty());
        good.setId("last-known-good");
        facts.addRow(row, goodKey, good);
        showOnlyInKubernetes(model, goodKey, good);

        // What the session found comes first and never scrolls away: a failed check is what a captain must see.
        GridPane findings = grid();
        findings.getColumnConstraints().get(0).minWidthProperty().bind(environmentKey.widthProperty());
        Label accessKey = key("access");
        Node access = access(model);
        findings.addRow(0, accessKey, access);
        showOnlyInKubernetes(model, accessKey, access);
        findings.addRow(1, key("checks"), verdict("checks", model.checksProperty(), model.checksToneProperty(),
                lines(model.failedChecks(), Tone.DANGER, null)));
        findings.getStyleClass().add("qd-findings");

        // A short window scrolls the facts rather than squeezing the checklist under them to nothing.
        facts.setPadding(new Insets(0, 4, 0, 0));
        ScrollPane scroll = new ScrollPane(facts);
        scroll.setId("environment-facts");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        scroll.setMinHeight(60);
        scroll.prefViewportHeightProperty().bind(facts.heightProperty());
        getChildren().addAll(findings, scroll);
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setHalignment(HPos.RIGHT);
        keys.setMinWidth(Label.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(0);
        grid.getColumnConstraints().addAll(keys, values);
        return grid;
    }

    /**
     * "all 7 permissions granted", or "2 of 7 permissions missing" with "show which" under it, which opens the
     * list. The link has a line of its own: beside the summary it would squeeze it in a narrow column.
     */
    private static Node access(EnvironmentViewModel model) {
        VBox missing = lines(model.missingAccess(), Tone.DANGER, model.missingAccessInFullProperty());
        missing.setId("missing-access");
        Hyperlink toggle = new Hyperlink("show which");
        toggle.setId("access-details");
        toggle.getStyleClass().add(Styles.SMALL);
        toggle.setPadding(Insets.EMPTY);
        toggle.setOnAction(e -> {
            missing.setVisible(!missing.isVisible());
            toggle.setText(missing.isVisible() ? "hide" : "show which");
        });
        toggle.visibleProperty().bind(Bindings.isNotEmpty(model.missingAccess()));
        toggle.managedProperty().bind(toggle.visibleProperty());
        missing.setVisible(false);
        missing.managedProperty().bind(missing.visibleProperty());

        VBox cell = verdict("access", model.accessProperty(), model.accessToneProperty(), new VBox(2, toggle, missing));
        Tooltip all = new Tooltip();
        all.setWrapText(true);
        all.setMaxWidth(520);
        all.textProperty().bind(model.missingAccessInFullProperty());
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
        return new VBox(2, summary, details);
    }

    /**
     * One line per item, rebuilt as the list changes, in {@code tone}: sentences (a check's detail) wrap like
     * prose; values (permissions, images: given a {@code valuesTooltip}) are set in the facts' monospace and break
     * only between their parts, so "ingresses.networking.k8s.io" never splits inside "k8s".
     */
    private static VBox lines(ObservableList<String> items, Tone tone, ObservableValue<String> valuesTooltip) {
        VBox box = new VBox(2);
        Runnable show = () -> {
            List<Node> nodes = new ArrayList<>();
            for (String item : items) {
                if (valuesTooltip != null) {
                    FactValue line = new FactValue(new SimpleStringProperty(item), valuesTooltip);
                    line.getChildren().forEach(part -> ToneStyle.apply(part, tone));
                    nodes.add(line);
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
