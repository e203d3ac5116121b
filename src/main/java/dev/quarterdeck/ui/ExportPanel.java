package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import dev.quarterdeck.report.ReportFormat;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Export form, a strip under the top bar like the console's other questions, so the release stays in view
 * while it is open: the format, the file (typed, or picked with Choose…), Export, and what the last export did.
 * Ids: {@code export-form}, {@code export-format-html|md|json}, {@code export-file}, {@code export-choose},
 * {@code export-run}, {@code export-close}, {@code export-status}.
 */
public final class ExportPanel extends VBox {

    public ExportPanel(ExportViewModel model) {
        setId("export-form");
        getStyleClass().add("qd-export");

        Label title = new Label("Export the session as a report");
        title.getStyleClass().add("qd-banner-text");
        title.setMinWidth(Label.USE_PREF_SIZE);
        Label scope = Cards.muted("as far as it has gone, every secret redacted as in the journal");
        HBox heading = new HBox(10, title, scope);
        heading.setAlignment(Pos.BASELINE_LEFT);

        HBox formats = formats(model);

        TextField file = new TextField();
        file.setId("export-file");
        file.setPromptText("where to write the report");
        file.textProperty().bindBidirectional(model.fileProperty());
        HBox.setHgrow(file, Priority.ALWAYS);

        Button choose = Cards.button("Choose…", "export-choose");
        choose.setOnAction(e -> choose(model));

        Button run = Cards.button("Export", "export-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.textProperty().bind(javafx.beans.binding.Bindings.when(model.busyProperty())
                .then("Exporting…").otherwise("Export"));
        run.disableProperty().bind(model.busyProperty());
        run.setOnAction(e -> model.export());
        file.setOnAction(e -> run.fire());

        Button close = Cards.button("Close", "export-close");
        close.getStyleClass().add(Styles.FLAT);
        close.setOnAction(e -> model.hide());
        close.cancelButtonProperty().bind(model.openProperty());

        Label to = Cards.muted("to");
        to.setMinWidth(Label.USE_PREF_SIZE);
        HBox line = new HBox(8, formats, to, file, choose, run, close);
        line.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("export-status");
        status.getStyleClass().add("qd-status-line");
        status.setWrapText(true);
        status.setMinHeight(Label.USE_PREF_SIZE);
        status.setMaxWidth(Double.MAX_VALUE);
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        ToneStyle.apply(status, model.statusToneProperty().get());
        model.statusToneProperty().addListener((obs, was, tone) -> ToneStyle.apply(status, tone));

        setSpacing(6);
        getChildren().addAll(heading, line, status);
        visibleProperty().bind(model.openProperty());
        managedProperty().bind(visibleProperty());
        model.openProperty().addListener((obs, was, shown) -> {
            if (shown) {
                file.requestFocus();
                file.end();
            }
        });
    }

    /** HTML, Markdown postmortem, JSON: one always chosen. */
    private static HBox formats(ExportViewModel model) {
        ToggleGroup group = new ToggleGroup();
        List<ReportFormat> order = List.of(ReportFormat.HTML, ReportFormat.MARKDOWN, ReportFormat.JSON);
        List<String> pills = List.of(Styles.LEFT_PILL, Styles.CENTER_PILL, Styles.RIGHT_PILL);
        HBox formats = new HBox();
        for (int i = 0; i < order.size(); i++) {
            ReportFormat format = order.get(i);
            ToggleButton toggle = new ToggleButton(ExportViewModel.label(format));
            toggle.setId("export-format-" + format.key());
            toggle.setUserData(format);
            toggle.setToggleGroup(group);
            toggle.getStyleClass().add(pills.get(i));
            toggle.setMinWidth(ToggleButton.USE_PREF_SIZE);
            toggle.setMnemonicParsing(false);
            toggle.setSelected(format == model.formatProperty().get());
            formats.getChildren().add(toggle);
        }
        group.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                group.selectToggle(was); // a second click on the chosen format keeps it chosen
            } else {
                model.formatProperty().set((ReportFormat) now.getUserData());
            }
        });
        model.formatProperty().addListener((obs, was, now) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == now).findFirst().ifPresent(group::selectToggle));
        formats.setMinWidth(HBox.USE_PREF_SIZE);
        return formats;
    }

    private void choose(ExportViewModel model) {
        ReportFormat format = model.formatProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the session as a report");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                ExportViewModel.label(format) + " (*." + format.key() + ")", "*." + format.key()));
        // The chooser needs a folder that exists: the nearest one above the file in the field.
        for (Path folder = model.folder(); folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder)) {
                chooser.setInitialDirectory(folder.toFile());
                break;
            }
        }
        String typed = model.fileProperty().get().strip();
        int slash = typed.lastIndexOf(File.separatorChar);
        if (slash + 1 < typed.length()) {
            chooser.setInitialFileName(typed.substring(slash + 1));
        }
        File picked = chooser.showSaveDialog(getScene().getWindow());
        if (picked != null) {
            model.chosen(picked.toPath());
        }
    }
}
