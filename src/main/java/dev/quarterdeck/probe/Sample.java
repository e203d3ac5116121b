package dev.quarterdeck.probe;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One sample of a scraped {@code /metrics} page: {@code http_requests_total{code="500"} 3}. Labels are kept
 * sorted by name so that a series prints the same way in every message.
 */
public record Sample(String name, Map<String, String> labels, double value) {
    public Sample {
        Objects.requireNonNull(name, "name");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public Optional<String> label(String labelName) {
        return Optional.ofNullable(labels.get(labelName));
    }
}
