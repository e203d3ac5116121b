package dev.quarterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.plan.Action;
import dev.quarterdeck.plan.CanaryStep;
import dev.quarterdeck.plan.ChecklistItem;
import dev.quarterdeck.plan.Condition;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.EnvironmentLock;
import dev.quarterdeck.plan.Evidence;
import dev.quarterdeck.plan.FollowUp;
import dev.quarterdeck.plan.Gate;
import dev.quarterdeck.plan.JsonAssertion;
import dev.quarterdeck.plan.KubernetesTarget;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.plan.Phase;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.RollbackPlan;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.plan.ValueTemplate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The five runbooks of shared/runbooks as plans: each validates (through the loader and the {@code validate}
 * command), and says what its runbook does: routers, probes, checklist, steps, gates, abort rules, rollback and
 * follow-ups, with the runbook's own numbers.
 */
class RunbookPlansTest {
    private static final Path RUNBOOKS = Path.of("resources", "plans", "runbooks");

    static Stream<String> runbooks() {
        return Stream.of("owlhub-production-rollout", "release-runbook-launch-gate", "opsconductor-canary-kong",
                "onesource-nginx-canary", "nova-production-playbook");
    }

    static ReleasePlan plan(String runbook) throws Exception {
        return PlanLoader.load(RUNBOOKS.resolve(runbook + ".yaml"));
    }

