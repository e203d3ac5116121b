package dev.quarterdeck.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** When in a release a checklist item is due. */
public enum Phase {
    PREFLIGHT,
    CANARY,
    POST_DEPLOY,
    POST_LAUNCH;

    /** The name used in plans: {@code preflight}, {@code post-deploy}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Phase> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equals(key)).findFirst();
    }
}
