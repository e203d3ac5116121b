package dev.quarterdeck.cli;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.KubernetesTarget;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.probe.AlertsProbe;
import dev.quarterdeck.probe.ClusterState;
import dev.quarterdeck.probe.EnvironmentVariablesProbe;
import dev.quarterdeck.probe.HttpProbe;
import dev.quarterdeck.probe.HttpTransport;
import dev.quarterdeck.probe.KubernetesProbe;
import dev.quarterdeck.probe.PrometheusApi;
import dev.quarterdeck.probe.PrometheusMetricsSource;
import dev.quarterdeck.probe.PrometheusQueryProbe;
import dev.quarterdeck.probe.ProbeTask;
import dev.quarterdeck.probe.ScrapeMetricsSource;
import dev.quarterdeck.probe.adapter.InsecureTls;
import dev.quarterdeck.probe.adapter.OkHttpTransport;
import dev.quarterdeck.probe.adapter.prometheus.PrometheusHttpApi;
import dev.quarterdeck.rollout.EnvironmentPorts;
import dev.quarterdeck.sandbox.RemoteSandbox;
import dev.quarterdeck.sandbox.Sandbox;
import dev.quarterdeck.sandbox.SandboxConfig;
import dev.quarterdeck.sandbox.SandboxControl;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.AccessReview;
import dev.quarterdeck.traffic.EnvironmentLease;
import dev.quarterdeck.traffic.NoCanaryRouter;
import dev.quarterdeck.traffic.Permission;
import dev.quarterdeck.traffic.RequiredPermissions;
import dev.quarterdeck.traffic.TrafficRouter;
import dev.quarterdeck.traffic.Workloads;
import dev.quarterdeck.traffic.adapter.SandboxTrafficRouter;
import dev.quarterdeck.traffic.adapter.kong.KongRouter;
import dev.quarterdeck.traffic.adapter.kubernetes.GatewayApiRouter;
import dev.quarterdeck.traffic.adapter.kubernetes.IngressNginxRouter;
import dev.quarterdeck.traffic.adapter.kubernetes.KubernetesAccessReview;
import dev.quarterdeck.traffic.adapter.kubernetes.KubernetesClusterState;
import dev.quarterdeck.traffic.adapter.kubernetes.KubernetesConnection;
import dev.quarterdeck.traffic.adapter.kubernetes.KubernetesLease;
import dev.quarterdeck.traffic.adapter.kubernetes.KubernetesWorkloads;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import dev.quarterdeck.session.SessionEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * The adapters of one environment, built from its section of the plan and reached only through ports: the
 * router of its kind, the Kubernetes connection and what it serves (workloads, state, access review, lease),
 * Prometheus, the plan's probes and the metrics source. For the embedded sandbox, the sandbox itself.
 */
final class EnvironmentAdapters implements AutoCloseable {
    private final Environment environment;
    private final EnvironmentPorts ports;
    private final HttpTransport transport;
    private final Optional<KubernetesConnection> kubernetes;
    private final Optional<SandboxControl> sandbox;
    private final List<ProbeTask> metrics;
    private final Optional<PrometheusMetricsSource> prometheusMetrics;
    private final List<Permission> requiredPermissions;
    private final List<String> insecureEndpoints;
    private final Deque<AutoCloseable> toClose;

    private EnvironmentAdapters(Environment environment, EnvironmentPorts ports, HttpTransport transport,
            Optional<KubernetesConnection> kubernetes, Optional<SandboxControl> sandbox, List<ProbeTask> metrics,
            Optional<PrometheusMetricsSource> prometheusMetrics, List<Permission> requiredPermissions,
            List<String> insecureEndpoints, Deque<AutoCloseable> toClose) {
        this.environment = environment;
        this.ports = ports;
        this.transport = transport;
        this.kubernetes = kubernetes;
        this.sandbox = sandbox;
        this.metrics = metrics;
        this.prometheusMetrics = prometheusMetrics;
        this.requiredPermissions = requiredPermissions;
        this.insecureEndpoints = insecureEndpoints;
        this.toClose = toClose;
    }

