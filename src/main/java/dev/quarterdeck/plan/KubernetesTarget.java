package dev.quarterdeck.plan;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an environment lives in Kubernetes: a kubeconfig context (the current one when empty) and a
 * namespace (the context's when empty). {@code deployments} names the environment's workloads by role, such
 * as {@code stable: checkout} and {@code canary: checkout-canary}: their running images are the versions
 * shown in the console and, at session start, the last known good a rollback returns to.
 * The kubeconfig itself comes from {@code KUBECONFIG} or {@code ~/.kube/config}, never from the plan.
 */
public record KubernetesTarget(Optional<String> context, Optional<String> namespace, Map<String, String> deployments) {
    public KubernetesTarget {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(namespace, "namespace");
        deployments = Map.copyOf(deployments);
    }
}
