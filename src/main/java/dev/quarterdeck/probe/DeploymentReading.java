package dev.quarterdeck.probe;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployment as read from the cluster: its generations, replica counts, containers and the image IDs its
 * pods run ({@code registry/app@sha256:...}). {@code runningImages} says which container of which pod runs
 * which image ID, so a digest check can look at the application container and not at a sidecar's;
 * {@code podImageIds} is the same image IDs without that detail.
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
        List<String> podImageIds,
        List<RunningImage> runningImages) {

    /** One container of the pod template: its image and its plainly valued environment variables. */
    public record Container(String name, String image, Map<String, String> environment) {
        public Container {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(image, "image");
            environment = Map.copyOf(environment);
        }
    }

    /**
     * One container of one pod, as the kubelet reports it: the image ID it runs ({@code status.containerStatuses[]
     * .imageID}, e.g. {@code gcr.io/x/api@sha256:...}); empty while the container has not started.
     */
    public record RunningImage(String pod, String container, String imageId) {
        public RunningImage {
            Objects.requireNonNull(pod, "pod");
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(imageId, "imageId");
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
        runningImages = List.copyOf(runningImages);
    }

    /** A reading that knows the pods' image IDs but not which container runs which. */
    public DeploymentReading(String name, long generation, long observedGeneration, int specReplicas, int replicas,
            int updatedReplicas, int readyReplicas, int availableReplicas, boolean progressDeadlineExceeded,
            List<Container> containers, List<String> podImageIds) {
        this(name, generation, observedGeneration, specReplicas, replicas, updatedReplicas, readyReplicas,
                availableReplicas, progressDeadlineExceeded, containers, podImageIds, List.of());
    }

    /**
     * The image IDs the pods run for one container, one per pod that has it; all of {@link #podImageIds()}
     * when the reading does not say which container runs which.
     */
    public List<String> imageIdsOf(String container) {
        if (runningImages.isEmpty()) {
            return podImageIds;
        }
        return runningImages.stream().filter(r -> r.container().equals(container)).map(RunningImage::imageId)
                .toList();
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