    /**
     * Builds everything the environment needs. {@code shared} is the application's HTTP client; environments
     * with {@code insecureTls} get a separate one that skips verification. {@code variables} and {@code home}
     * are where secrets and the kubeconfig come from (System.getenv and user.home outside tests).
     */
    static EnvironmentAdapters open(ReleasePlan plan, Environment declared, Clock clock, OkHttpClient shared,
            Map<String, String> variables, Path home) throws IOException, ActionException {
        Deque<AutoCloseable> toClose = new ArrayDeque<>();
        try {
            OkHttpClient http = declared.insecureTls() ? InsecureTls.apply(shared.newBuilder()).build() : shared;
            HttpTransport transport = new OkHttpTransport(http);
            Function<String, String> env = variables::get;
            // Service URLs written as ${env:NAME} are bound now, from the same variables secrets come from.
            Environment environment = declared.bindVariables(env);
            Optional<SandboxControl> sandbox = Optional.empty();
            Optional<KubernetesConnection> kubernetes = Optional.empty();
            if (declared.kubernetes().isPresent() || declared.traffic() instanceof TrafficSpec.IngressNginx
                    || declared.traffic() instanceof TrafficSpec.GatewayApi) {
                KubernetesTarget target = declared.kubernetes()
                        .orElse(new KubernetesTarget(Optional.empty(), Optional.empty(), Map.of()));
                KubernetesConnection connection = KubernetesConnection.open(target, variables, home);
                toClose.push(connection);
                kubernetes = Optional.of(connection);
            }

            TrafficRouter router;
            TrafficSpec traffic = declared.traffic();
            if (traffic instanceof TrafficSpec.Sandbox spec) {
                URI admin;
                if (spec.embedded()) {
                    Sandbox started = Sandbox.start(SandboxConfig.defaults()
                            .withRequestsPerSecond(spec.requestsPerSecond()));
                    toClose.push(started);
                    environment = environment.withServices(started.services());
                    admin = started.adminUrl();
                    sandbox = Optional.of(started);
                } else {
                    admin = spec.adminUrl().orElseThrow();
                    sandbox = Optional.of(new RemoteSandbox(admin));
                }
                router = new SandboxTrafficRouter(admin, http, clock);
            } else if (traffic instanceof TrafficSpec.IngressNginx spec) {
                router = new IngressNginxRouter(kubernetes.orElseThrow(), spec, clock);
            } else if (traffic instanceof TrafficSpec.GatewayApi spec) {
                router = new GatewayApiRouter(kubernetes.orElseThrow(), spec, clock);
            } else if (traffic instanceof TrafficSpec.None) {
                router = new NoCanaryRouter(declared.name());
            } else {
                router = new KongRouter((TrafficSpec.Kong) traffic, http, clock, env);
            }
            toClose.push(router);

            Optional<Workloads> workloads = kubernetes.map(k -> new KubernetesWorkloads(k.client(), k.namespace()));
            Optional<ClusterState> cluster = kubernetes.map(k -> new KubernetesClusterState(k.client(), k.namespace()));
            Optional<AccessReview> review = kubernetes.map(k -> new KubernetesAccessReview(k.client()));
            Optional<EnvironmentLease> lease = kubernetes.map(k ->
                    new KubernetesLease(k.client(), k.namespace(), declared.name(), clock));
            Optional<PrometheusApi> prometheus = declared.metrics() instanceof MetricsSpec.Prometheus p
                    ? Optional.of(new PrometheusHttpApi(http, p.url()))
                    : Optional.empty();

            Map<String, ProbeTask> probes = new LinkedHashMap<>();
            for (Probe probe : plan.probesFor(declared.name())) {
                probes.put(probe.id(), probe(probe, environment, transport, prometheus, cluster, env, clock));
            }
            List<ProbeTask> metrics = new ArrayList<>();
            Optional<PrometheusMetricsSource> prometheusMetrics = Optional.empty();
            if (environment.metrics() instanceof MetricsSpec.Scrape) {
                metrics.addAll(new ScrapeMetricsSource(environment, transport, clock).tasks());
            } else if (environment.metrics() instanceof MetricsSpec.Prometheus) {
                prometheusMetrics = Optional.of(new PrometheusMetricsSource(environment, prometheus.orElseThrow(),
                        clock));
                metrics.addAll(prometheusMetrics.get().tasks());
            }
            List<Permission> required = kubernetes
                    .map(k -> RequiredPermissions.of(declared, plan.rollback(), plan.probesFor(declared.name()),
                            k.namespace()))
                    .orElse(List.of());
            EnvironmentPorts ports = new EnvironmentPorts(router, workloads, cluster, review, lease, probes);
            return new EnvironmentAdapters(environment, ports, transport, kubernetes, sandbox, metrics,
                    prometheusMetrics, required, declared.insecureTls() ? endpoints(environment) : List.of(), toClose);
        } catch (IOException | ActionException | RuntimeException e) {
            closeAll(toClose);
            throw e;
        }
    }

