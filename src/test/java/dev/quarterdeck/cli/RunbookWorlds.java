package dev.quarterdeck.cli;

import static dev.quarterdeck.cli.RunbookFixtures.base;
import static dev.quarterdeck.cli.RunbookFixtures.ingress;
import static dev.quarterdeck.cli.RunbookFixtures.onFixtures;
import static dev.quarterdeck.cli.RunbookFixtures.plan;
import static dev.quarterdeck.cli.RunbookFixtures.rolledOut;
import static dev.quarterdeck.cli.RunbookFixtures.withUrl;

import dev.quarterdeck.cli.RunbookFixtures.Endpoints;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.rollout.Backoff;
import dev.quarterdeck.testing.DeploymentController;
import dev.quarterdeck.testing.FakeKong;
import dev.quarterdeck.testing.KubernetesTestCluster;
import dev.quarterdeck.testing.PrometheusServer;
import dev.quarterdeck.testing.Shop;
import dev.quarterdeck.testing.TrackMetrics;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;

/**
 * Where each runbook plan is released in tests and demos: its environment on fixtures (the mock Kubernetes API
 * with a deployment controller, FakeKong, MockWebServer endpoints for its services, a real Prometheus scraping
 * two tracks) and a session opened on it, before anyone has ticked anything. {@code RunbookReleasesTest} drives
 * these sessions through the engine, {@code RunbookConsoleTest} through the console, and {@code RunbookDemo}
 * opens one for a person to drive.
 */
final class RunbookWorlds {
    static final String[] RUNBOOKS = {"owlhub-production-rollout", "release-runbook-launch-gate",
        "opsconductor-canary-kong", "onesource-nginx-canary", "nova-production-playbook"};

    static final String NOVA_API_OLD = "gcr.io/rms-nova/nova-rms-api:v1.7.0";
    static final String NOVA_WORKER_OLD = "gcr.io/rms-nova/nova-rms-worker:v1.7.0";
    static final String NOVA_API_NEW = "gcr.io/rms-nova/nova-rms-api:production";
    static final String NOVA_WORKER_NEW = "gcr.io/rms-nova/nova-rms-worker:production";
    static final String OWLHUB_NEW = "ghcr.io/owlhub/api:1.5.0";
    static final String LAUNCH_GATE_ADMIN_TOKEN = "admin-token-from-ci";

    private final RunbookFixtures fixtures;
    private final Path dir;
    private final Metrics metrics;

    /**
     * @param dir where kubeconfigs and journals go
     * @param metrics the Prometheus the plans' queries are asked of (its first scrape takes seconds: share one)
     */
    RunbookWorlds(RunbookFixtures fixtures, Path dir, Metrics metrics) {
        this.fixtures = fixtures;
        this.dir = dir;
        this.metrics = metrics;
    }

    /**
     * A real Prometheus scraping a stable and a canary track under the labels every plan's queries select
     * ({@code instance}, {@code app}, {@code version}).
     */
    record Metrics(TrackMetrics stable, TrackMetrics canary, PrometheusServer prometheus,
            List<MockWebServer> servers) implements AutoCloseable {

        private static Metrics shared;

        /**
         * One for the whole test run: Prometheus takes seconds to start and scrape, and every runbook test can
         * read the same two tracks. Nothing closes it: the metrics servers live in this JVM, and PrometheusServer's
         * own shutdown hook stops the process when the JVM exits.
         */
        static synchronized Metrics shared() throws Exception {
            if (shared == null) {
                shared = start();
            }
            return shared;
        }

        static Metrics start() throws Exception {
            TrackMetrics stable = TrackMetrics.stable();
            TrackMetrics canary = TrackMetrics.canary();
            MockWebServer stableServer = serve(stable);
            MockWebServer canaryServer = serve(canary);
            PrometheusServer prometheus = PrometheusServer.builder().job("runbooks")
                    .target(URI.create(base(stableServer)), Map.of("instance", "stable", "app", "onesource",
                            "version", "stable"))
                    .target(URI.create(base(canaryServer)), Map.of("instance", "canary", "app", "onesource",
                            "version", "canary"))
                    .start();
            prometheus.awaitScrapes(2);
            return new Metrics(stable, canary, prometheus, List.of(stableServer, canaryServer));
        }

        URI url() {
            return prometheus.url();
        }

        private static MockWebServer serve(TrackMetrics metrics) throws Exception {
            MockWebServer server = new MockWebServer();
            server.setDispatcher(metrics);
            server.start(InetAddress.getLoopbackAddress(), 0);
            return server;
        }

        @Override
        public void close() throws Exception {
            prometheus.close();
            for (MockWebServer server : servers) {
                server.close();
            }
        }
    }

