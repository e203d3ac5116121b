package dev.quarterdeck.rollout;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images each deployment's containers ran when the session started: where a rollback's
 * {@code setImage: last-known-good} returns to. Written at session start, read by the rollback lane.
 */
final class LastKnownGood {
    private final Map<String, Map<String, String>> images = new ConcurrentHashMap<>();

    void record(String deployment, Map<String, String> containerImages) {
        images.putIfAbsent(deployment, Map.copyOf(containerImages));
    }

    /** The image of the named container (or of the only one), if the session saw it at start. */
    Optional<String> image(String deployment, Optional<String> container) {
        Map<String, String> byContainer = images.get(deployment);
        if (byContainer == null) {
            return Optional.empty();
        }
        if (container.isPresent()) {
            return Optional.ofNullable(byContainer.get(container.get()));
        }
        return byContainer.size() == 1 ? Optional.of(byContainer.values().iterator().next()) : Optional.empty();
    }

    boolean knows(String deployment) {
        return images.containsKey(deployment);
    }
}
