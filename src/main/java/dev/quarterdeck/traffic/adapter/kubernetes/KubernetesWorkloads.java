package dev.quarterdeck.traffic.adapter.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.Workloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@link Workloads} on a Kubernetes namespace through fabric8: deployments and CronJobs are read, changed in
 * memory and patched back locked to the resourceVersion read ({@link ReadModifyWrite}), so a concurrent edit
 * is never overwritten and asking for what already holds writes nothing. Needs {@code get} and {@code patch}
 * on deployments (and {@code list} replicasets for an undo) and on cronjobs; never reads a Secret.
 */
public final class KubernetesWorkloads implements Workloads {
    private static final String DEPLOYMENTS = "deployments.apps";
    private static final String CRONJOBS = "cronjobs.batch";

    private final KubernetesClient client;
    private final String namespace;

    public KubernetesWorkloads(KubernetesClient client, String namespace) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public void setImage(String deployment, Optional<String> container, String image) throws ActionException {
        Objects.requireNonNull(image, "image");
        if (image.isBlank()) {
            throw new ActionException("set image of " + deployment + ": the image is empty", false);
        }
        changeDeployment(deployment, current -> {
            int index = containerIndex(current, container);
            Container target = containers(current).get(index);
            JsonPatch patch = new JsonPatch();
            if (!image.equals(target.getImage())) {
                patch.set(JsonPatch.pointer("spec", "template", "spec", "containers", index, "image"), image);
            }
            return patch;
        });
    }

    @Override
    public void rolloutUndo(String deployment) throws ActionException {
        changeDeployment(deployment, current -> {
            if (Boolean.TRUE.equals(current.getSpec().getPaused())) {
                // As kubectl: an undo of a paused deployment would not roll out until someone resumes it.
                throw new ActionException("undo the rollout of deployment " + deployment + " in namespace "
                        + namespace + ": it is paused; resume it first", false);
            }
            RolloutHistory history = RolloutHistory.of(current, replicaSets(current),
                    client.getKubernetesSerialization());
            RolloutHistory.Revision previous = history.previous().orElseThrow(() -> new ActionException(
                    "undo the rollout of deployment " + deployment + " in namespace " + namespace
                            + ": no previous revision to go back to (" + history.describe() + ")", false));
            JsonPatch patch = new JsonPatch();
            if (history.undoHolds(previous)) {
                return patch;
            }
            RolloutHistory.Revision undone = history.latest().orElseThrow();
            patch.set("/spec/template", history.templateOf(previous));
            patch.set("/metadata/annotations", JsonPatch.mapper().valueToTree(
                    history.annotationsAfterUndo(previous, undone)));
            return patch;
        });
    }

    @Override
    public void setEnvironment(String deployment, Optional<String> container, Map<String, String> variables)
            throws ActionException {
        Map<String, String> wanted = new TreeMap<>(variables); // a stable order for the patch and for messages
        changeDeployment(deployment, current -> {
            int index = containerIndex(current, container);
            Container target = containers(current).get(index);
            List<EnvVar> env = target.getEnv() == null ? List.of() : target.getEnv();
            String envPath = JsonPatch.pointer("spec", "template", "spec", "containers", index, "env");
            JsonPatch patch = new JsonPatch();
            ArrayNode added = JsonPatch.mapper().createArrayNode();
            for (Map.Entry<String, String> variable : wanted.entrySet()) {
                int at = indexOf(env, variable.getKey());
                if (at < 0) {
                    added.addObject().put("name", variable.getKey()).put("value", variable.getValue());
                } else if (env.get(at).getValueFrom() != null) {
                    // Replacing a reference with a literal would change where the value comes from (a Secret,
                    // a ConfigMap); that is a different change than flipping a flag, so it is refused.
                    throw new ActionException("set " + variable.getKey() + " on " + deployment + "/"
                            + target.getName() + " in namespace " + namespace + ": it is set from a reference "
                            + "(valueFrom); Quarterdeck changes only plain values", false);
                } else if (!variable.getValue().equals(Objects.requireNonNullElse(env.get(at).getValue(), ""))) {
                    patch.set(envPath + "/" + at + "/value", variable.getValue());
                }
            }
            if (!added.isEmpty()) {
                // fabric8 reads an absent list as empty, so an empty one is set whole: that works either way.
                if (env.isEmpty()) {
                    patch.set(envPath, added);
                } else {
                    for (JsonNode variable : added) {
                        patch.append(envPath, variable);
                    }
                }
            }
            return patch;
        });
    }

