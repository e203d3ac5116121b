package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.quarterdeck.plan.Evidence;
import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The checklist by phase. Manual items have a check box; automatic items show their probe's outcome as a
 * chip, because a captain must not be able to tick "health check passed" by hand. Ticking opens a small form
 * under the item, for a note and the evidence it asks for (a link, or a file chosen from disk); unticking needs
 * nothing.
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
        box.setId("check-" + row.id());
        box.setMnemonicParsing(false); // a title is the plan's words: "release_smoke.sh" keeps its underscore
        box.setWrapText(true);
        box.setSelected(row.done());
        // The box shows what the session recorded; a click asks, and the box follows once it is recorded.
        box.setOnAction(e -> {
            boolean wanted = box.isSelected();
            box.setSelected(row.done());
            if (wanted) {
                model.edit(row.id());
            } else {
                model.mark(row.id(), false);
            }
        });
        row.statusProperty().addListener((obs, was, now) -> box.setSelected(now.done()));
        box.setMaxWidth(Double.MAX_VALUE);
        VBox item = rowBox(box, detailLine(row, true));
        item.getChildren().addAll(refusal(row), tickForm(model, row));
        return item;
    }

    /** Why the engine refused the last tick, in the danger colour, on the item itself. */
    private static Node refusal(ChecklistRow row) {
        Label refusal = new Label();
        refusal.setId("refusal-" + row.id());
        refusal.getStyleClass().addAll("qd-detail", Styles.DANGER);
        refusal.textProperty().bind(row.refusalProperty().map(r -> r.isEmpty() ? "" : "refused: " + r));
        refusal.setWrapText(true);
        refusal.setMinHeight(Label.USE_PREF_SIZE);
        refusal.setPadding(new Insets(0, 0, 0, 26));
        refusal.visibleProperty().bind(row.refusalProperty().isNotEmpty());
        refusal.managedProperty().bind(refusal.visibleProperty());
        return refusal;
    }

    /** The note and the evidence the item asks for; Enter in either field ticks. */
    private static Node tickForm(ChecklistViewModel model, ChecklistRow row) {
        TextField note = new TextField();
        note.setId("note-" + row.id());
        note.setPromptText("note (who, what, where)");
        note.getStyleClass().add(Styles.SMALL);
        note.textProperty().bindBidirectional(row.noteProperty());
        Button tick = new Button("Tick");
        tick.setId("tick-" + row.id());
        tick.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT);
        tick.setMinWidth(Button.USE_PREF_SIZE);
        tick.disableProperty().bind(row.canSubmitProperty().not());
        tick.setOnAction(e -> model.submit(row.id()));
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        cancel.setMinWidth(Button.USE_PREF_SIZE);
        cancel.setOnAction(e -> model.cancelEdit(row.id()));
        note.setOnAction(e -> tick.fire());

        // A caption, not only a prompt: the field has the keyboard when the form opens, which hides its prompt.
        Label caption = new Label(row.asksFor().isEmpty() ? "tick with a note (recorded in the session)"
                : "tick with a note and the evidence: " + row.asksFor().replace("asks for ", ""));
        caption.getStyleClass().add("qd-detail");
        caption.setWrapText(true);
        caption.setMinHeight(Label.USE_PREF_SIZE);
        VBox form = new VBox(4, caption, note);
        row.evidence().ifPresent(evidence -> form.getChildren().add(evidenceLine(row, evidence, tick)));
        HBox buttons = new HBox(6, tick, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);
        form.getChildren().add(buttons);
        form.getStyleClass().add("qd-tick-form");
        form.setPadding(new Insets(4, 0, 4, 26));
        form.visibleProperty().bind(row.editingProperty());
        form.managedProperty().bind(form.visibleProperty());
        row.editingProperty().addListener((obs, was, open) -> {
            if (open) {
                note.requestFocus();
            }
        });
        return form;
    }

    private static Node evidenceLine(ChecklistRow row, Evidence evidence, Button tick) {
        boolean file = evidence.kind() == Evidence.Kind.FILE;
        TextField field = new TextField();
        field.setId("evidence-" + row.id());
        field.setPromptText(file ? "path of the file" : "https://… link");
        field.getStyleClass().add(Styles.SMALL);
        field.textProperty().bindBidirectional(row.evidenceProperty());
        field.setOnAction(e -> tick.fire());
        HBox.setHgrow(field, Priority.ALWAYS);
        HBox line = new HBox(6, field);
        line.setAlignment(Pos.CENTER_LEFT);
        if (file) {
            Button choose = new Button("Choose file…");
            choose.setId("choose-" + row.id());
            choose.getStyleClass().add(Styles.SMALL);
            choose.setMinWidth(Button.USE_PREF_SIZE);
            choose.setOnAction(e -> {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(row.title() + " (" + row.asksFor() + ")");
                File chosen = chooser.showOpenDialog(choose.getScene().getWindow());
                if (chosen != null) {
                    row.evidenceProperty().set(chosen.getAbsolutePath());
                }
            });
            line.getChildren().add(choose);
        }
        return line;
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
        Insets indent = new Insets(0, 0, 0, manual ? 26 : 70);
        if (manual && !row.asksFor().isEmpty()) {
            // What the item asks for beside "required", and what became of it on a line of its own: side by side
            // they would squeeze the tick's details into a column one word wide.
            Label asks = new Label("· " + row.asksFor());
            asks.getStyleClass().add("qd-detail");
            asks.setMinWidth(0);
            HBox first = new HBox(6, requirement(row), asks);
            detail.setMaxWidth(Double.MAX_VALUE);
            VBox lines = new VBox(first, detail);
            detail.visibleProperty().bind(detail.textProperty().isNotEmpty());
            detail.managedProperty().bind(detail.visibleProperty());
            lines.setPadding(indent);
            return lines;
        }
        HBox line = new HBox(6, requirement(row), detail);
        line.setPadding(indent);
        return line;
    }

    private static Label detail(ChecklistRow row, boolean manual) {
        Label detail = new Label();
        detail.getStyleClass().add("qd-detail");
        detail.textProperty().bind(row.summaryProperty().map(summary -> summary.isEmpty() ? "" : "· " + summary));
        detail.setTooltip(new Tooltip());
        detail.getTooltip().textProperty().bind(detail.textProperty());
        row.statusProperty().addListener((obs, was, now) -> tintDetail(detail, now));
        tintDetail(detail, row.statusProperty().get());
        return detail;
    }

    private static void tintDetail(Label detail, ChecklistRow.Status status) {
        detail.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING);
        if (status == ChecklistRow.Status.FAIL) {
            detail.getStyleClass().add(Styles.DANGER);
        } else if (status == ChecklistRow.Status.ERROR || status == ChecklistRow.Status.STALE) {
            detail.getStyleClass().add(Styles.WARNING);
        }
    }

    private static VBox rowBox(Node line, Node detail) {
        VBox box = new VBox(line, detail);
        box.getStyleClass().add("qd-check-row");
        return box;
    }
}
