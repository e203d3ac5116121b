package dev.quarterdeck.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The good scrapes of one track inside the metrics window, oldest first, and the counter increases over
 * them. Bounded twice: by time (a scrape older than the window is dropped, the window being {@code (newest -
 * window, newest]} as a Prometheus range selector) and by count (so a caller ticking far faster than the
 * interval cannot grow it without limit). Kept in time order even when scrapes arrive out of order. Not
 * thread-safe: its owner serialises access.
 */
final class ScrapeWindow {
    private final Duration window;
    private final int maxScrapes;
    private final ArrayDeque<TrackScrape> scrapes = new ArrayDeque<>();

    ScrapeWindow(Duration window, int maxScrapes) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the metrics window must be positive, was " + window);
        }
        this.window = window;
        this.maxScrapes = Math.max(2, maxScrapes);
    }

    void add(TrackScrape scrape) {
        TrackScrape newest = scrapes.peekLast();
        if (newest == null || !scrape.at().isBefore(newest.at())) {
            scrapes.addLast(scrape);
        } else if (!scrape.at().isAfter(newest.at().minus(window))) {
            // The clock stepped back past the window: elapsed times across the step mean nothing.
            scrapes.clear();
            scrapes.addLast(scrape);
        } else {
            // Two scrapes finished out of order (a direct sample() beside a scheduled one): keep time order.
            ArrayDeque<TrackScrape> later = new ArrayDeque<>();
            while (!scrapes.isEmpty() && scrapes.peekLast().at().isAfter(scrape.at())) {
                later.addFirst(scrapes.removeLast());
            }
            scrapes.addLast(scrape);
            scrapes.addAll(later);
        }
        Instant cutoff = scrapes.peekLast().at().minus(window);
        while (scrapes.size() > maxScrapes || !scrapes.peekFirst().at().isAfter(cutoff)) {
            scrapes.removeFirst();
        }
    }

    int size() {
        return scrapes.size();
    }

    /** Time between the oldest and the newest scrape kept. */
    Duration span() {
        return scrapes.isEmpty() ? Duration.ZERO : Duration.between(scrapes.peekFirst().at(), scrapes.peekLast().at());
    }

    /** Whether any scrape in the window had a series of this family at all. */
    boolean exposes(Function<TrackScrape, Map<Map<String, String>, Double>> family) {
        return scrapes.stream().anyMatch(s -> !family.apply(s).isEmpty());
    }

    /** Whether any series of this family, in any scrape of the window, matches. */
    boolean anySeries(Function<TrackScrape, Map<Map<String, String>, Double>> family,
            Predicate<Map<String, String>> which) {
        return scrapes.stream().flatMap(s -> family.apply(s).keySet().stream()).anyMatch(which);
    }

    /**
     * The summed increase of the matching series of a family. A series present in fewer than two scrapes of
     * the window adds nothing, as in Prometheus, where a range with one sample has no rate.
     */
    Increase increase(Function<TrackScrape, Map<Map<String, String>, Double>> family,
            Predicate<Map<String, String>> which) {
        double total = 0;
        int counted = 0;
        for (Map.Entry<Map<String, String>, double[]> series : seriesValues(family).entrySet()) {
            if (which.test(series.getKey()) && series.getValue().length >= 2) {
                total += PrometheusMath.increase(series.getValue());
                counted++;
            }
        }
        return new Increase(total, counted);
    }

    /**
     * The histogram's bucket increases summed by {@code le}: the input of {@code histogram_quantile(q, sum by
     * (le) (rate(x_bucket[w])))}. Series whose {@code le} is missing or not a number are skipped, as
     * Prometheus skips them.
     */
    List<HistogramBucket> bucketIncreases() {
        Map<Double, Double> byBound = new HashMap<>();
        for (Map.Entry<Map<String, String>, double[]> series : seriesValues(TrackScrape::buckets).entrySet()) {
            String le = series.getKey().get("le");
            OptionalDouble bound = le == null ? OptionalDouble.empty() : MetricsText.parseValue(le);
            if (bound.isPresent() && series.getValue().length >= 2) {
                byBound.merge(bound.getAsDouble(), PrometheusMath.increase(series.getValue()), Double::sum);
            }
        }
        List<HistogramBucket> buckets = new ArrayList<>();
        byBound.forEach((bound, count) -> buckets.add(new HistogramBucket(bound, count)));
        return buckets;
    }

    private Map<Map<String, String>, double[]> seriesValues(
            Function<TrackScrape, Map<Map<String, String>, Double>> family) {
        Map<Map<String, String>, List<Double>> values = new LinkedHashMap<>();
        for (TrackScrape scrape : scrapes) {
            family.apply(scrape).forEach((labels, v) -> values.computeIfAbsent(labels, k -> new ArrayList<>()).add(v));
        }
        Map<Map<String, String>, double[]> arrays = new LinkedHashMap<>();
        values.forEach((labels, list) -> arrays.put(labels, list.stream().mapToDouble(Double::doubleValue).toArray()));
        return arrays;
    }

    /** A summed increase and how many series made it up. */
    record Increase(double value, int series) {}
}
