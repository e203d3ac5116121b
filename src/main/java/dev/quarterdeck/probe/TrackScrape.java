package dev.quarterdeck.probe;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What one scrape of one track said, cut down to the two families the canary metrics use: the requests
 * counter and the latency histogram's buckets, each keyed by its label set. Keeping only these bounds the
 * window's memory by the number of scrapes, not by the size of the target's page.
 */
record TrackScrape(Instant at, Map<Map<String, String>, Double> requests, Map<Map<String, String>, Double> buckets) {

    TrackScrape {
        requests = Map.copyOf(requests);
        buckets = Map.copyOf(buckets);
    }

    static TrackScrape read(Instant at, String page, String requestsCounter, String latencyHistogram)
            throws MalformedMetricsException {
        String bucketName = latencyHistogram + "_bucket";
        Map<Map<String, String>, Double> requests = new HashMap<>();
        Map<Map<String, String>, Double> buckets = new HashMap<>();
        MetricsText.parse(page, sample -> {
            // A series repeated on one page keeps its first value, as Prometheus keeps the first sample.
            if (sample.name().equals(requestsCounter)) {
                requests.putIfAbsent(sample.labels(), sample.value());
            } else if (sample.name().equals(bucketName)) {
                buckets.putIfAbsent(sample.labels(), sample.value());
            }
        });
        return new TrackScrape(at, requests, buckets);
    }
}
