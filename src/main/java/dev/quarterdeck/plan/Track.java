package dev.quarterdeck.plan;

import java.util.Locale;

/** The two versions a canary release compares. */
public enum Track {
    STABLE,
    CANARY;

    /** The name used in plans and in the console: {@code stable}, {@code canary}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
