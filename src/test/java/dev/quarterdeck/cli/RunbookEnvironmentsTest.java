package dev.quarterdeck.cli;

import static dev.quarterdeck.cli.RunbookFixtures.ANA;
import static dev.quarterdeck.cli.RunbookFixtures.CAPTAIN;
import static dev.quarterdeck.cli.RunbookFixtures.annotation;
import static dev.quarterdeck.cli.RunbookFixtures.await;
import static dev.quarterdeck.cli.RunbookFixtures.awaitPassing;
import static dev.quarterdeck.cli.RunbookFixtures.base;
import static dev.quarterdeck.cli.RunbookFixtures.image;
import static dev.quarterdeck.cli.RunbookFixtures.ingress;
import static dev.quarterdeck.cli.RunbookFixtures.onFixtures;
import static dev.quarterdeck.cli.RunbookFixtures.plan;
import static dev.quarterdeck.cli.RunbookFixtures.rolledOut;
import static dev.quarterdeck.cli.RunbookFixtures.withUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.cli.RunbookFixtures.Endpoints;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.testing.DeploymentController;
import dev.quarterdeck.testing.FakeKong;
import dev.quarterdeck.testing.KubernetesTestCluster;
import dev.quarterdeck.testing.PrometheusServer;
import dev.quarterdeck.testing.Shop;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each runbook plan opens against the parts the tests can provide: its environment resolves (kubeconfig
 * context, namespace, router, service URLs from variables), its router is set up as the plan says, and the
 * probes the fixtures can answer pass. Where the engine already runs it, the rollback path runs too. Whole
 * releases through the engine (steps, gates, abort rules, staged rollback) are the engine's tests.
 *
 * <p>Plans that write fixed addresses (a Kong Admin API or a Prometheus on localhost, a public host name) are
 * pointed at the fixtures by replacing those addresses in the loaded environment; plans that take their URLs
 * from variables or their cluster from the kubeconfig need nothing replaced.
 */
class RunbookEnvironmentsTest {
    @TempDir
    Path dir;

