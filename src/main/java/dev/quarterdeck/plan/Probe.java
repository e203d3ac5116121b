package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A check that runs by itself on an interval; automatic checklist items name one.
 * Probes reference services by name so one plan serves every environment. {@code environments} limits the
 * probe to some environments; empty means all.
 */
public record Probe(String id, Duration interval, Duration timeout, ProbeSpec spec, List<String> environments) {
    public Probe {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(spec, "spec");
        environments = List.copyOf(environments);
    }

    /** A probe for every environment. */
    public Probe(String id, Duration interval, Duration timeout, ProbeSpec spec) {
        this(id, interval, timeout, spec, List.of());
    }

    public boolean appliesTo(String environment) {
        return environments.isEmpty() || environments.contains(environment);
    }
}