    /**
     * Opens the named runbook's world for a person at the console: what happens outside Quarterdeck when an
     * approval step asks for it (owlhub's deploy workflow, nova's Terraform apply) happens as it is asked.
     */
    LiveSession open(String runbook) throws Exception {
        switch (runbook) {
            case "owlhub-production-rollout": {
                Owlhub owlhub = owlhub();
                whenAsked(owlhub.session(), "Deploy workflow", owlhub::deployWorkflowRuns);
                return owlhub.session();
            }
            case "release-runbook-launch-gate":
                return launchGate().session();
            case "opsconductor-canary-kong":
                return opsconductor(Duration.ofSeconds(1)).session();
            case "onesource-nginx-canary":
                return onesource(Backoff.Sleeper.REAL, Duration.ofSeconds(1)).session();
            case "nova-production-playbook": {
                Nova nova = nova();
                whenAsked(nova.session(), "infra/terraform", nova::terraformApply);
                return nova.session();
            }
            default:
                throw new IllegalArgumentException("no runbook '" + runbook + "': " + String.join(", ", RUNBOOKS));
        }
    }

    /** Does {@code outside} (off the session's thread) when an approval titled {@code title...} is asked. */
    private void whenAsked(LiveSession session, String title, Runnable outside) {
        fixtures.closing(session.log().subscribe(e -> {
            if (e instanceof dev.quarterdeck.session.SessionEvent.ApprovalRequested asked
                    && asked.title().startsWith(title)) {
                CompletableFuture.runAsync(outside);
            }
        })::close);
    }

    // ----------------------------------------------------------------------------------------------- owlhub

    record Owlhub(LiveSession session, KubernetesClient client, Endpoints hub) {
        /** What the deploy workflow does, which the plan's first step waits for: the new image in the Deployment. */
        void deployWorkflowRuns() {
            client.apps().deployments().inNamespace(Shop.NAMESPACE).withName("owlhub-api").edit(d -> {
                d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(OWLHUB_NEW);
                return d;
            });
        }
    }

    /** owlhub-api 1.4.0 in the current context's namespace, the hub's API and index answering. */
    Owlhub owlhub() throws Exception {
        KubernetesTestCluster cluster = fixtures.cluster();
        KubernetesClient client = cluster.client();
        Shop.create(client, rolledOut(Shop.deployment("owlhub-api", "api=ghcr.io/owlhub/api:1.4.0").build()));
        fixtures.closing(DeploymentController.start(client, Shop.NAMESPACE));
        Endpoints hub = new Endpoints().answer("/health", "{\"status\":\"ok\"}")
                .answer("/metrics", "# TYPE http_requests_total counter\n")
                .answer("/index.json", "{\"skills\":[]}")
                .answer("/api/v1/skills?query=skill", "{\"items\":[]}");
        MockWebServer server = fixtures.serve(hub);
        Map<String, String> variables = Map.of(
                "KUBECONFIG", cluster.writeKubeconfig(dir, "owlhub-production", "ana").toString(),
                "OWLHUB_API_BASE_URL", base(server), "OWLHUB_INDEX_BASE_URL", base(server));
        ReleasePlan plan = plan("owlhub-production-rollout");
        return new Owlhub(fixtures.open(plan, plan.environment("production").orElseThrow(), variables), client, hub);
    }

    // ---------------------------------------------------------------------------------------- launch gate

    record LaunchGate(LiveSession session, Endpoints production) {}

    /** Production on Railway behind variables, with secrets the session must never write down. */
    LaunchGate launchGate() throws Exception {
        Endpoints production = new Endpoints().answer("/health", "{\"status\":\"ok\"}").answer("/ready", "ready")
                .answer("/", "<html>home</html>")
                .answer("/api/admin/ai-runtime/health", "{\"summary\":{\"health\":\"ok\"},\"rolesBlocked\":0}")
                .requireBearer("/api/admin/ai-runtime/health", LAUNCH_GATE_ADMIN_TOKEN);
        MockWebServer server = fixtures.serve(production);
        Map<String, String> variables = Map.of(
                "RELEASE_API_BASE_URL", base(server), "RELEASE_WEB_BASE_URL", base(server),
                "RELEASE_ADMIN_API_TOKEN", LAUNCH_GATE_ADMIN_TOKEN, "RELEASE_CSRF_TOKEN", "csrf-from-ci",
                "RELEASE_AGENT_GATEWAY_WEBHOOK_SECRET", "webhook-secret-from-ci");
        ReleasePlan plan = plan("release-runbook-launch-gate");
        return new LaunchGate(fixtures.open(plan, plan.environment("production").orElseThrow(), variables),
                production);
    }

