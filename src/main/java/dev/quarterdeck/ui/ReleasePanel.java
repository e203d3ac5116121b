package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import dev.quarterdeck.plan.Mode;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The release control, at the head of the middle column where the captain looks: where the release stands in
 * words, the commands, and the plan's steps left to right (a mark, a number and a few words each, coloured by
 * status; the full step and how it ended in a tooltip) with the mode switch that says who moves them on. Under them, when there is something to
 * say: a refusal (with an override when one may go past it), Quarterdeck's proposal in assisted mode, or the
 * reason asked for an abort, a staged rollback or an override. Asked inline, as the banners do, so nothing covers
 * the console or the rollback button.
 */
public final class ReleasePanel extends VBox {

    public ReleasePanel(ReleaseViewModel model) {
        getStyleClass().addAll(Cards.CARD, "qd-release");
        setId("release");

        Label headline = new Label();
        headline.setId("release-headline");
        headline.getStyleClass().add("qd-release-headline");
        headline.textProperty().bind(model.headlineProperty());
        headline.setWrapText(true);
        headline.setMinHeight(Label.USE_PREF_SIZE);
        model.toneProperty().addListener((obs, was, now) -> ToneStyle.apply(headline, now));
        ToneStyle.apply(headline, model.toneProperty().get());

        Label detail = new Label();
        detail.setId("release-detail");
        detail.getStyleClass().add("qd-detail");
        detail.textProperty().bind(model.detailProperty());
        detail.setWrapText(true);
        detail.setMinHeight(Label.USE_PREF_SIZE);
        Tooltip full = new Tooltip();
        full.textProperty().bind(model.detailProperty());
        detail.setTooltip(full);

        VBox where = new VBox(2, headline, detail);

        setSpacing(8);
        getChildren().addAll(where, buttons(model), steps(model), message(model), proposal(model), reasonForm(model));
    }

