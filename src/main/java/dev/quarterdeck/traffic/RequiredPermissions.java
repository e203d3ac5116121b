package dev.quarterdeck.traffic;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.ProbeSpec.KubernetesCheck;
import dev.quarterdeck.plan.RollbackPlan;
import dev.quarterdeck.plan.Action;
import dev.quarterdeck.plan.TrafficSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a plan will do in an environment's namespace, as Kubernetes permissions, for the preflight check
 * ({@link AccessReview}) before anything is tried: the traffic router's reads and writes, the environment
 * lease, the running versions shown in the console, every rollback step and every Kubernetes probe. Each
 * permission appears once, its purpose naming everything that needs it, so a captain reading "denied" knows
 * which step would have failed mid-rollback.
 */
public final class RequiredPermissions {
    private static final String APPS = "apps";
    private static final String CORE = "";

    private final String namespace;
    private final Map<Key, Set<String>> purposes = new LinkedHashMap<>();

    private record Key(String verb, String group, String resource) {}

    private RequiredPermissions(String namespace) {
        this.namespace = namespace;
    }

    /** The permissions, in the order first needed: router, lease, running versions, rollback, probes. */
    public static List<Permission> of(Environment environment, RollbackPlan rollback, List<Probe> probes,
            String namespace) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(rollback, "rollback");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(namespace, "namespace");
        RequiredPermissions needed = new RequiredPermissions(namespace);
        needed.router(environment.traffic(), routerName(environment.traffic()));
        if (environment.kubernetes().isPresent()) {
            String lease = "environment lease: one console drives " + environment.name();
            needed.add("get", "coordination.k8s.io", "leases", lease + " (see who holds it)");
            needed.add("create", "coordination.k8s.io", "leases", lease + " (take it the first time)");
            needed.add("update", "coordination.k8s.io", "leases", lease + " (take over, renew, release)");
            // Their images are the versions the console shows and, at session start, the last known good.
            environment.kubernetes().get().deployments().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(role -> needed.readDeployment(
                            "running version of " + role.getKey() + " (deployment " + role.getValue() + ")"));
        }
        for (Action step : rollback.steps()) {
            needed.rollbackStep(step, environment.traffic());
        }
        for (Probe probe : probes) {
            if (probe.appliesTo(environment.name()) && probe.spec() instanceof ProbeSpec.Kubernetes kubernetes) {
                needed.probe(probe.id(), kubernetes.check());
            }
        }
        return needed.permissions();
    }

    private void router(TrafficSpec traffic, String purpose) {
        if (traffic instanceof TrafficSpec.IngressNginx nginx) {
            String canary = "Ingress " + nginx.canaryIngress();
            add("get", "networking.k8s.io", "ingresses", purpose + ": read the canary weight of " + canary);
            add("patch", "networking.k8s.io", "ingresses", purpose + ": set the canary weight of " + canary);
            add("list", "networking.k8s.io", "ingresses", purpose + ": check the main Ingress "
                    + nginx.mainIngress().map(main -> main + " ").orElse("") + "matching " + canary);
        } else if (traffic instanceof TrafficSpec.GatewayApi gateway) {
            String route = "HTTPRoute " + gateway.route();
            add("get", "gateway.networking.k8s.io", "httproutes", purpose + ": read the backend weights of " + route);
            add("patch", "gateway.networking.k8s.io", "httproutes", purpose + ": set the backend weights of " + route);
        }
        // The sandbox and Kong are not reached through Kubernetes.
    }

    /** A weight change through the router: a read and a patch of what it routes with. */
    private void routerWrite(TrafficSpec traffic, String purpose) {
        if (traffic instanceof TrafficSpec.IngressNginx) {
            add("get", "networking.k8s.io", "ingresses", purpose);
            add("patch", "networking.k8s.io", "ingresses", purpose);
        } else if (traffic instanceof TrafficSpec.GatewayApi) {
            add("get", "gateway.networking.k8s.io", "httproutes", purpose);
            add("patch", "gateway.networking.k8s.io", "httproutes", purpose);
        }
    }

    private void rollbackStep(Action step, TrafficSpec traffic) {
        String purpose = "rollback: " + step.describe();
        if (step instanceof Action.SetWeight || step instanceof Action.DisableCanary) {
            routerWrite(traffic, purpose);
        } else if (step instanceof Action.SetImage || step instanceof Action.SetEnv
                || step instanceof Action.Scale) {
            changeDeployment(purpose);
        } else if (step instanceof Action.RolloutUndo) {
            changeDeployment(purpose);
            add("list", APPS, "replicasets", purpose + " (find the previous revision)");
        } else if (step instanceof Action.WaitForRollout) {
            readDeployment(purpose);
        } else if (step instanceof Action.SuspendCronJob) {
            add("get", "batch", "cronjobs", purpose);
            add("patch", "batch", "cronjobs", purpose);
        }
        // RunProbes needs what its probes need (they are in the probe list); an Approval needs a person.
    }

    private void probe(String id, KubernetesCheck check) {
        String purpose = "probe " + id;
        if (check instanceof KubernetesCheck.RolloutComplete || check instanceof KubernetesCheck.Replicas
                || check instanceof KubernetesCheck.Image) {
            readDeployment(purpose);
        } else if (check instanceof KubernetesCheck.ReadyPods) {
            add("list", CORE, "pods", purpose);
        } else if (check instanceof KubernetesCheck.CronJobSuspended) {
            add("get", "batch", "cronjobs", purpose);
        } else if (check instanceof KubernetesCheck.SecretExists) {
            add("get", CORE, "secrets", purpose + " (metadata only)");
        }
    }

    private void changeDeployment(String purpose) {
        add("get", APPS, "deployments", purpose);
        add("patch", APPS, "deployments", purpose);
    }

    /** A deployment reading includes the image IDs its pods run, hence the pods. */
    private void readDeployment(String purpose) {
        add("get", APPS, "deployments", purpose);
        add("list", CORE, "pods", purpose + " (image IDs of its pods)");
    }

    private void add(String verb, String group, String resource, String purpose) {
        purposes.computeIfAbsent(new Key(verb, group, resource), k -> new LinkedHashSet<>()).add(purpose);
    }

    private List<Permission> permissions() {
        List<Permission> result = new ArrayList<>();
        purposes.forEach((key, why) -> result.add(
                new Permission(key.verb(), key.group(), key.resource(), namespace, String.join("; ", why))));
        return List.copyOf(result);
    }

    private static String routerName(TrafficSpec traffic) {
        return traffic.kind() + " router";
    }
}