    // ----------------------------------------------------------------------------------------- opsconductor

    record Ops(LiveSession session, FakeKong kong) {}

    /** Kong with the canary target at 0, the host's endpoints, metrics asked every {@code metricsInterval}. */
    Ops opsconductor(Duration metricsInterval) throws Exception {
        FakeKong kong = new FakeKong("automation-service").target("automation-service:3003", 100)
                .target("automation-service-canary:3003", 0);
        MockWebServer admin = fixtures.serve(kong);
        MockWebServer host = fixtures.serve(new Endpoints().answer("/health", "{\"status\":\"healthy\"}")
                .answer("/metrics", "ai_requests_total{instance=\"stable\"} 42\n")
                .answer("/api/health", "{\"database\":\"ok\"}")
                .answer("/", "<html>Exec Sandbox</html>")
                .answer("/ai/execute", "{\"output\":\"pong\",\"trace_id\":\"quarterdeck-trace-check\"}"));
        ReleasePlan plan = plan("opsconductor-canary-kong");
        Environment declared = plan.environment("production").orElseThrow();
        TrafficSpec.Kong router = (TrafficSpec.Kong) declared.traffic();
        Map<String, URI> services = new HashMap<>();
        declared.services().keySet().forEach(name -> services.put(name, URI.create(base(host))));
        services.put("prometheus", metrics.url());
        Environment environment = onFixtures(declared, new TrafficSpec.Kong(admin.url("/").uri(), router.upstream(),
                router.stableTarget(), router.canaryTarget(), router.token()),
                withUrl(declared.metrics(), metrics.url(), metricsInterval), services);
        return new Ops(fixtures.open(plan, environment, Map.of()), kong);
    }

    // -------------------------------------------------------------------------------------------- onesource

    /**
     * @param weights every canary-weight the canary Ingress has had, as a watch on the API server saw it
     * @param canaryOff completes when the canary Ingress says canary "false"
     */
    record Onesource(LiveSession session, KubernetesClient client, List<String> weights,
            CompletableFuture<Void> canaryOff) {}