    private static ProbeTask probe(Probe probe, Environment environment, HttpTransport transport,
            Optional<PrometheusApi> prometheus, Optional<ClusterState> cluster, Function<String, String> env,
            Clock clock) {
        ProbeSpec spec = probe.spec();
        if (spec instanceof ProbeSpec.Http) {
            return new HttpProbe(probe, environment, transport, clock, env);
        }
        if (spec instanceof ProbeSpec.PrometheusQuery) {
            return new PrometheusQueryProbe(probe, prometheus.orElseThrow(), clock);
        }
        if (spec instanceof ProbeSpec.Alerts) {
            return new AlertsProbe(probe, prometheus.orElseThrow(), clock);
        }
        if (spec instanceof ProbeSpec.Kubernetes) {
            return new KubernetesProbe(probe, cluster.orElseThrow(), clock);
        }
        return new EnvironmentVariablesProbe(probe, env, clock);
    }

    /** The endpoints an insecure-TLS environment reaches without verifying certificates. */
    private static List<String> endpoints(Environment environment) {
        List<String> endpoints = new ArrayList<>();
        if (environment.metrics() instanceof MetricsSpec.Prometheus p) {
            endpoints.add(p.url().toString());
        }
        if (environment.traffic() instanceof TrafficSpec.Kong k) {
            endpoints.add(k.adminUrl().toString());
        }
        environment.services().values().forEach(u -> endpoints.add(u.toString()));
        return endpoints;
    }

    /** The environment with its services bound (for the sandbox, to its loopback ports). */
    Environment environment() {
        return environment;
    }

    EnvironmentPorts ports() {
        return ports;
    }

    HttpTransport transport() {
        return transport;
    }

    Optional<KubernetesConnection> kubernetes() {
        return kubernetes;
    }

    Optional<SandboxControl> sandbox() {
        return sandbox;
    }

    /** The metrics source's tasks, one per track. */
    List<ProbeTask> metrics() {
        return metrics;
    }

    /**
     * The metrics Prometheus already holds for the last {@code lookback}, oldest first, for charts that start
     * filled; empty for environments whose metrics are scraped (nothing to look back on) or absent.
     */
    List<SessionEvent.MetricSample> history(Duration lookback) {
        return prometheusMetrics.map(p -> p.history(lookback, environment.metrics().interval())).orElse(List.of());
    }

    List<Permission> requiredPermissions() {
        return requiredPermissions;
    }

    /** Non-empty when the environment skips TLS verification: the console shows a standing banner. */
    List<String> insecureEndpoints() {
        return insecureEndpoints;
    }

    @Override
    public void close() {
        closeAll(toClose);
    }

    static void closeAll(Deque<AutoCloseable> toClose) {
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                System.err.println("quarterdeck: while stopping: " + e.getMessage());
            }
        }
    }
}
