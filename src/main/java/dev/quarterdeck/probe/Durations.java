package dev.quarterdeck.probe;

import java.time.Duration;

/** How durations read in the timeline: "12 ms", "2 s", "1.5 s", "5 min". */
final class Durations {
    private Durations() {}

    static String human(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
