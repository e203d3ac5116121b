package dev.quarterdeck.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who moves the canary on. */
public enum Mode {
    /** The captain advances; the slider moves freely within what the plan allows. */
    MANUAL,
    /** Quarterdeck proposes the next step when its gate passes; the captain accepts. */
    ASSISTED,
    /** Quarterdeck advances by itself when gates pass. */
    AUTOMATIC;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Mode> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key().equals(key)).findFirst();
    }
}
