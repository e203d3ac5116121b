package dev.quarterdeck.plan;

import java.time.Duration;

/** Durations as a captain reads them: "30 s", "5 min", "1 h 30 min", "2 d". */
public final class Durations {
    private Durations() {}

    public static String human(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            if (d.toMillis() % 1000 == 0) {
                return seconds + " s";
            }
            return seconds == 0 ? d.toMillis() + " ms"
                    : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        StringBuilder out = new StringBuilder();
        append(out, days, "d");
        append(out, hours, "h");
        append(out, minutes, "min");
        append(out, rest, "s");
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount > 0) {
            out.append(out.length() == 0 ? "" : " ").append(amount).append(' ').append(unit);
        }
    }
}
