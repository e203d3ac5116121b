package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recent metric samples of both tracks, as far back as the longest gate window needs. Engine thread only.
 */
final class SampleHistory {
    private final Duration keep;
    private final Map<Track, Map<Metric, Deque<MetricSample>>> series = new EnumMap<>(Track.class);

    SampleHistory(Duration keep) {
        this.keep = keep;
        for (Track track : Track.values()) {
            series.put(track, new EnumMap<>(Metric.class));
        }
    }

    void add(MetricSample sample) {
        Deque<MetricSample> deque = series.get(sample.track()).computeIfAbsent(sample.metric(), m -> new ArrayDeque<>());
        deque.addLast(sample);
        Instant horizon = sample.at().minus(keep);
        while (!deque.isEmpty() && deque.peekFirst().at().isBefore(horizon)) {
            deque.removeFirst();
        }
    }

    /** The newest sample of a track's metric taken at or after {@code since}, if any. */
    Optional<MetricSample> latest(Track track, Metric metric, Instant since) {
        Deque<MetricSample> deque = series.get(track).get(metric);
        if (deque == null || deque.isEmpty() || deque.peekLast().at().isBefore(since)) {
            return Optional.empty();
        }
        return Optional.of(deque.peekLast());
    }

    /** The values (samples with a value) of a track's metric taken in [from, to]. */
    double[] values(Track track, Metric metric, Instant from, Instant to) {
        Deque<MetricSample> deque = series.get(track).get(metric);
        if (deque == null) {
            return new double[0];
        }
        List<Double> out = new ArrayList<>();
        for (MetricSample s : deque) {
            if (!s.at().isBefore(from) && !s.at().isAfter(to) && s.hasValue()) {
                out.add(s.value());
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** When the newest sample of any of these metrics (either track) was taken, if any. */
    Optional<Instant> newest(Iterable<Metric> metrics) {
        Instant newest = null;
        for (Track track : Track.values()) {
            for (Metric metric : metrics) {
                Deque<MetricSample> deque = series.get(track).get(metric);
                if (deque != null && !deque.isEmpty() && (newest == null || deque.peekLast().at().isAfter(newest))) {
                    newest = deque.peekLast().at();
                }
            }
        }
        return Optional.ofNullable(newest);
    }
}
