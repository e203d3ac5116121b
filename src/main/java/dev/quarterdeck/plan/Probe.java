package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * A check that runs by itself on an interval; automatic checklist items name one.
 * Probes reference services by name so one plan serves every environment.
 */
public record Probe(String id, Duration interval, Duration timeout, ProbeSpec spec) {
    public Probe {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(spec, "spec");
    }
}
