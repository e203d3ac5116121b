package dev.quarterdeck.rollout;

import dev.quarterdeck.probe.ClusterReadException;
import dev.quarterdeck.probe.ClusterState;
import dev.quarterdeck.probe.DeploymentReading;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.Workloads;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory cluster for engine tests of rollback semantics (verification, retries, waiting with a virtual
 * clock). The Kubernetes adapters themselves are tested against a real API server (KubernetesTestCluster).
 * A deployment's rollout completes after a scripted number of reads following each change.
 */
final class ScriptedCluster implements Workloads, ClusterState {
    private final Map<String, Map<String, String>> images = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> env = new HashMap<>();
    private final Map<String, Integer> replicas = new HashMap<>();
    private final Map<String, Boolean> cronJobs = new HashMap<>();
    private final Map<String, Integer> readsUntilRolledOut = new HashMap<>();
    private final Deque<Map.Entry<String, ActionException>> writeFailures = new ArrayDeque<>();
    private final List<String> writes = new ArrayList<>();
    private int readsPerRollout;
    private boolean deadlineExceeded;

    ScriptedCluster deployment(String name, String container, String image) {
        images.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(container, image);
        replicas.put(name, 3);
        env.put(name, new HashMap<>());
        return this;
    }

    ScriptedCluster cronJob(String name, boolean suspended) {
        cronJobs.put(name, suspended);
        return this;
    }

    /** After every change, a deployment reports PROGRESSING for this many reads. */
    ScriptedCluster rolloutTakes(int reads) {
        readsPerRollout = reads;
        return this;
    }

    /** The next write whose description starts with {@code write} (e.g. "scale checkout") fails so. */
    void failNextWrite(String write, ActionException failure) {
        writeFailures.add(Map.entry(write, failure));
    }

    void progressDeadlineExceeded() {
        deadlineExceeded = true;
    }

    List<String> writes() {
        return List.copyOf(writes);
    }

    String image(String deployment, String container) {
        return images.get(deployment).get(container);
    }

    private synchronized void write(String what, String deployment) throws ActionException {
        for (var failure : writeFailures) {
            if (what.startsWith(failure.getKey())) {
                writeFailures.remove(failure);
                throw failure.getValue();
            }
        }
        writes.add(what);
        if (deployment != null) {
            readsUntilRolledOut.put(deployment, readsPerRollout);
        }
    }

    @Override
    public synchronized void setImage(String deployment, Optional<String> container, String image)
            throws ActionException {
        write("setImage " + deployment + " " + image, deployment);
        Map<String, String> byContainer = images.get(deployment);
        byContainer.put(container.orElse(byContainer.keySet().iterator().next()), image);
    }

    @Override
    public synchronized void rolloutUndo(String deployment) throws ActionException {
        write("rolloutUndo " + deployment, deployment);
    }

    @Override
    public synchronized void setEnvironment(String deployment, Optional<String> container,
            Map<String, String> variables) throws ActionException {
        write("setEnv " + deployment + " " + new java.util.TreeMap<>(variables), deployment);
        env.get(deployment).putAll(variables);
    }

    @Override
    public synchronized void scale(String deployment, int count) throws ActionException {
        write("scale " + deployment + " " + count, deployment);
        replicas.put(deployment, count);
    }

    @Override
    public synchronized void setCronJobSuspended(String cronJob, boolean suspended) throws ActionException {
        write((suspended ? "suspend " : "resume ") + cronJob, null);
        cronJobs.put(cronJob, suspended);
    }

    @Override
    public synchronized DeploymentReading deployment(String name) throws ClusterReadException {
        Map<String, String> byContainer = images.get(name);
        if (byContainer == null) {
            throw new ClusterReadException("get deployments.apps/" + name + ": 404 Not Found", false, null);
        }
        int left = readsUntilRolledOut.getOrDefault(name, 0);
        readsUntilRolledOut.put(name, Math.max(0, left - 1));
        int spec = replicas.get(name);
        int updated = left > 0 ? Math.max(0, spec - left) : spec;
        List<DeploymentReading.Container> containers = new ArrayList<>();
        byContainer.forEach((c, image) -> containers.add(new DeploymentReading.Container(c, image, env.get(name))));
        return new DeploymentReading(name, 2, 2, spec, spec, updated, updated, updated, deadlineExceeded, containers,
                List.of());
    }

    @Override
    public synchronized boolean cronJobSuspended(String name) {
        return cronJobs.getOrDefault(name, false);
    }

    @Override
    public boolean secretExists(String name) {
        return false;
    }

    @Override
    public PodCount pods(String labelSelector) {
        return new PodCount(0, 0);
    }
}