    @Override
    public void scale(String deployment, int replicas) throws ActionException {
        if (replicas < 0) {
            throw new ActionException("scale " + deployment + ": replicas must be 0 or more, was " + replicas, false);
        }
        changeDeployment(deployment, current -> {
            // The API server defaults an absent spec.replicas to 1.
            int now = Objects.requireNonNullElse(current.getSpec().getReplicas(), 1);
            JsonPatch patch = new JsonPatch();
            return now == replicas ? patch : patch.set("/spec/replicas", replicas);
        });
    }

    @Override
    public void setCronJobSuspended(String cronJob, boolean suspended) throws ActionException {
        ReadModifyWrite.apply(client.batch().v1().cronjobs().inNamespace(namespace), cronJob,
                attempt("get", CRONJOBS, cronJob), attempt("patch", CRONJOBS, cronJob),
                current -> {
                    boolean now = current.getSpec() != null && Boolean.TRUE.equals(current.getSpec().getSuspend());
                    JsonPatch patch = new JsonPatch();
                    return now == suspended ? patch : patch.set("/spec/suspend", suspended);
                });
    }

    private void changeDeployment(String name, ReadModifyWrite.Change<Deployment> change) throws ActionException {
        ReadModifyWrite.apply(client.apps().deployments().inNamespace(namespace), name,
                attempt("get", DEPLOYMENTS, name), attempt("patch", DEPLOYMENTS, name), change);
    }

    private List<ReplicaSet> replicaSets(Deployment deployment) throws ActionException {
        try {
            // The selector narrows the list as kubectl's does; ownership is decided by owner reference.
            return client.apps().replicaSets().inNamespace(namespace)
                    .withLabelSelector(deployment.getSpec().getSelector()).list().getItems();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.action(attempt("list", "replicasets.apps", null), e);
        }
    }

    /** The named container, or the only one; otherwise a refusal that lists the containers there are. */
    private int containerIndex(Deployment deployment, Optional<String> container) throws ActionException {
        List<Container> containers = containers(deployment);
        String names = containers.stream().map(Container::getName).collect(Collectors.joining(", "));
        String where = "deployment " + deployment.getMetadata().getName() + " in namespace " + namespace;
        if (container.isPresent()) {
            for (int i = 0; i < containers.size(); i++) {
                if (container.get().equals(containers.get(i).getName())) {
                    return i;
                }
            }
            throw new ActionException(where + " has no container '" + container.get() + "'; its containers are: "
                    + names, false);
        }
        if (containers.size() != 1) {
            throw new ActionException(where + " has " + containers.size() + " containers (" + names
                    + "): the plan must name one", false);
        }
        return 0;
    }

    private static List<Container> containers(Deployment deployment) {
        if (deployment.getSpec() == null || deployment.getSpec().getTemplate() == null
                || deployment.getSpec().getTemplate().getSpec() == null
                || deployment.getSpec().getTemplate().getSpec().getContainers() == null) {
            return new ArrayList<>();
        }
        return deployment.getSpec().getTemplate().getSpec().getContainers();
    }

    private static int indexOf(List<EnvVar> env, String name) {
        for (int i = 0; i < env.size(); i++) {
            if (name.equals(env.get(i).getName())) {
                return i;
            }
        }
        return -1;
    }

    private KubernetesErrors.Attempt attempt(String verb, String resource, String name) {
        return new KubernetesErrors.Attempt(verb, resource, name, namespace);
    }
}