    @ParameterizedTest
    @MethodSource("runbooks")
    void validatesThroughTheCommandLine(String runbook) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = QuarterdeckCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("validate", RUNBOOKS.resolve(runbook + ".yaml").toString());

        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        assertThat(out.toString()).contains(runbook + ".yaml: valid (");
    }

    @ParameterizedTest
    @MethodSource("runbooks")
    void saysWhichRunbookItEncodesAndHoldsNoSecret(String runbook) throws Exception {
        String text = Files.readString(RUNBOOKS.resolve(runbook + ".yaml"));

        assertThat(text).contains("Encodes shared/runbooks/" + runbook + ".md").contains("Judgement calls:");
        assertThat(plan(runbook).metadata().description()).isNotBlank();
        assertThat(text).doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("bearer ey");
    }

    @ParameterizedTest
    @MethodSource("runbooks")
    void everyEnvironmentIsProductionOrStagingAndEveryRollbackIsWritten(String runbook) throws Exception {
        ReleasePlan plan = plan(runbook);

        assertThat(plan.environments()).extracting(Environment::name).contains("production")
                .allMatch(name -> name.equals("production") || name.equals("staging"));
        assertThat(plan.environment("production").orElseThrow().isProtected()).isTrue();
        assertThat(plan.rollback().steps()).isNotEmpty().isNotEqualTo(RollbackPlan.weightToZero().steps());
    }

    @Test
    void owlhubRollsOutTheApiWithoutACanaryAndFollowsTheTimeline() throws Exception {
        ReleasePlan plan = plan("owlhub-production-rollout");

        Environment production = plan.environment("production").orElseThrow();
        assertThat(production.traffic()).isEqualTo(new TrafficSpec.None());
        assertThat(production.kubernetes()).contains(new KubernetesTarget(Optional.empty(), Optional.empty(),
                Map.of("api", "owlhub-api")));
        assertThat(production.serviceTemplates()).isEqualTo(Map.of(
                "api", ValueTemplate.of("${env:OWLHUB_API_BASE_URL}"),
                "index", ValueTemplate.of("${env:OWLHUB_INDEX_BASE_URL}")));
        assertThat(plan.mode()).isEqualTo(Mode.MANUAL);
        assertThat(plan.gates()).isEmpty();
        assertThat(plan.abortRules()).isEmpty();

        // The release gate's four checks, automatic and required after the deploy.
        assertThat(items(plan, Phase.POST_DEPLOY)).filteredOn(ChecklistItem::automatic)
                .extracting(i -> i.probe().orElseThrow())
                .containsExactly("api-health", "api-metrics", "index-access", "cli-search");
        assertThat(http(plan, "api-health")).isEqualTo(new ProbeSpec.Http("api", "/health", 200));
        assertThat(http(plan, "api-metrics")).isEqualTo(new ProbeSpec.Http("api", "/metrics", 200));
        assertThat(http(plan, "index-access")).isEqualTo(new ProbeSpec.Http("index", "/index.json", 200));
        assertThat(http(plan, "cli-search")).isEqualTo(new ProbeSpec.Http("api", "/api/v1/skills?query=skill", 200));
        assertThat(plan.probe("api-rollout").orElseThrow().spec()).isEqualTo(new ProbeSpec.Kubernetes(
                new ProbeSpec.KubernetesCheck.RolloutComplete("owlhub-api")));

        assertThat(plan.steps()).hasSize(3).endsWith(
                new CanaryStep.Perform(new Action.WaitForRollout("owlhub-api", Duration.ofSeconds(180))),
                new CanaryStep.Perform(new Action.RunProbes(List.of("api-health", "api-metrics", "index-access"))));
        assertThat(plan.stepWeights()).isEmpty();
        assertThat(plan.rollback().steps()).containsExactly(
                new Action.SetImage("owlhub-api", Optional.empty(), Action.SetImage.LAST_KNOWN_GOOD),
                new Action.WaitForRollout("owlhub-api", Duration.ofSeconds(180)),
                new Action.RunProbes(List.of("api-health", "api-metrics", "index-access", "cli-search")),
                new Action.Approval("release-captain", "New publish operations frozen until the incident is closed"));
        assertThat(plan.rollback().staged()).isEmpty();

        assertThat(plan.followUps()).extracting(FollowUp::after).containsExactly(Duration.ofDays(1),
                Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(14));
        assertThat(plan.followUps()).extracting(FollowUp::title).allMatch(t -> t.startsWith("T0+"));
    }

    @Test
    void theLaunchGateIsStrictChecksJsonHealthAndRollsBackInOrder() throws Exception {
        ReleasePlan plan = plan("release-runbook-launch-gate");

        assertThat(plan.strict()).isTrue();
        Environment production = plan.environment("production").orElseThrow();
        assertThat(production.traffic()).isEqualTo(new TrafficSpec.None());
        assertThat(production.serviceTemplates()).isEqualTo(Map.of(
                "api", ValueTemplate.of("${env:RELEASE_API_BASE_URL}"),
                "web", ValueTemplate.of("${env:RELEASE_WEB_BASE_URL}")));
        assertThat(plan.probe("release-context").orElseThrow().spec()).isEqualTo(new ProbeSpec.EnvironmentVariables(
                List.of("RELEASE_API_BASE_URL", "RELEASE_WEB_BASE_URL", "RELEASE_ADMIN_API_TOKEN",
                        "RELEASE_CSRF_TOKEN", "RELEASE_AGENT_GATEWAY_WEBHOOK_SECRET")));

        ProbeSpec.Http runtime = http(plan, "ai-runtime-health");
        assertThat(runtime.path()).isEqualTo("/api/admin/ai-runtime/health");
        assertThat(runtime.headers().get("Authorization").variables()).containsExactly("RELEASE_ADMIN_API_TOKEN");
        assertThat(runtime.json()).extracting(JsonAssertion::source)
                .containsExactly("summary.health == \"ok\"", "rolesBlocked == 0");

        // Preflight must pass before rollout: every item required except the optional local one-command run.
        assertThat(items(plan, Phase.PREFLIGHT)).filteredOn(i -> !i.required()).extracting(ChecklistItem::id)
                .containsExactly("verify-local");
        assertThat(item(plan, "staging-dry-run").evidence()).contains(new Evidence(Evidence.Kind.FILE,
                Optional.empty()));
        assertThat(items(plan, Phase.CANARY)).filteredOn(ChecklistItem::automatic)
                .extracting(i -> i.probe().orElseThrow()).containsExactly("api-health", "api-ready", "web-home");
        assertThat(item(plan, "launch-gate").title()).contains("smokeRequiredSteps.pass=true");

        assertThat(plan.steps()).extracting(CanaryStep::describe).containsExactly(
                "approval by release-captain: Release start announced",
                "approval by release-captain: API artifact deployed",
                "approval by release-captain: DB migrations run (or none in this release)",
                "approval by release-captain: Web artifact deployed",
                "run api-health, api-ready, web-home");
        // Web, then API, the database only with its owner's approval (skipped otherwise), then smoke again.
        assertThat(plan.rollback().steps()).containsExactly(
                new Action.Approval("release-captain", "Deployments frozen"),
                new Action.Approval("release-captain", "Web rolled back to its previous stable artifact"),
                new Action.Approval("release-captain", "API rolled back to its previous stable artifact"),
                new Action.Approval("db-owner",
                        "Database rolled back (only when its owner confirms the migration is reversible)", true),
                new Action.RunProbes(List.of("api-health", "api-ready", "web-home")));
    }

    @Test
    void opsconductorWalksKongTargetsWithABurnInAndSeverityRules() throws Exception {
        ReleasePlan plan = plan("opsconductor-canary-kong");

        Environment production = plan.environment("production").orElseThrow();
        assertThat(production.traffic()).isInstanceOfSatisfying(TrafficSpec.Kong.class, kong -> {
            assertThat(kong.upstream()).isEqualTo("automation-service");
            assertThat(kong.stableTarget()).isEqualTo("automation-service:3003");
            assertThat(kong.canaryTarget()).isEqualTo("automation-service-canary:3003");
        });
        MetricsSpec.Prometheus prometheus = (MetricsSpec.Prometheus) production.metrics();
        assertThat(prometheus.query(Metric.ERROR_RATE, Track.CANARY, "5m"))
                .isEqualTo("sum(rate(ai_request_errors_total{instance=\"canary\"}[5m])) / "
                        + "sum(rate(ai_requests_total{instance=\"canary\"}[5m]))");
        assertThat(prometheus.query(Metric.P99_LATENCY, Track.STABLE, "5m")).isEqualTo("histogram_quantile(0.99, "
                + "sum by (le) (rate(ai_request_duration_seconds_bucket{instance=\"stable\"}[5m])))");
        assertThat(plan.mode()).isEqualTo(Mode.ASSISTED);

        assertThat(plan.stepWeights()).containsExactly(10, 50, 100);
        assertThat(plan.steps()).containsSubsequence(new CanaryStep.SetWeight(10), new CanaryStep.GateCheck("burn-in"),
                new CanaryStep.SetWeight(50), new CanaryStep.GateCheck("metrics-10m"), new CanaryStep.SetWeight(100),
                new CanaryStep.GateCheck("metrics-10m"));
        List<Condition> slo = List.of(
                new Condition.Threshold(Metric.ERROR_RATE, Track.CANARY, Condition.Bound.MAX, 0.01),
                new Condition.Threshold(Metric.P95_LATENCY, Track.CANARY, Condition.Bound.MAX, 1.0),
                new Condition.Threshold(Metric.P99_LATENCY, Track.CANARY, Condition.Bound.MAX, 2.0));
        assertThat(plan.gate("burn-in")).contains(new Gate("burn-in", Duration.ofMinutes(30),
                Gate.DEFAULT_MAX_FAILURES, Gate.DEFAULT_WINDOW, slo));
        assertThat(plan.gate("metrics-10m")).contains(new Gate("metrics-10m", Duration.ofMinutes(10),
                Gate.DEFAULT_MAX_FAILURES, Gate.DEFAULT_WINDOW, slo));

        assertThat(plan.abortRules()).containsExactly(
                new AbortRule("sev1", new Condition.Threshold(Metric.ERROR_RATE, Track.CANARY, Condition.Bound.MAX,
                        0.05), AbortRule.Response.ROLLBACK),
                new AbortRule("sev2", new Condition.Threshold(Metric.ERROR_RATE, Track.CANARY, Condition.Bound.MAX,
                        0.01), AbortRule.Response.ALERT),
                new AbortRule("sev2", new Condition.Threshold(Metric.P95_LATENCY, Track.CANARY, Condition.Bound.MAX,
                        1.0), AbortRule.Response.ALERT));

        // Option 2 at once, then the flag (Option 1) and the full rollback (Option 3), each skipped if declined.
        List<Action> rollback = plan.rollback().steps();
        assertThat(rollback.get(0)).isEqualTo(new Action.SetWeight(0));
        assertThat(rollback.subList(1, 3)).allSatisfy(a -> assertThat(a).isInstanceOfSatisfying(Action.Approval.class,
                approval -> assertThat(approval.skipIfDeclined()).isTrue()));
        assertThat(((Action.Approval) rollback.get(1)).title()).contains("FEATURE_BYPASS_LLM=false");
        assertThat(((Action.Approval) rollback.get(2)).title()).contains("pre-v1.1.0-rollback");
        assertThat(rollback.get(3)).isEqualTo(new Action.RunProbes(List.of("stable-health", "stable-metrics",
                "ping-pong")));

        assertThat(http(plan, "trace-propagation").json()).extracting(JsonAssertion::source)
                .containsExactly("trace_id == \"quarterdeck-trace-check\"");
        assertThat(plan.followUps()).containsExactly(
                new FollowUp(Duration.ofMinutes(30), "Metrics gate held for 30 minutes after promotion "
                        + "(./scripts/release_metrics_gate.sh local 30)", Optional.of("slo")),
                new FollowUp(Duration.ofDays(1), "24 h of monitoring: no HighErrorRate or HighLatency alert, daily "
                        + "smoke and metrics gate passed", Optional.empty()));
    }

    @Test
    void onesourceHoldsTheCanaryOnTheSoakSlosAndStepsBackDownInStages() throws Exception {
        ReleasePlan plan = plan("onesource-nginx-canary");

        assertThat(plan.environments()).extracting(Environment::name).containsExactly("staging", "production");
        for (Environment env : plan.environments()) {
            assertThat(env.traffic()).isEqualTo(new TrafficSpec.IngressNginx("onesource-canary",
                    Optional.of("onesource-ingress"), Optional.of("X-Canary"), Optional.of("enabled"),
                    Optional.of("canary"), 100));
            assertThat(env.kubernetes()).contains(new KubernetesTarget(Optional.of(env.name()), Optional.of("default"),
                    Map.of("stable", "onesource", "canary", "onesource-canary")));
        }

        assertThat(plan.stepWeights()).containsExactly(10, 50, 100);
        List<Condition> slo = List.of(
                new Condition.Threshold(Metric.ERROR_RATE, Track.CANARY, Condition.Bound.MAX, 0.003),
                new Condition.Threshold(Metric.P95_LATENCY, Track.CANARY, Condition.Bound.MAX, 1.5),
                new Condition.Comparison(Metric.P95_LATENCY, Condition.Comparison.Kind.CANARY_MINUS_STABLE,
                        Condition.Bound.MAX, 0.1));
        assertThat(plan.gate("canary-24h")).contains(new Gate("canary-24h", Duration.ofHours(24),
                Gate.DEFAULT_MAX_FAILURES, Gate.DEFAULT_WINDOW, slo));
        assertThat(plan.gate("slo-15m").orElseThrow().holdFor()).isEqualTo(Duration.ofMinutes(15));
        assertThat(plan.steps()).containsExactly(new CanaryStep.SetWeight(10), new CanaryStep.GateCheck("canary-24h"),
                new CanaryStep.Pause(Optional.empty()), new CanaryStep.SetWeight(50),
                new CanaryStep.GateCheck("slo-15m"), new CanaryStep.SetWeight(100));
        assertThat(plan.probe("chat-enhanced-p95").orElseThrow().spec()).isInstanceOfSatisfying(
                ProbeSpec.PrometheusQuery.class, q -> {
                    assertThat(q.bound()).isEqualTo(Condition.Bound.MAX);
                    assertThat(q.threshold()).isEqualTo(1.6);
                });
        assertThat(http(plan, "schema-repair-rate").json()).extracting(JsonAssertion::source)
                .containsExactly("schema_validation.repair_rate_percent <= 0.5");
        assertThat(item(plan, "staging-soak").environments()).containsExactly("production");
        assertThat(plan.abortRules()).as("the runbook defines no severity levels").isEmpty();

        assertThat(plan.rollback().steps()).containsExactly(new Action.SetWeight(0), new Action.DisableCanary(),
                new Action.SetEnv("onesource", Optional.empty(), Map.of("USE_UNIFIED_PIPELINE", "0",
                        "CONV_STORE_PRIMARY", "mongo")),
                new Action.WaitForRollout("onesource", Duration.ofSeconds(120)));
        assertThat(plan.rollback().staged()).contains(new RollbackPlan.Staged(List.of(75, 50, 25, 10, 0),
                Duration.ofMinutes(5)));
        Action.Hold fiveMinutes = new Action.Hold(Duration.ofMinutes(5));
        assertThat(plan.rollback().stagedSteps().orElseThrow()).startsWith(new Action.SetWeight(75), fiveMinutes,
                new Action.SetWeight(50), fiveMinutes, new Action.SetWeight(25), fiveMinutes, new Action.SetWeight(10),
                fiveMinutes, new Action.SetWeight(0), new Action.DisableCanary());

        assertThat(plan.followUps()).extracting(FollowUp::after, FollowUp::gate).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Duration.ofHours(48), Optional.of("slo")),
                org.assertj.core.groups.Tuple.tuple(Duration.ofHours(72), Optional.empty()));
    }

    @Test
    void novaStaysLockedUntilLeadershipAndChecksDigestsFreshnessAndCronJobs() throws Exception {
        ReleasePlan plan = plan("nova-production-playbook");

        Environment production = plan.environment("production").orElseThrow();
        assertThat(production.lock()).contains(new EnvironmentLock("leadership",
                "Production stays paused until staging sign-off and leadership authorize the rollout"));
        assertThat(production.traffic()).isEqualTo(new TrafficSpec.None());
        assertThat(production.kubernetes().orElseThrow().namespace()).contains("nova-prod");

        assertThat(item(plan, "billing-drill-fresh").evidence()).contains(new Evidence(Evidence.Kind.FILE,
                Optional.of(Duration.ofDays(7))));
        assertThat(item(plan, "billing-drill-fresh").phase()).isEqualTo(Phase.PREFLIGHT);
        assertThat(plan.probe("api-image").orElseThrow().spec()).isInstanceOfSatisfying(ProbeSpec.Kubernetes.class,
                k -> assertThat(k.check()).isInstanceOfSatisfying(ProbeSpec.KubernetesCheck.Image.class, image -> {
                    assertThat(image.image()).isEqualTo("gcr.io/rms-nova/nova-rms-api:production");
                    assertThat(image.digest()).hasValueSatisfying(d -> assertThat(d).startsWith("sha256:"));
                }));
        assertThat(plan.probe("production-secrets").orElseThrow().spec()).isEqualTo(new ProbeSpec.Kubernetes(
                new ProbeSpec.KubernetesCheck.SecretExists("production-secrets")));
        assertThat(plan.probe("alertmanager-quiet").orElseThrow().spec()).isEqualTo(new ProbeSpec.Alerts(Map.of()));

        // Scheduled jobs are paused before terraform apply, then the rollout is watched to readiness.
        assertThat(plan.steps().subList(0, 3)).containsExactly(
                new CanaryStep.Perform(new Action.SuspendCronJob("nova-billing-drill", true)),
                new CanaryStep.Perform(new Action.SuspendCronJob("nova-cron-pipelines", true)),
                new CanaryStep.Perform(new Action.Approval("release-captain", "infra/terraform: terraform init, plan "
                        + "and apply -var-file=envs/production.tfvars done")));
        assertThat(plan.steps()).contains(
                new CanaryStep.Perform(new Action.WaitForRollout("nova-api", Duration.ofMinutes(10))),
                new CanaryStep.Perform(new Action.WaitForRollout("nova-worker", Duration.ofMinutes(10))));

        assertThat(plan.rollback().steps().subList(0, 2)).containsExactly(new Action.RolloutUndo("nova-api"),
                new Action.RolloutUndo("nova-worker"));
        assertThat(plan.rollback().steps()).filteredOn(Action.Approval.class::isInstance)
                .extracting(a -> ((Action.Approval) a).approver(), a -> ((Action.Approval) a).skipIfDeclined())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("incident-commander", true),
                        org.assertj.core.groups.Tuple.tuple("release-captain", false));
        assertThat(plan.followUps()).containsExactly(new FollowUp(Duration.ofDays(7),
                "Follow-up drills (billing, backups, failover) run within 7 days of launch", Optional.empty()));
        assertThat(item(plan, "freeze-announced").title()).endsWith("in #nova-dev and #nova-ops");
    }

    private static List<ChecklistItem> items(ReleasePlan plan, Phase phase) {
        return plan.checklist().stream().filter(i -> i.phase() == phase).toList();
    }

    private static ChecklistItem item(ReleasePlan plan, String id) {
        return plan.checklist().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    private static ProbeSpec.Http http(ReleasePlan plan, String probe) {
        return (ProbeSpec.Http) plan.probe(probe).orElseThrow().spec();
    }
}
