package dev.quarterdeck.plan;

import java.util.Objects;

/** Who and what a plan is for. {@code description} may be empty. */
public record Metadata(String name, String version, String owner, String description) {
    public Metadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(owner, "owner");
        description = description == null ? "" : description;
    }
}
