package dev.quarterdeck.traffic.adapter.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A deployment's rollout history as kubectl reads it: the ReplicaSets it controls (by owner reference), each
 * a revision numbered by the {@code deployment.kubernetes.io/revision} annotation; and what {@code kubectl
 * rollout undo} writes back: the previous revision's pod template without the {@code pod-template-hash}
 * label, with that ReplicaSet's annotations.
 */
final class RolloutHistory {
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String HASH_LABEL = "pod-template-hash";
    /**
     * Which revision an undo by Quarterdeck went back from. The deployment controller renumbers the restored
     * ReplicaSet as the newest revision, after which kubectl's "previous" is the bad one again: this lets a
     * second undo (a retried rollback) see that it is done instead of undoing the undo.
     */
    static final String UNDONE_REVISION = "quarterdeck.dev/undone-revision";
    /** kubectl's annotationsToSkip: these stay as the deployment has them; the rest come from the revision. */
    private static final Set<String> DEPLOYMENT_OWN_ANNOTATIONS = Set.of(
            "kubectl.kubernetes.io/last-applied-configuration", REVISION, "deployment.kubernetes.io/revision-history",
            "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas",
            "deprecated.deployment.rollback.to");

    /** One revision: its number and its ReplicaSet. */
    record Revision(long number, ReplicaSet replicaSet) {
        PodTemplateSpec template() {
            return replicaSet.getSpec() == null ? null : replicaSet.getSpec().getTemplate();
        }
    }

    private final Deployment deployment;
    private final List<Revision> newestFirst;
    private final KubernetesSerialization serialization;

    private RolloutHistory(Deployment deployment, List<Revision> newestFirst, KubernetesSerialization serialization) {
        this.deployment = deployment;
        this.newestFirst = newestFirst;
        this.serialization = serialization;
    }

    /** The revisions among {@code replicaSets} that {@code deployment} controls; others are ignored. */
    static RolloutHistory of(Deployment deployment, List<ReplicaSet> replicaSets,
            KubernetesSerialization serialization) {
        String uid = deployment.getMetadata().getUid();
        List<Revision> revisions = replicaSets.stream()
                .filter(rs -> controlledBy(rs, uid))
                .flatMap(rs -> revision(rs).map(n -> new Revision(n, rs)).stream())
                .sorted(Comparator.comparingLong(Revision::number).reversed())
                .toList();
        return new RolloutHistory(deployment, revisions, serialization);
    }

    Optional<Revision> latest() {
        return newestFirst.isEmpty() ? Optional.empty() : Optional.of(newestFirst.get(0));
    }

    /** kubectl's target for an undo: the second newest revision. */
    Optional<Revision> previous() {
        return newestFirst.size() < 2 ? Optional.empty() : Optional.of(newestFirst.get(1));
    }

    /** "revisions 2, 1" or "no ReplicaSets", for messages. */
    String describe() {
        if (newestFirst.isEmpty()) {
            return "no ReplicaSets with a revision are owned by it";
        }
        return (newestFirst.size() == 1 ? "only revision " : "revisions ")
                + newestFirst.stream().map(r -> Long.toString(r.number())).collect(Collectors.joining(", "));
    }

    /**
     * Whether the deployment already runs what an undo would give: kubectl's own "skipped rollback" (the
     * template is the previous revision's), or an undo of ours the controller has since renumbered.
     */
    boolean undoHolds(Revision previous) {
        if (sameTemplate(previous.template(), deployment.getSpec().getTemplate())) {
            return true;
        }
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        String undone = annotations == null ? null : annotations.get(UNDONE_REVISION);
        Revision latest = newestFirst.get(0);
        return Long.toString(previous.number()).equals(undone)
                && sameTemplate(latest.template(), deployment.getSpec().getTemplate());
    }

    /** The previous revision's pod template, as the deployment should carry it: no {@code pod-template-hash}. */
    JsonNode templateOf(Revision revision) {
        return withoutHash(revision.template());
    }

    /** kubectl's annotations after an undo, plus which revision was undone. */
    Map<String, String> annotationsAfterUndo(Revision previous, Revision undone) {
        Map<String, String> result = new LinkedHashMap<>();
        Map<String, String> own = deployment.getMetadata().getAnnotations();
        if (own != null) {
            own.forEach((k, v) -> {
                if (DEPLOYMENT_OWN_ANNOTATIONS.contains(k)) {
                    result.put(k, v);
                }
            });
        }
        Map<String, String> fromRevision = previous.replicaSet().getMetadata().getAnnotations();
        if (fromRevision != null) {
            fromRevision.forEach((k, v) -> {
                if (!DEPLOYMENT_OWN_ANNOTATIONS.contains(k)) {
                    result.put(k, v);
                }
            });
        }
        result.put(UNDONE_REVISION, Long.toString(undone.number()));
        return result;
    }

    private boolean sameTemplate(PodTemplateSpec a, PodTemplateSpec b) {
        return withoutHash(a).equals(withoutHash(b));
    }

    private JsonNode withoutHash(PodTemplateSpec template) {
        JsonNode node = template == null ? JsonPatch.object() : serialization.convertValue(template, JsonNode.class);
        JsonNode copy = node.deepCopy();
        JsonNode metadata = copy.path("metadata");
        if (metadata instanceof ObjectNode meta && meta.path("labels") instanceof ObjectNode labels) {
            labels.remove(HASH_LABEL);
            if (labels.isEmpty()) {
                meta.remove("labels");
            }
        }
        return copy;
    }

    private static boolean controlledBy(ReplicaSet rs, String uid) {
        List<OwnerReference> owners = rs.getMetadata().getOwnerReferences();
        return uid != null && owners != null && owners.stream()
                .anyMatch(o -> Boolean.TRUE.equals(o.getController()) && uid.equals(o.getUid()));
    }

    private static Optional<Long> revision(ReplicaSet rs) {
        Map<String, String> annotations = rs.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(REVISION);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty(); // kubectl skips a ReplicaSet whose revision it cannot read, and so do we
        }
    }
}
