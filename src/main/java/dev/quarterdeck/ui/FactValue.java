package dev.quarterdeck.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;

/**
 * One value in a card of facts (plan, router, server, versions), shown whole and wrapped only where a reader
 * expects a break. A wrapping Label breaks at spaces and otherwise anywhere, so a narrow column showed
 * "…example:644" over "3": a different port at a glance. Here the value is laid out in parts, and a line ends
 * only between two parts: after a space or a slash, before a port or version (":6443"), after a dot or hyphen
 * that a letter follows (host names). A single part never splits.
 */
final class FactValue extends FlowPane {
    FactValue(ObservableValue<String> text) {
        this(text, text);
    }

    /** A value whose tooltip says more than the value: a short image name, the full reference behind it. */
    FactValue(ObservableValue<String> text, ObservableValue<String> tooltip) {
        getStyleClass().add("qd-fact-value");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(tooltip);
        Tooltip.install(this, tip);
        text.addListener((obs, was, now) -> show(now));
        show(text.getValue());
    }

    private void show(String text) {
        List<Label> labels = new ArrayList<>();
        for (String part : parts(text == null ? "" : text)) {
            Label label = new Label(part);
            label.getStyleClass().add("qd-value");
            labels.add(label);
        }
        getChildren().setAll(labels);
    }

    /** The pieces a line may end between; joined, they are {@code text} again. */
    static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            boolean breakAfter = Character.isWhitespace(c) && !Character.isWhitespace(next)
                    || c == '/' && next != '/'
                    || (c == '.' || c == '-') && Character.isLetter(next)
                    || next == ':' && Character.isDigit(i + 2 < text.length() ? text.charAt(i + 2) : 0)
                            && !inShortWord(text, i);
            if (breakAfter && i + 1 < text.length()) {
                parts.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length() || parts.isEmpty()) {
            parts.add(text.substring(start));
        }
        return parts;
    }

    /** A clock time ("09:12") or a short word: nothing to gain from a break before its colon. */
    private static boolean inShortWord(String text, int at) {
        int from = at;
        while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
            from--;
        }
        int to = at;
        while (to < text.length() && !Character.isWhitespace(text.charAt(to))) {
            to++;
        }
        return to - from < 12;
    }
}
