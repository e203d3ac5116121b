package dev.quarterdeck.report;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.SessionEvent.WeightApplied;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The charts a report draws: per metric, canary against stable with the bounds judged; the canary weight. */
final class Charts {
    private Charts() {}

    /** One chart per metric sampled, in the order of {@link Metric}. */
    static List<Chart> metrics(SessionReport report) {
        List<Chart> charts = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            List<Chart.Line> lines = new ArrayList<>();
            for (Track track : List.of(Track.STABLE, Track.CANARY)) { // the canary drawn last, on top
                report.metrics().stream().filter(s -> s.metric() == metric && s.track() == track).findFirst()
                        .ifPresent(s -> lines.add(new Chart.Line(track.label(), track.label(), s, false)));
            }
            if (lines.isEmpty()) {
                continue;
            }
            List<Chart.Level> levels = new ArrayList<>();
            for (SessionReport.Bound b : report.bounds()) {
                if (b.metric() == metric) {
                    levels.add(new Chart.Level(b.threshold(), b.source() + ": " + b.track().label() + " "
                            + (b.max() ? "≤ " : "≥ ") + metric.format(b.threshold())));
                }
            }
            charts.add(new Chart("chart-" + metric.key(), title(metric), metric.meaning() + ", canary and stable, "
                    + "as sampled" + (levels.isEmpty() ? "" : "; dashed: the bounds the session judged by"),
                    from(report), to(report), metric::format, lines, levels, markers(report)));
        }
        return charts;
    }

    static Optional<Chart> weight(SessionReport report) {
        if (report.weights().isEmpty()) {
            return Optional.empty();
        }
        List<WeightApplied> weights = report.weights();
        long[] millis = new long[weights.size() + 1];
        double[] values = new double[weights.size() + 1];
        for (int i = 0; i < weights.size(); i++) {
            millis[i] = weights.get(i).at().toEpochMilli();
            values[i] = weights.get(i).percent();
        }
        millis[weights.size()] = Math.max(to(report), millis[weights.size() - 1]);
        values[weights.size()] = values[weights.size() - 1];
        Chart.Points points = Chart.Points.of(millis, values);
        return Optional.of(new Chart("chart-weight", "Canary weight", "share of traffic on the canary, as the "
                + "router read it back", from(report), to(report), v -> Metric.Unit.trim(v) + " %",
                List.of(new Chart.Line("canary weight", "weight", points, true)), List.of(), markers(report)));
    }

    private static String title(Metric metric) {
        switch (metric) {
            case ERROR_RATE:
                return "Error rate";
            case P95_LATENCY:
                return "p95 latency";
            case P99_LATENCY:
                return "p99 latency";
            default:
                return "Request rate";
        }
    }

    private static List<Chart.Marker> markers(SessionReport report) {
        IncidentTiming t = report.timing();
        List<Chart.Marker> markers = new ArrayList<>();
        t.impactAt().ifPresent(at -> markers.add(new Chart.Marker(at.toEpochMilli(), "impact")));
        t.detectedAt().ifPresent(at -> markers.add(new Chart.Marker(at.toEpochMilli(), "detected")));
        t.rollbackStartedAt().ifPresent(at -> markers.add(new Chart.Marker(at.toEpochMilli(), "rollback")));
        t.mitigatedAt().ifPresent(at -> markers.add(new Chart.Marker(at.toEpochMilli(), "weight 0")));
        return markers;
    }

    private static long from(SessionReport report) {
        return report.summary().startedAt().toEpochMilli();
    }

    private static long to(SessionReport report) {
        Instant end = report.summary().endedAt();
        return Math.max(end.toEpochMilli(), from(report) + 1000);
    }
}
