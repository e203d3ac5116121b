package dev.quarterdeck.ui;

import javafx.scene.Node;
import org.testfx.api.FxRobot;

/** Questions window tests ask of the scene graph. */
final class FxQueries {
    private FxQueries() {}

    /** Visible, and so is every node above it: a control in a hidden form is not shown. */
    static boolean shown(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(FxQueries::treeVisible).orElse(false);
    }

    private static boolean treeVisible(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