    private static Node modeSwitch(ReleaseViewModel model) {
        ToggleGroup group = new ToggleGroup();
        HBox modes = new HBox();
        modes.setAlignment(Pos.CENTER_RIGHT);
        Mode[] all = Mode.values();
        for (int i = 0; i < all.length; i++) {
            Mode mode = all[i];
            ToggleButton button = new ToggleButton(mode.key());
            button.setId("mode-" + mode.key());
            button.setToggleGroup(group);
            button.getStyleClass().addAll(Styles.SMALL,
                    i == 0 ? Styles.LEFT_PILL : i == all.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            button.setSelected(model.modeProperty().get() == mode);
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.setUserData(mode);
            // The switch shows what the session recorded; a click asks, and the switch follows once recorded.
            button.setOnAction(e -> {
                group.getToggles().forEach(t -> t.setSelected(t.getUserData() == model.modeProperty().get()));
                model.setMode(mode);
            });
            modes.getChildren().add(button);
        }
        model.modeProperty().addListener((obs, was, now) ->
                group.getToggles().forEach(t -> t.setSelected(t.getUserData() == now)));
        Tooltip.install(modes, new Tooltip("manual: the captain advances · assisted: Quarterdeck proposes the next"
                + " step when a gate passes · automatic: Quarterdeck advances by itself"));
        Label caption = Cards.muted("mode");
        caption.setMinWidth(Label.USE_PREF_SIZE);
        HBox row = new HBox(8, caption, modes);
        row.setAlignment(Pos.CENTER_RIGHT);
        return row;
    }

    private static Node buttons(ReleaseViewModel model) {
        Button advance = button("advance", model::advance);
        advance.textProperty().bind(model.advanceTextProperty());
        advance.disableProperty().bind(model.canAdvanceProperty().not());
        accentWhen(advance, model.advanceSuggestedProperty());

        Button pause = button("pause", model::togglePause);
        pause.textProperty().bind(model.pauseTextProperty());
        pause.disableProperty().bind(model.canPauseProperty().not());

        Button promote = button("promote", model::promote);
        promote.setText("Promote");
        promote.disableProperty().bind(model.canPromoteProperty().not());
        accentWhen(promote, model.promoteSuggestedProperty());

        // Wraps in a narrow window rather than push the last buttons under the next column.
        FlowPane row = new FlowPane(6, 6, advance, pause, promote, gap());

        if (model.hasStagedRollback()) {
            Button staged = button("staged-rollback", model::askStagedRollback);
            staged.setText("Staged rollback…");
            staged.getStyleClass().add(Styles.BUTTON_OUTLINED);
            staged.disableProperty().bind(model.canStagedRollbackProperty().not());
            row.getChildren().add(staged);
        }
        Button abort = button("abort", model::askAbort);
        abort.setText("Abort…");
        abort.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
        abort.disableProperty().bind(model.canAbortProperty().not());
        row.getChildren().add(abort);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** A refusal with its reason (and an override when one may go past it), or what was just asked. */
    private static Node message(ReleaseViewModel model) {
        Label text = new Label();
        text.setId("release-message");
        text.getStyleClass().add("qd-status-line");
        text.textProperty().bind(model.messageProperty());
        text.setWrapText(true);
        text.setMinHeight(Label.USE_PREF_SIZE);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        model.messageToneProperty().addListener((obs, was, now) -> ToneStyle.apply(text, now));
        ToneStyle.apply(text, model.messageToneProperty().get());

        Button override = button("override", model::askOverride);
        override.setText("Override…");
        override.getStyleClass().add(Styles.WARNING);
        override.visibleProperty().bind(model.canOverrideProperty());
        override.managedProperty().bind(override.visibleProperty());

        HBox row = new HBox(6, text, override);
        row.setAlignment(Pos.CENTER_LEFT);
        showWhen(row, model.messageProperty().isNotEmpty());
        return row;
    }

    /** Quarterdeck's proposal in assisted mode: what it would do next and why, and Accept. */
    private static Node proposal(ReleaseViewModel model) {
        Label text = new Label();
        text.setId("release-proposal");
        text.getStyleClass().add("qd-proposal-text");
        text.textProperty().bind(model.proposalProperty());
        text.setWrapText(true);
        text.setMinHeight(Label.USE_PREF_SIZE);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button accept = button("accept-proposal", model::acceptProposal);
        accept.setText("Accept");
        accept.getStyleClass().add(Styles.ACCENT);
        HBox row = new HBox(8, text, accept);
        row.getStyleClass().add("qd-proposal");
        row.setAlignment(Pos.CENTER_LEFT);
        showWhen(row, model.proposalProperty().isNotEmpty());
        return row;
    }

    private static Node reasonForm(ReleaseViewModel model) {
        return ReasonForm.of("release-ask", model.reason(), model.askingProperty().map(ReleasePanel::sendText),
                Styles.DANGER, model::send, model::cancelAsk);
    }

    private static String sendText(ReleaseViewModel.Ask ask) {
        switch (ask) {
            case ABORT:
                return "Abort and roll back";
            case STAGED_ROLLBACK:
                return "Roll back in stages";
            case OVERRIDE_PROMOTE:
                return "Override and promote";
            case OVERRIDE_ADVANCE:
                return "Override and advance";
            default:
                return "Send";
        }
    }

    /**
     * The plan's steps left to right, wrapping: each a mark (✓ done, ▶ current, · pending, ✕ failed, ↷ skipped,
     * ■ stopped), its number and a few words, coloured by status; the full step, its status and how it ended in
     * the tooltip. A summary line above counts them.
     */
    private static Node steps(ReleaseViewModel model) {
        FlowPane list = new FlowPane(4, 4);
        list.setId("release-steps");
        list.setAlignment(Pos.TOP_LEFT);
        for (ReleaseStep step : model.steps()) {
            list.getChildren().add(stepChip(step));
        }
        Label summary = Cards.muted("");
        summary.setId("release-steps-summary");
        summary.textProperty().bind(model.stepsSummaryProperty());
        summary.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // The mode sits with the steps: it says who moves them on.
        HBox head = new HBox(8, summary, spacer, modeSwitch(model));
        head.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, head, list);
        if (model.steps().isEmpty()) {
            box.getChildren().add(Cards.muted("This plan has no canary steps: advancing promotes."));
        }
        return box;
    }

    private static Node stepChip(ReleaseStep step) {
        Label chip = new Label();
        chip.setId("release-step-" + step.number());
        chip.getStyleClass().add("qd-step-chip");
        chip.setMinWidth(Label.USE_PREF_SIZE);
        chip.textProperty().bind(step.statusProperty().map(status -> glyph(status) + " " + step.number() + " · "
                + step.label()));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(() -> "Step " + step.number() + ": "
                + step.description() + " (" + step.status().label() + ")"
                + (step.detailProperty().get().isEmpty() ? "" : "\n" + step.detailProperty().get()),
                step.statusProperty(), step.detailProperty()));
        chip.setTooltip(tip);
        // The status in words, for screen readers and for tests: the colour and the mark say it to the eye.
        chip.accessibleTextProperty().bind(step.statusProperty().map(status -> "step " + step.number() + " "
                + step.description() + ": " + status.label()));
        step.statusProperty().addListener((obs, was, now) -> style(chip, now));
        style(chip, step.status());
        return chip;
    }

    private static void style(Label chip, ReleaseStep.Status status) {
        chip.getStyleClass().removeAll("qd-step-current");
        if (status == ReleaseStep.Status.CURRENT) {
            chip.getStyleClass().add("qd-step-current");
        }
        ToneStyle.apply(chip, status.tone());
    }

    private static String glyph(ReleaseStep.Status status) {
        switch (status) {
            case DONE:
                return "✓";
            case CURRENT:
                return "▶";
            case FAILED:
                return "✕";
            case SKIPPED:
                return "↷";
            case STOPPED:
                return "■";
            default:
                return "·";
        }
    }

    /** Sets the going-back commands (staged rollback, abort) apart from the going-forward ones. */
    private static Region gap() {
        Region gap = new Region();
        gap.setPrefWidth(18);
        return gap;
    }

    private static Button button(String id, Runnable action) {
        Button button = new Button();
        button.setId(id);
        button.setMnemonicParsing(false);
        button.setMinWidth(Button.USE_PREF_SIZE);
        button.setOnAction(e -> action.run());
        return button;
    }

    private static void accentWhen(Button button, ObservableBooleanValue suggested) {
        suggested.addListener((obs, was, now) -> accent(button, now));
        accent(button, suggested.get());
    }

    private static void accent(Button button, boolean on) {
        button.getStyleClass().remove(Styles.ACCENT);
        if (on) {
            button.getStyleClass().add(Styles.ACCENT);
        }
    }

    private static void showWhen(Node node, ObservableBooleanValue shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(node.visibleProperty());
    }
}
