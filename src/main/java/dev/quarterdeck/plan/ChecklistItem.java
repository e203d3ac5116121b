package dev.quarterdeck.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of the release checklist. Manual items are ticked by a person; automatic ones pass when their
 * probe passes.
 */
public record ChecklistItem(String id, String title, Phase phase, boolean required, Optional<String> probe) {
    public ChecklistItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(probe, "probe");
    }

    public boolean automatic() {
        return probe.isPresent();
    }
}
