package dev.quarterdeck.ui;

import java.time.Duration;
import java.time.Instant;

/** How old an observation is, in the words the console shows next to it: "2 s ago". */
final class Age {
    private Age() {}

    static String ago(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        if (age.isNegative() || age.toMillis() < 1000) {
            return "just now";
        }
        long seconds = age.toSeconds();
        if (seconds < 120) {
            return seconds + " s ago";
        }
        if (seconds < 120 * 60) {
            return seconds / 60 + " min ago";
        }
        return seconds / 3600 + " h ago";
    }
}
