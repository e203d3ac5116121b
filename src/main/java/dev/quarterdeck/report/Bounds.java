package dev.quarterdeck.report;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a bound back from a threshold condition as the plan words it ({@code "canary error-rate ≤ 1%"}, see
 * {@code Condition.Threshold.describe}); the number itself comes with the event. Comparisons of canary with
 * stable and statistical judgements are not bounds on one track's samples, and give nothing.
 *
 * <p>Events carry the condition in words only; if {@code GateJudged.ConditionResult} and {@code AbortTriggered}
 * ever carry the track and metric themselves, this goes.
 */
final class Bounds {
    private static final Pattern THRESHOLD = Pattern.compile("^(canary|stable) (\\S+) (≤|≥) .+$");

    private Bounds() {}

    static Optional<SessionReport.Bound> parse(String condition, double threshold, String source) {
        if (condition == null || Double.isNaN(threshold)) {
            return Optional.empty();
        }
        Matcher m = THRESHOLD.matcher(condition.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        Track track = m.group(1).equals("canary") ? Track.CANARY : Track.STABLE;
        return Metric.byKey(m.group(2)).map(metric -> new SessionReport.Bound(track, metric, m.group(3).equals("≤"),
                threshold, source, condition.strip()));
    }
}
