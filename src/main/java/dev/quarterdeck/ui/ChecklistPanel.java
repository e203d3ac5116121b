package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The checklist by phase. Manual items have a check box; automatic items show their probe's outcome as a
 * chip, because a captain must not be able to tick "health check passed" by hand.
 */
public final class ChecklistPanel extends VBox {

    public ChecklistPanel(ChecklistViewModel model) {
        getStyleClass().add(Cards.CARD);
        VBox phases = new VBox(4);
        for (ChecklistPhase phase : model.phases()) {
            phases.getChildren().add(phaseHeader(phase));
            for (ChecklistRow row : phase.rows()) {
                phases.getChildren().add(row.automatic() ? automaticRow(row) : manualRow(model, row));
            }
        }
        if (model.phases().isEmpty()) {
            phases.getChildren().add(Cards.muted("This plan has no checklist."));
        }
        // A gap before the scroll bar, so details and phase bars do not run into it.
        phases.setPadding(new Insets(0, 8, 0, 0));
        ScrollPane scroll = new ScrollPane(phases);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(Cards.title("Checklist"), scroll);
    }

    private static Node phaseHeader(ChecklistPhase phase) {
        Label progress = new Label();
        progress.textProperty().bind(phase.progressProperty());
        progress.getStyleClass().add("qd-phase-title");
        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().add(Styles.SMALL);
        bar.progressProperty().bind(phase.doneProperty().divide((double) Math.max(1, phase.total())));
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        HBox header = new HBox(progress, bar);
        header.getStyleClass().add("qd-phase-header");
        phase.requiredDoneProperty().addListener((obs, was, done) -> styleBar(bar, done));
        styleBar(bar, phase.requiredDoneProperty().get());
        return header;
    }

    private static void styleBar(ProgressBar bar, boolean requiredDone) {
        bar.getStyleClass().remove("qd-required-done");
        if (requiredDone) {
            bar.getStyleClass().add("qd-required-done");
        }
    }

    private static Node manualRow(ChecklistViewModel model, ChecklistRow row) {
        CheckBox box = new CheckBox(row.title());
        box.setWrapText(true);
        box.setSelected(row.done());
        // The box shows what the session recorded; a click asks, and the box follows once it is recorded.
        box.setOnAction(e -> {
            boolean wanted = box.isSelected();
            box.setSelected(row.done());
            model.mark(row.id(), wanted);
        });
        row.statusProperty().addListener((obs, was, now) -> box.setSelected(now.done()));
        box.setMaxWidth(Double.MAX_VALUE);
        return rowBox(box, detailLine(row, true));
    }

    private static Node automaticRow(ChecklistRow row) {
        Label chip = Cards.chip("");
        chip.setMinWidth(64);
        chip.setAlignment(Pos.CENTER);
        chip.textProperty().bind(row.statusProperty().map(ChecklistRow.Status::label));
        row.statusProperty().addListener((obs, was, now) -> ToneStyle.apply(chip, now.tone()));
        ToneStyle.apply(chip, row.statusProperty().get().tone());
        Label title = new Label(row.title());
        title.setWrapText(true);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        HBox line = new HBox(6, chip, title);
        line.setAlignment(Pos.CENTER_LEFT);
        return rowBox(line, detailLine(row, false));
    }

    private static Label requirement(ChecklistRow row) {
        Label label = new Label(row.required() ? "required" : "optional");
        label.getStyleClass().add("qd-detail");
        if (row.required()) {
            label.getStyleClass().add(Styles.TEXT_BOLD);
        }
        label.setMinWidth(Label.USE_PREF_SIZE);
        return label;
    }

    /** "required · HTTP 200 in 9 ms · 10 s ago", under the title, so titles keep the row's full width. */
    private static Node detailLine(ChecklistRow row, boolean manual) {
        Label detail = detail(row, manual);
        HBox.setHgrow(detail, Priority.ALWAYS);
        detail.setMinWidth(0);
        // Wrapped, not cut: the end of "HTTP 502 on POST /checkout" is the part that says what broke.
        detail.setWrapText(true);
        detail.setMinHeight(Label.USE_PREF_SIZE);
        HBox line = new HBox(6, requirement(row), detail);
        line.setPadding(new Insets(0, 0, 0, manual ? 26 : 70));
        return line;
    }

    private static Label detail(ChecklistRow row, boolean manual) {
        Label detail = new Label();
        detail.getStyleClass().add("qd-detail");
        detail.textProperty().bind(row.summaryProperty().map(summary -> summary.isEmpty() ? "" : "· " + summary));
        detail.setTooltip(new Tooltip());
        detail.getTooltip().textProperty().bind(detail.textProperty());
        if (!manual) {
            row.statusProperty().addListener((obs, was, now) -> tintDetail(detail, now));
            tintDetail(detail, row.statusProperty().get());
        }
        return detail;
    }

    private static void tintDetail(Label detail, ChecklistRow.Status status) {
        detail.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING);
        if (status == ChecklistRow.Status.FAIL) {
            detail.getStyleClass().add(Styles.DANGER);
        } else if (status == ChecklistRow.Status.ERROR) {
            detail.getStyleClass().add(Styles.WARNING);
        }
    }

    private static Node rowBox(Node line, Node detail) {
        VBox box = new VBox(line, detail);
        box.getStyleClass().add("qd-check-row");
        return box;
    }
}
