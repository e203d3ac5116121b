package dev.quarterdeck.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the release checklist. Manual items are ticked by a person (with the evidence the item asks
 * for); automatic ones pass when their probe passes. {@code environments} limits the item to some
 * environments; empty means all.
 */
public record ChecklistItem(
        String id,
        String title,
        Phase phase,
        boolean required,
        Optional<String> probe,
        List<String> environments,
        Optional<Evidence> evidence) {
    public ChecklistItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(probe, "probe");
        environments = List.copyOf(environments);
        Objects.requireNonNull(evidence, "evidence");
    }

    /** An item without evidence requirements. */
    public ChecklistItem(String id, String title, Phase phase, boolean required, Optional<String> probe,
            List<String> environments) {
        this(id, title, phase, required, probe, environments, Optional.empty());
    }

    /** An item for every environment, without evidence requirements. */
    public ChecklistItem(String id, String title, Phase phase, boolean required, Optional<String> probe) {
        this(id, title, phase, required, probe, List.of(), Optional.empty());
    }

    public boolean automatic() {
        return probe.isPresent();
    }

    public boolean appliesTo(String environment) {
        return environments.isEmpty() || environments.contains(environment);
    }
}
