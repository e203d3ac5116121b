package dev.quarterdeck.probe;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One active alert as Prometheus lists it: its labels (the rule's name is {@code alertname}), annotations,
 * whether it is firing or still pending its {@code for:} duration, and since when it has been active.
 */
public record PrometheusAlert(Map<String, String> labels, Map<String, String> annotations, State state,
        Optional<Instant> activeAt) {

    /** Prometheus lists only active alerts: pending ones have held for less than the rule's {@code for:}. */
    public enum State {
        PENDING,
        FIRING
    }

    public PrometheusAlert {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(activeAt, "activeAt");
    }

    /** The rule's name, or an empty string for an alert without one. */
    public String name() {
        return labels.getOrDefault("alertname", "");
    }

    public boolean isFiring() {
        return state == State.FIRING;
    }

    /** True when every one of {@code wanted} is among this alert's labels with the same value. */
    public boolean hasAll(Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
