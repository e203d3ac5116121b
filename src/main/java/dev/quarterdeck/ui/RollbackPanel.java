package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The rollback button and its progress, made to sit in the window's top bar so it is on screen whatever the
 * captain is looking at. One click, no dialog: in an incident a confirmation costs seconds. The one question it
 * may ask (take over a read-only console's lease first) and a step's approval show in the prompt strips under
 * the bar; the button itself never hides and is never disabled.
 */
public final class RollbackPanel extends HBox {

    public RollbackPanel(RollbackViewModel model) {
        super(10);
        setAlignment(Pos.CENTER_RIGHT);

        Label progressText = new Label();
        progressText.setId("rollback-progress");
        progressText.getStyleClass().add("qd-rollback-progress");
        progressText.textProperty().bind(model.progressTextProperty());
        progressText.setMinWidth(0);
        // Up to two lines (the stylesheet caps its height) fit beside the button without growing the bar:
        // "rolling back · step 1/2 done: set canary weight to 0%" stays whole at 1440 px; only a narrower window
        // cuts it, and the tooltip keeps it all.
        progressText.setWrapText(true);
        Tooltip full = new Tooltip();
        full.textProperty().bind(model.progressTextProperty());
        progressText.setTooltip(full);

        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(110);
        // Squeezed further by a narrow bar it reads as a stray mark; the progress text gives way instead.
        bar.setMinWidth(56);
        bar.progressProperty().bind(model.progressProperty());
        // Only while it runs; afterwards the outcome text needs the room.
        bar.visibleProperty().bind(model.phaseProperty().map(
                p -> p == RollbackViewModel.Phase.REQUESTED || p == RollbackViewModel.Phase.RUNNING));
        bar.managedProperty().bind(bar.visibleProperty());

        model.phaseProperty().addListener((obs, was, now) -> style(progressText, bar, now));
        style(progressText, bar, model.phaseProperty().get());

        Button rollback = new Button("⟲  ROLL BACK");
        rollback.setId("rollback");
        rollback.getStyleClass().addAll(Styles.DANGER, "qd-rollback");
        rollback.setMinWidth(Button.USE_PREF_SIZE);
        rollback.setOnAction(e -> model.rollback());
        rollback.setMnemonicParsing(false);

        getChildren().addAll(progressText, bar, rollback);
    }

    private static void style(Label text, ProgressBar bar, RollbackViewModel.Phase phase) {
        Tone tone;
        switch (phase) {
            case SUCCEEDED:
                tone = Tone.SUCCESS;
                break;
            case FAILED:
            case REFUSED:
                tone = Tone.DANGER;
                break;
            case REQUESTED:
            case RUNNING:
                tone = Tone.WARNING;
                break;
            default:
                tone = Tone.NEUTRAL;
        }
        ToneStyle.apply(text, tone);
        ToneStyle.apply(bar, tone == Tone.NEUTRAL ? null : tone);
    }
}
