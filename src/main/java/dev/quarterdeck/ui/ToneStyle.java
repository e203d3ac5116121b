package dev.quarterdeck.ui;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.scene.Node;

/** Turns a view model's {@link Tone} into AtlantaFX style classes, so colours follow the light or dark theme. */
final class ToneStyle {
    private static final List<String> ALL = List.of(Styles.SUCCESS, Styles.WARNING, Styles.DANGER, Styles.TEXT_MUTED);

    private ToneStyle() {}

    /** Replaces whatever tone {@code node} had with {@code tone}. */
    static void apply(Node node, Tone tone) {
        node.getStyleClass().removeAll(ALL);
        String styleClass = styleClass(tone);
        if (styleClass != null) {
            node.getStyleClass().add(styleClass);
        }
    }

    private static String styleClass(Tone tone) {
        if (tone == null) {
            return null;
        }
        switch (tone) {
            case SUCCESS:
                return Styles.SUCCESS;
            case WARNING:
                return Styles.WARNING;
            case DANGER:
                return Styles.DANGER;
            case MUTED:
                return Styles.TEXT_MUTED;
            default:
                return null;
        }
    }
}
