package dev.quarterdeck.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a time axis puts its ticks: at round multiples of a step (10 s, 15 s, 30 s, whole minutes), the finest
 * step whose labels still have room. A fresh session's axis spans one minute and a full one five, so one
 * fixed step would leave the first with a single label or crowd the second.
 */
final class TimeTicks {
    /** Steps a reader counts in, in seconds; the last is coarse enough for any axis this console draws. */
    static final List<Double> STEPS = List.of(10.0, 15.0, 30.0, 60.0, 120.0, 300.0);
    /** Room a label needs, "14:03:20" plus a gap, in pixels. */
    static final double MIN_PIXELS_PER_TICK = 80;

    private TimeTicks() {}

    /** The finest step that leaves every tick {@link #MIN_PIXELS_PER_TICK}, for an axis of {@code pixels}. */
    static double step(double spanSeconds, double pixels) {
        if (spanSeconds > 0 && pixels > 0) {
            for (double step : STEPS) {
                if (pixels * step / spanSeconds >= MIN_PIXELS_PER_TICK) {
                    return step;
                }
            }
        }
        return STEPS.get(STEPS.size() - 1);
    }

    /** The multiples of {@code step} from {@code lower} to {@code upper}, both included. */
    static List<Double> between(double lower, double upper, double step) {
        List<Double> ticks = new ArrayList<>();
        // Counted, not summed: adding a step over and over drifts off the whole seconds the labels check for.
        for (long i = (long) Math.ceil(lower / step - 1e-9); i * step <= upper + 1e-9; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /** True when {@code x} (seconds) is a multiple of {@code step}, up to rounding. */
    static boolean isMultiple(double x, double step) {
        double n = x / step;
        return Math.abs(n - Math.rint(n)) < 1e-6;
    }
}