    private RunbookFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new RunbookFixtures(dir);
    }

    @AfterEach
    void close() throws Exception {
        fixtures.close();
    }

    @Test
    void owlhubOpensOnTheCurrentContextWithItsUrlsFromVariablesAndRollsBackToTheLastKnownGood() throws Exception {
        KubernetesTestCluster cluster = fixtures.cluster();
        Shop.create(cluster.client(), rolledOut(Shop.deployment("owlhub-api", "api=ghcr.io/owlhub/api:1.4.0")
                .build()));
        DeploymentController controller = DeploymentController.start(cluster.client(), Shop.NAMESPACE);
        fixtures.closing(controller);
        MockWebServer hub = fixtures.serve(new Endpoints().answer("/health", "{\"status\":\"ok\"}")
                .answer("/metrics", "# TYPE http_requests_total counter\n")
                .answer("/index.json", "{\"skills\":[]}")
                .answer("/api/v1/skills?query=skill", "{\"items\":[]}"));
        Map<String, String> variables = Map.of(
                "KUBECONFIG", cluster.writeKubeconfig(dir, "owlhub-production", "ana").toString(),
                "OWLHUB_API_BASE_URL", base(hub), "OWLHUB_INDEX_BASE_URL", base(hub));
        ReleasePlan plan = plan("owlhub-production-rollout");

        LiveSession session = fixtures.open(plan, plan.environment("production").orElseThrow(), variables);
        SessionLog log = session.log();

        assertThat(await(log, SessionEvent.EnvironmentChecked.class, c -> c.check().equals("router")).passed())
                .isTrue();
        assertThat(session.environment().service("api")).contains(URI.create(base(hub)));
        awaitPassing(log, "gate-targets", "api-running", "api-rollout", "api-health", "api-metrics", "index-access",
                "cli-search");

        // A bad image reaches owlhub-api; the rollback sets the last known good, waits, re-runs the gate, and
        // asks the captain to confirm the publish freeze.
        cluster.client().apps().deployments().inNamespace(Shop.NAMESPACE).withName("owlhub-api").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("ghcr.io/owlhub/api:1.5.0-bad");
            return d;
        });
        cluster.client().apps().deployments().inNamespace(Shop.NAMESPACE).withName("owlhub-api").waitUntilCondition(
                d -> d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration(), 30, TimeUnit.SECONDS);
        session.engine().rollback(ANA, "index 5xx after the deploy");
        SessionEvent.ApprovalRequested freeze = await(log, SessionEvent.ApprovalRequested.class, a -> true);
        assertThat(freeze.title()).isEqualTo("New publish operations frozen until the incident is closed");
        session.engine().answerApproval(freeze.index(), CAPTAIN, ANA, true, "publishing paused in the admin UI");

        SessionEvent.RollbackFinished finished = await(log, SessionEvent.RollbackFinished.class, e -> true);
        assertThat(finished.succeeded()).as(finished.detail()).isTrue();
        assertThat(image(cluster.client(), Shop.NAMESPACE, "owlhub-api")).isEqualTo("ghcr.io/owlhub/api:1.4.0");
    }

    @Test
    void theLaunchGateChecksProductionThroughItsReleaseVariablesWithoutEverRecordingTheToken() throws Exception {
        Endpoints endpoints = new Endpoints().answer("/health", "{\"status\":\"ok\"}").answer("/ready", "ready")
                .answer("/", "<html>home</html>")
                .answer("/api/admin/ai-runtime/health", "{\"summary\":{\"health\":\"ok\"},\"rolesBlocked\":0}")
                .requireBearer("/api/admin/ai-runtime/health", "admin-token-from-ci");
        MockWebServer production = fixtures.serve(endpoints);
        Map<String, String> variables = Map.of(
                "RELEASE_API_BASE_URL", base(production), "RELEASE_WEB_BASE_URL", base(production),
                "RELEASE_ADMIN_API_TOKEN", "admin-token-from-ci", "RELEASE_CSRF_TOKEN", "csrf-from-ci",
                "RELEASE_AGENT_GATEWAY_WEBHOOK_SECRET", "webhook-secret-from-ci");
        ReleasePlan plan = plan("release-runbook-launch-gate");

        LiveSession session = fixtures.open(plan, plan.environment("production").orElseThrow(), variables);
        SessionLog log = session.log();

        assertThat(await(log, SessionEvent.EnvironmentChecked.class, c -> c.check().equals("router")).passed())
                .isTrue();
        awaitPassing(log, "release-context", "api-health", "api-ready", "web-home", "ai-runtime-health");

        // Freeze, Web, API, the database with its owner, then the smoke checks again.
        session.engine().rollback(ANA, "launch gate failed");
        List<String> approvers = List.of("release-captain", "release-captain", "release-captain", "db-owner");
        for (int step = 0; step < approvers.size(); step++) {
            int index = step;
            SessionEvent.ApprovalRequested asked = await(log, SessionEvent.ApprovalRequested.class,
                    a -> a.index() == index);
            assertThat(asked.approver()).isEqualTo(approvers.get(step));
            session.engine().answerApproval(index, new Actor(approvers.get(step)), ANA, true, "done");
        }
        SessionEvent.RollbackFinished finished = await(log, SessionEvent.RollbackFinished.class, e -> true);
        assertThat(finished.succeeded()).as(finished.detail()).isTrue();
        assertThat(log.events().toString()).doesNotContain("admin-token-from-ci").doesNotContain("csrf-from-ci")
                .doesNotContain("webhook-secret-from-ci");
    }

    @Test
    void opsconductorMovesKongTargetsAndRollsBackToTheOldVersion() throws Exception {
        FakeKong kong = new FakeKong("automation-service").target("automation-service:3003", 100)
                .target("automation-service-canary:3003", 0);
        MockWebServer admin = fixtures.serve(kong);
        MockWebServer host = fixtures.serve(new Endpoints().answer("/health", "{\"status\":\"healthy\"}")
                .answer("/metrics", "ai_requests_total{instance=\"stable\"} 42\n")
                .answer("/ai/execute", "{\"output\":\"pong\",\"trace_id\":\"quarterdeck-trace-check\"}"));
        PrometheusServer prometheus = PrometheusServer.builder().job("none").start();
        fixtures.closing(prometheus);
        ReleasePlan plan = plan("opsconductor-canary-kong");
        Environment declared = plan.environment("production").orElseThrow();
        TrafficSpec.Kong router = (TrafficSpec.Kong) declared.traffic();
        Map<String, URI> services = new HashMap<>();
        declared.services().keySet().forEach(name -> services.put(name, URI.create(base(host))));
        Environment onFixtures = onFixtures(declared, new TrafficSpec.Kong(admin.url("/").uri(), router.upstream(),
                router.stableTarget(), router.canaryTarget(), router.token()),
                withUrl(declared.metrics(), prometheus.url()), services);

        LiveSession session = fixtures.open(plan, onFixtures, Map.of());
        SessionLog log = session.log();

        assertThat(await(log, SessionEvent.EnvironmentChecked.class, c -> c.check().equals("router")).passed())
                .isTrue();
        awaitPassing(log, "canary-health", "pipeline-canary-health", "stable-health", "stable-metrics", "ping-pong",
                "trace-propagation", "no-critical-alerts");
        session.engine().confirmProtectedEnvironment("production", ANA);
        session.engine().overrideWeight(10, ANA, "router check before the canary starts");
        await(log, SessionEvent.WeightApplied.class, w -> w.percent() == 10);
        assertThat(kong.weight("automation-service-canary:3003")).isEqualTo(10);
        assertThat(kong.weight("automation-service:3003")).isEqualTo(90);

        session.engine().rollback(ANA, "error rate 6 %");
        for (int index : new int[] {1, 2}) {   // Option 1 and Option 3, after the weight
            await(log, SessionEvent.ApprovalRequested.class, a -> a.index() == index);
            session.engine().answerApproval(index, CAPTAIN, ANA, true, "not needed: traffic is on stable");
        }
        SessionEvent.RollbackFinished finished = await(log, SessionEvent.RollbackFinished.class, e -> true);
        assertThat(finished.succeeded()).as(finished.detail()).isTrue();
        assertThat(kong.weight("automation-service-canary:3003")).isZero();
    }

    @Test
    void onesourceMovesTheCanaryIngressInItsContextAndNamespaceAndRollsBackWithTheEmergencyFlags()
            throws Exception {
        KubernetesTestCluster cluster = fixtures.cluster();
        KubernetesClient client = cluster.client();
        client.network().v1().ingresses().inNamespace("default").resource(ingress("onesource-ingress", Map.of()))
                .create();
        client.network().v1().ingresses().inNamespace("default").resource(ingress("onesource-canary", Map.of(
                "nginx.ingress.kubernetes.io/canary", "true",
                "nginx.ingress.kubernetes.io/canary-weight", "0"))).create();
        for (String name : List.of("onesource", "onesource-canary")) {
            Deployment deployment = rolledOut(Shop.deployment(name, "app=registry.example.com/onesource:4.0.0")
                    .editMetadata().withNamespace("default").endMetadata().build());
            client.apps().deployments().inNamespace("default").resource(deployment).create();
        }
        DeploymentController controller = DeploymentController.start(client, "default");
        fixtures.closing(controller);
        MockWebServer app = fixtures.serve(new Endpoints().answer("/healthz", "ok")
                .answer("/api/metrics/schema", "{\"schema_validation\":{\"repair_rate_percent\":0.2}}")
                .answer("/api/chat/ask", "{\"answer\":\"ok\"}"));
        PrometheusServer prometheus = PrometheusServer.builder().job("none").start();
        fixtures.closing(prometheus);
        ReleasePlan plan = plan("onesource-nginx-canary");
        Environment staging = plan.environment("staging").orElseThrow();
        Environment onFixtures = onFixtures(staging, staging.traffic(), withUrl(staging.metrics(), prometheus.url()),
                Map.of("app", URI.create(base(app))));
        Map<String, String> variables = Map.of("KUBECONFIG",
                cluster.writeKubeconfig(dir, "staging", "ana").toString());

        LiveSession session = fixtures.open(plan, onFixtures, variables);
        SessionLog log = session.log();

        assertThat(await(log, SessionEvent.EnvironmentChecked.class, c -> c.check().equals("router")).passed())
                .isTrue();
        awaitPassing(log, "health", "chat-answers", "canary-chat-answers", "schema-repair-rate", "canary-rollout",
                "no-critical-alerts");
        session.engine().overrideWeight(10, ANA, "router check before the canary starts");
        await(log, SessionEvent.WeightApplied.class, w -> w.percent() == 10);
        assertThat(annotation(client, "nginx.ingress.kubernetes.io/canary-weight")).isEqualTo("10");

        session.engine().rollback(ANA, "canary p95 delta over 100 ms");
        SessionEvent.RollbackFinished finished = await(log, SessionEvent.RollbackFinished.class, e -> true);
        assertThat(finished.succeeded()).as(finished.detail()).isTrue();
        assertThat(annotation(client, "nginx.ingress.kubernetes.io/canary-weight")).isEqualTo("0");
        assertThat(annotation(client, "nginx.ingress.kubernetes.io/canary")).isEqualTo("false");
        assertThat(client.apps().deployments().inNamespace("default").withName("onesource").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(e -> e.getName() + "=" + e.getValue())
                .contains("USE_UNIFIED_PIPELINE=0", "CONV_STORE_PRIMARY=mongo");
    }

    @Test
    void novaOpensLockedInItsNamespaceAndSeesSecretsRolloutsAndCronJobs() throws Exception {
        KubernetesTestCluster cluster = fixtures.cluster();
        KubernetesClient client = cluster.client();
        for (String name : List.of("nova-api", "nova-worker")) {
            Deployment deployment = rolledOut(Shop.deployment(name, "app=gcr.io/rms-nova/" + name + ":production")
                    .editMetadata().withNamespace("nova-prod").endMetadata().build());
            client.apps().deployments().inNamespace("nova-prod").resource(deployment).create();
        }
        client.secrets().inNamespace("nova-prod").resource(new SecretBuilder().withNewMetadata()
                .withName("production-secrets").endMetadata().addToStringData("DATABASE_URL", "not-read").build())
                .create();
        for (String name : List.of("nova-billing-drill", "nova-cron-pipelines")) {
            client.batch().v1().cronjobs().inNamespace("nova-prod").resource(new CronJobBuilder().withNewMetadata()
                    .withName(name).endMetadata().withNewSpec().withSchedule("0 3 * * 1").withSuspend(true)
                    .withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec().addNewContainer()
                    .withName("job").withImage("busybox").endContainer().withRestartPolicy("Never").endSpec()
                    .endTemplate().endSpec().endJobTemplate().endSpec().build()).create();
        }
        MockWebServer api = fixtures.serve(new Endpoints().answer("/v1/health", "{\"status\":\"ok\"}")
                .answer("/v1/metrics", "# TYPE http_requests_total counter\n"));
        PrometheusServer prometheus = PrometheusServer.builder().job("none").start();
        fixtures.closing(prometheus);
        ReleasePlan plan = plan("nova-production-playbook");
        Environment production = plan.environment("production").orElseThrow();
        Environment onFixtures = onFixtures(production, production.traffic(),
                withUrl(production.metrics(), prometheus.url()), Map.of("api", URI.create(base(api))));
        Map<String, String> variables = Map.of("KUBECONFIG",
                cluster.writeKubeconfig(dir, "nova-production", "ana").toString());

        LiveSession session = fixtures.open(plan, onFixtures, variables);
        SessionLog log = session.log();

        assertThat(await(log, SessionEvent.EnvironmentChecked.class, c -> c.check().equals("router")).passed())
                .isTrue();
        awaitPassing(log, "production-secrets", "billing-drill-paused", "cron-pipelines-paused", "api-rollout",
                "worker-rollout", "api-health", "api-metrics", "alertmanager-quiet");
        // The placeholder digests fail until the EXPECTED ones from infra docs are written into the plan.
        assertThat(await(log, SessionEvent.ProbeSample.class, s -> s.probe().equals("api-image")).outcome())
                .isEqualTo(Outcome.FAIL);
        // Locked until leadership approves: nothing is changed before then.
        session.engine().confirmProtectedEnvironment("production", ANA);
        session.engine().requestWeight(10, ANA, "should not happen");
        assertThat(await(log, SessionEvent.CommandRefused.class, r -> true).reason()).contains("leadership");
    }
}
