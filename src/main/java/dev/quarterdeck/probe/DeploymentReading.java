package dev.quarterdeck.probe;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployment as read from the cluster: its generations, replica counts, containers and the image IDs its
 * pods run ({@code registry/app@sha256:...}).
 */
public record DeploymentReading(
        String name,
        long generation,
        long observedGeneration,
        int specReplicas,
        int replicas,
        int updatedReplicas,
        int readyReplicas,
        int availableReplicas,
        boolean progressDeadlineExceeded,
        List<Container> containers,
        List<String> podImageIds) {

    /** One container of the pod template: its image and its plainly valued environment variables. */
    public record Container(String name, String image, Map<String, String> environment) {
        public Container {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(image, "image");
            environment = Map.copyOf(environment);
        }
    }

    /** Where a rollout stands, by kubectl's rule. */
    public enum Rollout {
        COMPLETE,
        PROGRESSING,
        FAILED
    }

    public DeploymentReading {
        Objects.requireNonNull(name, "name");
        containers = List.copyOf(containers);
        podImageIds = List.copyOf(podImageIds);
    }

    /**
     * kubectl's {@code rollout status} rule: failed on ProgressDeadlineExceeded; complete when the observed
     * generation has caught up, every replica is updated, no old replica remains and all updated ones are
     * available; progressing otherwise.
     */
    public Rollout rollout() {
        if (progressDeadlineExceeded) {
            return Rollout.FAILED;
        }
        boolean complete = observedGeneration >= generation
                && updatedReplicas == specReplicas
                && replicas == updatedReplicas
                && availableReplicas >= updatedReplicas;
        return complete ? Rollout.COMPLETE : Rollout.PROGRESSING;
    }

    /** What kubectl would print while waiting: "2 of 3 updated replicas are available". */
    public String rolloutProgress() {
        if (progressDeadlineExceeded) {
            return "deployment \"" + name + "\" exceeded its progress deadline";
        }
        if (observedGeneration < generation) {
            return "waiting for the deployment spec update to be observed";
        }
        if (updatedReplicas < specReplicas) {
            return updatedReplicas + " out of " + specReplicas + " new replicas have been updated";
        }
        if (replicas > updatedReplicas) {
            return (replicas - updatedReplicas) + " old replicas are pending termination";
        }
        if (availableReplicas < updatedReplicas) {
            return availableReplicas + " of " + updatedReplicas + " updated replicas are available";
        }
        return "successfully rolled out";
    }

    /** The named container, or the only one when no name is given. */
    public Optional<Container> container(Optional<String> containerName) {
        if (containerName.isPresent()) {
            return containers.stream().filter(c -> c.name().equals(containerName.get())).findFirst();
        }
        return containers.size() == 1 ? Optional.of(containers.get(0)) : Optional.empty();
    }
}
