package dev.quarterdeck.ui;

/**
 * How alarming something on screen is. View models say the tone; panels turn it into AtlantaFX style
 * classes, so view models stay free of styling and tests can assert on meaning.
 */
public enum Tone {
    NEUTRAL,
    MUTED,
    SUCCESS,
    WARNING,
    DANGER
}
