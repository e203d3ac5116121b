package dev.quarterdeck.report;

import dev.quarterdeck.plan.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When the trouble began, when it was seen, and when traffic was off the canary again; and the two figures a
 * postmortem asks for first. Each moment says what it was taken from ({@code ...By}), and each figure's
 * formula and definitions are printed beside it in every format, so nobody has to guess what was measured.
 */
public record IncidentTiming(Optional<Instant> impactAt, String impactBy, Optional<Instant> detectedAt,
        String detectedBy, Optional<Instant> rollbackStartedAt, String rollbackBy, Optional<Instant> mitigatedAt,
        String mitigatedBy) {

    public static final String DETECT_FORMULA = "time to detect = detected at − impact began at";
    public static final String MITIGATE_FORMULA = "time to mitigate = mitigated at − detected at";
    public static final String DETECTED_MEANS = "detected at: the first abort-rule breach, failing gate verdict "
            + "(failing or fail) or rollback start, whichever came first";
    public static final String IMPACT_MEANS = "impact began at: when the session records faults injected into "
            + "the canary (sandbox), the first such injection before detection; otherwise the first canary sample "
            + "beyond a bound the session judged the canary by (a gate's threshold or an abort rule's), from which "
            + "the canary stayed beyond it without a break until detection";
    public static final String MITIGATED_MEANS = "mitigated at: the first time at or after detection that the "
            + "router read back 0 % canary weight";

    /** Something that may be the moment of detection, or of mitigation, or of the fault's start. */
    record Moment(Instant at, String what) {}

    /** The time to detect; empty when there was nothing detected, or the impact's start is not known. */
    public Optional<Duration> timeToDetect() {
        return impactAt.isPresent() && detectedAt.isPresent()
                ? Optional.of(Duration.between(impactAt.get(), detectedAt.get())) : Optional.empty();
    }

    /** The time to mitigate; empty when nothing was detected, or the canary weight never read back 0 after. */
    public Optional<Duration> timeToMitigate() {
        return detectedAt.isPresent() && mitigatedAt.isPresent()
                ? Optional.of(Duration.between(detectedAt.get(), mitigatedAt.get())) : Optional.empty();
    }

    /** From the rollback's start to weight 0 read back: the part the rollback itself took. */
    public Optional<Duration> rollbackToZero() {
        return rollbackStartedAt.isPresent() && mitigatedAt.isPresent()
                && !mitigatedAt.get().isBefore(rollbackStartedAt.get())
                ? Optional.of(Duration.between(rollbackStartedAt.get(), mitigatedAt.get())) : Optional.empty();
    }

    /**
     * Works the moments out, from candidates in any order. {@code faults} are the times canary faults went from
     * none to some; {@code canary} is the canary's series by metric.
     */
    static IncidentTiming of(List<Moment> detections, List<Moment> faults, List<Moment> zeroWeights,
            List<Moment> rollbackStarts, Map<dev.quarterdeck.plan.Metric, MetricSeries> canary,
            List<SessionReport.Bound> bounds) {
        Optional<Moment> detected = detections.stream().min(Comparator.comparing(Moment::at));
        if (detected.isEmpty()) {
            return new IncidentTiming(Optional.empty(), "nothing was detected: no abort rule fired, no gate failed, "
                    + "no rollback ran", Optional.empty(), "nothing was detected", Optional.empty(),
                    "no rollback ran", Optional.empty(), "nothing to mitigate");
        }
        Instant at = detected.get().at();
        Optional<Moment> rollback = rollbackStarts.stream().filter(r -> !r.at().isBefore(at))
                .min(Comparator.comparing(Moment::at));
        Optional<Moment> impact = faults.stream().filter(f -> !f.at().isAfter(at))
                .min(Comparator.comparing(Moment::at));
        if (impact.isEmpty()) {
            impact = firstBreach(at, canary, bounds);
        }
        Optional<Moment> mitigated = zeroWeights.stream().filter(z -> !z.at().isBefore(at))
                .min(Comparator.comparing(Moment::at));
        return new IncidentTiming(impact.map(Moment::at), impact.map(Moment::what).orElse("not known from the "
                        + "record: no canary sample was beyond a bound the session judged the canary by before "
                        + "detection, and no fault injection is recorded"),
                Optional.of(at), detected.get().what(), rollback.map(Moment::at), rollback.map(Moment::what)
                        .orElse("no rollback ran at or after detection"), mitigated.map(Moment::at),
                mitigated.map(Moment::what).orElse("the router never read back 0 % after detection"));
    }

    /** The earliest start, over every canary bound, of a run of samples beyond it still going on at {@code at}. */
    private static Optional<Moment> firstBreach(Instant at, Map<dev.quarterdeck.plan.Metric, MetricSeries> canary,
            List<SessionReport.Bound> bounds) {
        long limit = at.toEpochMilli();
        Moment best = null;
        for (SessionReport.Bound bound : bounds) {
            MetricSeries series = canary.get(bound.metric());
            if (bound.track() != Track.CANARY || series == null) {
                continue;
            }
            int last = -1;
            for (int i = 0; i < series.samples() && series.millisAt(i) <= limit; i++) {
                if (!Double.isNaN(series.valueAt(i))) {
                    last = i;
                }
            }
            if (last < 0 || !bound.breachedBy(series.valueAt(last))) {
                continue;
            }
            int first = last;
            for (int i = last - 1; i >= 0; i--) {
                double v = series.valueAt(i);
                if (Double.isNaN(v)) {
                    continue; // a sample without a value neither breaks nor starts the run
                }
                if (!bound.breachedBy(v)) {
                    break;
                }
                first = i;
            }
            Instant start = Instant.ofEpochMilli(series.millisAt(first));
            if (best == null || start.isBefore(best.at())) {
                best = new Moment(start, "the first canary " + bound.metric().key() + " sample beyond "
                        + bound.metric().format(bound.threshold()) + " (" + bound.source() + ": " + bound.condition()
                        + "): " + bound.metric().format(series.valueAt(first)));
            }
        }
        return Optional.ofNullable(best);
    }
}