    /** Production: both Ingresses and both Deployments; holds of the staged rollback wait on {@code sleeper}. */
    Onesource onesource(Backoff.Sleeper sleeper, Duration metricsInterval) throws Exception {
        KubernetesTestCluster cluster = fixtures.cluster();
        KubernetesClient client = cluster.client();
        client.network().v1().ingresses().inNamespace("default").resource(ingress("onesource-ingress", Map.of()))
                .create();
        client.network().v1().ingresses().inNamespace("default").resource(ingress("onesource-canary", Map.of(
                "nginx.ingress.kubernetes.io/canary", "true",
                "nginx.ingress.kubernetes.io/canary-weight", "0"))).create();
        for (String name : List.of("onesource", "onesource-canary")) {
            String version = name.equals("onesource") ? "4.0.0" : "4.1.0";
            Deployment deployment = rolledOut(Shop.deployment(name, "app=registry.example.com/onesource:" + version)
                    .editMetadata().withNamespace("default").endMetadata().build());
            client.apps().deployments().inNamespace("default").resource(deployment).create();
        }
        fixtures.closing(DeploymentController.start(client, "default"));
        List<String> weights = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> canaryOff = new CompletableFuture<>();
        Watch watch = client.network().v1().ingresses().inNamespace("default").withName("onesource-canary")
                .watch(new Watcher<Ingress>() {
                    @Override
                    public void eventReceived(Action action, Ingress ingress) {
                        Map<String, String> a = ingress.getMetadata().getAnnotations();
                        String weight = a.get("nginx.ingress.kubernetes.io/canary-weight");
                        if (weights.isEmpty() || !weights.get(weights.size() - 1).equals(weight)) {
                            weights.add(weight);
                        }
                        if ("false".equals(a.get("nginx.ingress.kubernetes.io/canary"))) {
                            canaryOff.complete(null);
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        // closed with the fixtures
                    }
                });
        fixtures.closing(watch::close);
        MockWebServer app = fixtures.serve(new Endpoints().answer("/healthz", "ok")
                .answer("/api/metrics/schema", "{\"schema_validation\":{\"repair_rate_percent\":0.2}}")
                .answer("/api/chat/ask", "{\"answer\":\"ok\"}"));
        ReleasePlan plan = plan("onesource-nginx-canary");
        Environment production = plan.environment("production").orElseThrow();
        Environment environment = onFixtures(production, production.traffic(),
                withUrl(production.metrics(), metrics.url(), metricsInterval), Map.of("app", URI.create(base(app))));
        Map<String, String> variables = Map.of("KUBECONFIG",
                cluster.writeKubeconfig(dir, "production", "ana").toString());
        LiveSession session = fixtures.open(plan, environment, variables, RunbookFixtures.quick(sleeper));
        return new Onesource(session, client, weights, canaryOff);
    }

    // ------------------------------------------------------------------------------------------------- nova

    record Nova(LiveSession session, KubernetesClient client, Map<String, Deployment> deployments) {
        /**
         * What Terraform and Helm leave behind: the new image in the Deployment, the ReplicaSet of its revision 2
         * as the deployment controller makes it, and a pod reporting the digest it pulled.
         */
        void terraformApply(String name, String image) {
            client.apps().deployments().inNamespace("nova-prod").withName(name).edit(d -> {
                d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
                d.getMetadata().getAnnotations().put("deployment.kubernetes.io/revision", "2");
                return d;
            });
            createInNova(client, Shop.replicaSet(deployments.get(name), 2, "v18", "v1.8.0", "app=" + image));
            Pod pod = Shop.pod(name + "-v18-x1", name, true, "app=" + image.replaceFirst(":[^:]+$", "")
                    + "@sha256:1818181818181818181818181818181818181818181818181818181818181818");
            pod.getMetadata().setNamespace("nova-prod");
            client.pods().inNamespace("nova-prod").resource(pod).create();
        }

        /** Terraform's apply of both Deployments. */
        void terraformApply() {
            terraformApply("nova-api", NOVA_API_NEW);
            terraformApply("nova-worker", NOVA_WORKER_NEW);
        }

        boolean suspended(String cronJob) {
            return Boolean.TRUE.equals(client.batch().v1().cronjobs().inNamespace("nova-prod").withName(cronJob).get()
                    .getSpec().getSuspend());
        }
    }

    /** nova-prod at v1.7.0 (revision 1) with its CronJobs running and its secrets present. */
    Nova nova() throws Exception {
        KubernetesTestCluster cluster = fixtures.cluster();
        KubernetesClient client = cluster.client();
        Map<String, Deployment> deployments = new HashMap<>();
        for (String image : List.of(NOVA_API_OLD, NOVA_WORKER_OLD)) {
            String name = image.contains("api") ? "nova-api" : "nova-worker";
            Deployment created = client.apps().deployments().inNamespace("nova-prod").resource(rolledOut(
                    Shop.deployment(name, "app=" + image).editMetadata().withNamespace("nova-prod")
                            .addToAnnotations("deployment.kubernetes.io/revision", "1").endMetadata().build()))
                    .create();
            deployments.put(name, created);
            createInNova(client, Shop.replicaSet(created, 1, "v17", "v1.7.0", "app=" + image));
        }
        client.secrets().inNamespace("nova-prod").resource(new SecretBuilder().withNewMetadata()
                .withName("production-secrets").endMetadata().addToStringData("DATABASE_URL", "not-read").build())
                .create();
        for (String name : List.of("nova-billing-drill", "nova-cron-pipelines")) {
            client.batch().v1().cronjobs().inNamespace("nova-prod").resource(new CronJobBuilder().withNewMetadata()
                    .withName(name).endMetadata().withNewSpec().withSchedule("0 3 * * 1").withSuspend(false)
                    .withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec().addNewContainer()
                    .withName("job").withImage("busybox").endContainer().withRestartPolicy("Never").endSpec()
                    .endTemplate().endSpec().endJobTemplate().endSpec().build()).create();
        }
        fixtures.closing(DeploymentController.start(client, "nova-prod"));
        MockWebServer api = fixtures.serve(new Endpoints().answer("/v1/health", "{\"status\":\"ok\"}")
                .answer("/v1/metrics", "# TYPE http_requests_total counter\n"));
        ReleasePlan plan = plan("nova-production-playbook");
        Environment production = plan.environment("production").orElseThrow();
        Environment environment = onFixtures(production, production.traffic(),
                withUrl(production.metrics(), metrics.url()), Map.of("api", URI.create(base(api))));
        Map<String, String> variables = Map.of("KUBECONFIG",
                cluster.writeKubeconfig(dir, "nova-production", "ana").toString());
        return new Nova(fixtures.open(plan, environment, variables), client, deployments);
    }

    private static void createInNova(KubernetesClient client, ReplicaSet replicaSet) {
        replicaSet.getMetadata().setNamespace("nova-prod");
        client.apps().replicaSets().inNamespace("nova-prod").resource(replicaSet).create();
    }
}
