package dev.quarterdeck.rollout;

import dev.quarterdeck.probe.ClusterState;
import dev.quarterdeck.probe.ProbeTask;
import dev.quarterdeck.traffic.AccessReview;
import dev.quarterdeck.traffic.EnvironmentLease;
import dev.quarterdeck.traffic.TrafficRouter;
import dev.quarterdeck.traffic.Workloads;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine can reach in one environment, all behind ports: the router always; the Kubernetes parts
 * (workloads to change, state to read, an access review, a lease) when the environment is in Kubernetes; and
 * the plan's probes by id, for rollback steps that run them.
 */
public record EnvironmentPorts(
        TrafficRouter router,
        Optional<Workloads> workloads,
        Optional<ClusterState> cluster,
        Optional<AccessReview> accessReview,
        Optional<EnvironmentLease> lease,
        Map<String, ProbeTask> probes) {

    public EnvironmentPorts {
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(workloads, "workloads");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(accessReview, "accessReview");
        Objects.requireNonNull(lease, "lease");
        probes = Map.copyOf(probes);
    }

    /** An environment with nothing but a router, such as the sandbox. */
    public static EnvironmentPorts routerOnly(TrafficRouter router) {
        return new EnvironmentPorts(router, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of());
    }
}
