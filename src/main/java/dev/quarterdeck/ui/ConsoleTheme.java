package dev.quarterdeck.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;
import javafx.application.Application;

/**
 * The console's two looks. A dark room during a night incident wants the dark one. The user-agent
 * stylesheet is JavaFX's own process-wide setting; this only chooses which AtlantaFX theme it is.
 */
public enum ConsoleTheme {
    LIGHT(new PrimerLight()),
    DARK(new PrimerDark());

    /** The console's own additions on top of the theme, written only with the theme's colour tokens. */
    public static final String STYLESHEET = "/dev/quarterdeck/ui/quarterdeck.css";

    private final Theme theme;

    ConsoleTheme(Theme theme) {
        this.theme = theme;
    }

    /** Switches every open window to this theme. Call on the FX thread. */
    public void apply() {
        Application.setUserAgentStylesheet(theme.getUserAgentStylesheet());
    }

    public ConsoleTheme other() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
