package dev.quarterdeck.plan;

import java.util.List;
import java.util.Map;

/**
 * What the rest of a plan needs of its environments, checked once all are read: a service a probe calls, a
 * Prometheus for Prometheus probes and gates, a query for every gate metric, a Kubernetes API for Kubernetes
 * probes and rollback steps, a canary router for steps that move traffic.
 */
final class EnvironmentNeeds {
    private final Problems problems;
    private final List<Environment> environments;

    EnvironmentNeeds(Problems problems, List<Environment> environments) {
        this.problems = problems;
        this.environments = environments;
    }

    void check(List<ProbeBinder.Need> probeNeeds, List<ConditionBinder.MetricUse> gateMetrics, List<Location> kubeSteps) {
        for (ProbeBinder.Need need : probeNeeds) {
            for (Environment env : environments) {
                if (need.environments().isEmpty() || need.environments().contains(env.name())) {
                    check(need, env);
                }
            }
        }
        for (ConditionBinder.MetricUse use : gateMetrics) {
            for (Environment env : environments) {
                if (env.metrics() instanceof MetricsSpec.None) {
                    problems.add(use.at(), "a condition judges " + use.metric().key() + ", but environment '" + env.name()
                            + "' has no metrics: add metrics.prometheus, or scrape its stable and canary services");
                } else if (env.metrics() instanceof MetricsSpec.Prometheus p && !p.queries().containsKey(use.metric())) {
                    problems.add(use.at(), "a condition judges " + use.metric().key() + ", but environment '" + env.name()
                            + "' has no query for it under metrics.prometheus.queries");
                }
            }
        }
        for (Location step : kubeSteps) {
            for (Environment env : environments) {
                if (!EnvironmentBinder.inKubernetes(env)) {
                    problems.add(step, "this step changes Kubernetes, but environment '" + env.name()
                            + "' is not in Kubernetes: give it a 'kubernetes' section (context, namespace)");
                }
            }
        }
    }

    /**
     * Environments without a canary router ({@code routerless}, by name, with where their router was written)
     * cannot run a step that moves traffic, nor the default rollback (canary weight to 0) when the plan has no
     * rollback section.
     */
    void checkTraffic(Map<String, Location> routerless, List<Location> trafficSteps, boolean rollbackWritten) {
        for (Location step : trafficSteps) {
            for (String env : routerless.keySet()) {
                problems.add(step, "this step moves canary traffic, but environment '" + env + "' has no canary "
                        + "router (traffic: none)");
            }
        }
        if (!rollbackWritten) {
            routerless.forEach((env, at) -> problems.add(at, "environment '" + env + "' has no canary router, so "
                    + "the default rollback (canary weight to 0) cannot run there: say what rolling back does under "
                    + "'rollback', such as {rolloutUndo: api}"));
        }
    }

    private void check(ProbeBinder.Need need, Environment env) {
        if (need instanceof ProbeBinder.Need.Service s) {
            var offered = EnvironmentBinder.servicesOf(env);
            if (!offered.contains(s.service())) {
                problems.add(s.at(), "probe '" + s.probe() + "' checks service '" + s.service()
                        + "', which environment '" + env.name() + "' does not bind (it has: "
                        + (offered.isEmpty() ? "no services" : String.join(", ", offered.stream().sorted().toList()))
                        + ")");
            }
        } else if (need instanceof ProbeBinder.Need.Prometheus) {
            if (!(env.metrics() instanceof MetricsSpec.Prometheus)) {
                problems.add(need.at(), "probe '" + need.probe() + "' asks Prometheus, but environment '" + env.name()
                        + "' has no metrics.prometheus; limit the probe with 'environments' or add one");
            }
        } else if (!EnvironmentBinder.inKubernetes(env)) {
            problems.add(need.at(), "probe '" + need.probe() + "' checks Kubernetes, but environment '" + env.name()
                    + "' is not in Kubernetes; limit the probe with 'environments' or give the environment a "
                    + "'kubernetes' section");
        }
    }
}
