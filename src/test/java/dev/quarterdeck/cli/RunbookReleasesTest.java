package dev.quarterdeck.cli;

import static dev.quarterdeck.cli.RunbookFixtures.ANA;
import static dev.quarterdeck.cli.RunbookFixtures.CAPTAIN;
import static dev.quarterdeck.cli.RunbookFixtures.annotation;
import static dev.quarterdeck.cli.RunbookFixtures.image;
import static dev.quarterdeck.cli.RunbookFixtures.ingress;
import static dev.quarterdeck.cli.RunbookFixtures.plan;
import static dev.quarterdeck.cli.RunbookWorlds.NOVA_API_NEW;
import static dev.quarterdeck.cli.RunbookWorlds.NOVA_API_OLD;
import static dev.quarterdeck.cli.RunbookWorlds.NOVA_WORKER_NEW;
import static dev.quarterdeck.cli.RunbookWorlds.NOVA_WORKER_OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarterdeck.cli.RunbookFixtures.Endpoints;
import dev.quarterdeck.rollout.Backoff;
import dev.quarterdeck.rollout.ReleaseEngine;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import dev.quarterdeck.session.SessionEvent.GateJudged.ConditionResult;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.testing.FakeKong;
import dev.quarterdeck.testing.Shop;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each runbook plan released through the engine as a captain would: the manual preflight ticked with the
 * evidence it asks for, the automatic items passing, protected and locked environments confirmed and unlocked,
 * every canary step advanced, approved or overridden, what each step did read back from the fixtures (Kong's
 * target weights, the canary Ingress's annotations, deployment images, CronJobs), then promoted; and for each
 * plan a rollback from the middle of the canary, with the fixtures read back afterwards.
 *
 * <p>Gates are judged live on a real Prometheus scraping two tracks' metrics; their burn-ins (10 minutes to
 * 24 hours) are not waited out here but overridden with the reason recorded: burn-in itself is tested on a
 * virtual clock in {@code rollout/GatesTest}.
 */
class RunbookReleasesTest {
    private static final Duration METRICS_INTERVAL = Duration.ofSeconds(1);
    private static final String BURN_IN_OVERRIDE = "burn-in is tested on a virtual clock (GatesTest); here the gate "
            + "holds live and the captain goes on";
    private RunbookWorlds.Metrics metrics;

    @TempDir
    Path dir;

    private RunbookFixtures fixtures;
    private RunbookWorlds worlds;

    @BeforeEach
    void fixtures() throws Exception {
        fixtures = new RunbookFixtures(dir);
        metrics = RunbookWorlds.Metrics.shared();
        worlds = new RunbookWorlds(fixtures, dir, metrics);
    }

    @AfterEach
    void close() throws Exception {
        fixtures.close();
    }

    // ----------------------------------------------------------------------------------------------- owlhub

    @Test
    void owlhubDeploysThroughTheWorkflowWaitsForTheRolloutPassesTheReleaseGateAndIsPromoted() throws Exception {
        Owlhub owlhub = owlhub();
        Captain captain = owlhub.captain;
        deployOwlhub(owlhub);

        int before = owlhub.world.hub().requested().size();
        captain.advance(2);
        assertThat(captain.finished(2).detail()).isEqualTo("api-health, api-metrics, index-access passed");
        assertThat(owlhub.world.hub().requested().subList(before, owlhub.world.hub().requested().size()))
                .contains("GET /health", "GET /metrics", "GET /index.json");

        captain.tick("gate-report", "quarterdeck gate --phase post-deploy: 4/4 passed",
                fixtures.evidence("owlhub-release-gate.json", "{\"passed\":true}"));
        captain.engine.promote(ANA);
        captain.awaitStage(ReleaseStage.PROMOTED);

        assertThat(image(owlhub.world.client(), Shop.NAMESPACE, "owlhub-api")).isEqualTo("ghcr.io/owlhub/api:1.5.0");
        assertThat(captain.engine.stage()).isEqualTo(ReleaseStage.PROMOTED);
        // The T0+1d .. T0+14d timeline is kept: the first checkpoint cannot be closed on release day.
        assertThat(captain.refused(() -> captain.engine.completeFollowUp(0, ANA, "looked fine"), "complete follow-up 1")
                .reason()).contains("is due in");
    }

    @Test
    void owlhubRolledBackAfterTheDeploySetsTheLastKnownGoodImageAgain() throws Exception {
        Owlhub owlhub = owlhub();
        Captain captain = owlhub.captain;
        deployOwlhub(owlhub);
        assertThat(image(owlhub.world.client(), Shop.NAMESPACE, "owlhub-api")).isEqualTo("ghcr.io/owlhub/api:1.5.0");

        int from = captain.mark();
        captain.engine.rollback(ANA, "index 5xx after the deploy");
        captain.approveRollback(from, 3, CAPTAIN, "publishing paused in the admin UI");
        captain.rolledBack(from);

        assertThat(image(owlhub.world.client(), Shop.NAMESPACE, "owlhub-api")).isEqualTo("ghcr.io/owlhub/api:1.4.0");
        assertThat(captain.refused(() -> captain.engine.advance(ANA), "advance").reason())
                .isEqualTo("the release was rolled back");
    }

    private record Owlhub(Captain captain, RunbookWorlds.Owlhub world) {}

    /** owlhub-api 1.4.0 in the current context's namespace; the session open, preflight passed, production confirmed. */
    private Owlhub owlhub() throws Exception {
        RunbookWorlds.Owlhub world = worlds.owlhub();
        Captain captain = new Captain(world.session());

        captain.tick("github-environment", "secrets and vars checked",
                "https://github.com/owlhub/owlhub/settings/environments/owlhub-production");
        captain.tick("kube-context", "kubectl config current-context: owlhub-production");
        captain.tick("release-tag", "tag pushed", "https://github.com/owlhub/owlhub/releases/tag/v1.5.0");
        captain.awaitStage(ReleaseStage.READY);
        // Production is protected: nothing starts until its name is typed.
        assertThat(captain.refused(() -> captain.engine.advance(ANA), "advance").reason())
                .contains("production is protected");
        captain.confirm("production");
        return new Owlhub(captain, world);
    }

    /** Steps 1 and 2: the workflow deploys 1.5.0 (the test does what it would), then the rollout completes. */
    private void deployOwlhub(Owlhub owlhub) throws Exception {
        Captain captain = owlhub.captain;
        captain.advance(0);
        SessionEvent.ApprovalRequested deploy = captain.approvalRequested(0);
        assertThat(deploy.title()).startsWith("Deploy workflow .github/workflows/owlhub-api-deploy.yml");
        owlhub.world.deployWorkflowRuns();
        captain.engine.answerApproval(0, CAPTAIN, ANA, true, "https://github.com/owlhub/owlhub/actions/runs/42");
        assertThat(captain.finished(0).detail()).isEqualTo("approved by release-captain (recorded by ana)");

        captain.advance(1);
        assertThat(captain.finished(1).detail()).isEqualTo("owlhub-api rolled out: api=ghcr.io/owlhub/api:1.5.0");
    }

    // ---------------------------------------------------------------------------------------- launch gate

    @Test
    void theLaunchGateBlocksOnWarningsThenConfirmsEachRailwayDeployRunsTheSmokeChecksAndIsPromoted()
            throws Exception {
        LaunchGate gate = launchGate();
        Captain captain = gate.captain;
        captain.advance(0);
        String[] titles = {"Release start announced", "API artifact deployed",
                "DB migrations run (or none in this release)", "Web artifact deployed"};
        for (int step = 0; step < titles.length; step++) {
            if (step > 0) {
                captain.advance(step);
            }
            assertThat(captain.approvalRequested(step).title()).isEqualTo(titles[step]);
            captain.engine.answerApproval(step, CAPTAIN, ANA, true, "done on Railway");
            assertThat(captain.finished(step).succeeded()).isTrue();
        }

        int before = gate.production.requested().size();
        captain.advance(4);
        assertThat(captain.finished(4).detail()).isEqualTo("api-health, api-ready, web-home passed");
        assertThat(gate.production.requested().subList(before, gate.production.requested().size()))
                .contains("GET /health", "GET /ready", "GET /");

        captain.engine.promote(ANA);
        captain.awaitStage(ReleaseStage.PROMOTED);
        assertThat(captain.engine.stage()).isEqualTo(ReleaseStage.PROMOTED);
        assertThat(captain.log.events().toString()).doesNotContain("admin-token-from-ci")
                .doesNotContain("csrf-from-ci").doesNotContain("webhook-secret-from-ci");
    }

    @Test
    void theLaunchGateRolledBackWhileMigrationsWaitFreezesRollsBackWebAndApiSkipsTheDatabaseAndSmokeChecks()
            throws Exception {
        LaunchGate gate = launchGate();
        Captain captain = gate.captain;
        for (int step = 0; step < 2; step++) {
            captain.advance(step);
            captain.approvalRequested(step);
            captain.engine.answerApproval(step, CAPTAIN, ANA, true, "done on Railway");
            captain.finished(step);
        }
        captain.advance(2);
        captain.approvalRequested(2); // DB migrations: the API answers 5xx before they run

        int from = captain.mark();
        captain.engine.rollback(ANA, "API 5xx after its deploy");
        captain.approveRollback(from, 0, CAPTAIN, "deploys frozen");
        captain.approveRollback(from, 1, CAPTAIN, "web back to its previous artifact");
        captain.approveRollback(from, 2, CAPTAIN, "API back to its previous artifact");
        SessionEvent.ApprovalRequested database = captain.rollbackApproval(from, 3);
        assertThat(database.approver()).isEqualTo("db-owner");
        int smoke = gate.production.requested().size();
        captain.engine.answerApproval(3, new Actor("db-owner"), ANA, false, "no migration ran: nothing to restore");
        assertThat(await(captain.log, from, SessionEvent.RollbackStepFinished.class, s -> s.index() == 3).detail())
                .isEqualTo("declined by db-owner: no migration ran: nothing to restore; skipped, as the plan allows");
        captain.rolledBack(from);
        assertThat(gate.production.requested().subList(smoke, gate.production.requested().size()))
                .contains("GET /health", "GET /ready", "GET /");
    }

    private record LaunchGate(Captain captain, Endpoints production) {}

    /** Production on Railway behind variables; the strict preflight passed, production confirmed. */
    private LaunchGate launchGate() throws Exception {
        RunbookWorlds.LaunchGate world = worlds.launchGate();
        Captain captain = new Captain(world.session());
        captain.confirm("production");

        String ci = "https://github.com/acme/app/actions/runs/";
        captain.tick("target-env-vars", "release:preflight:env", ci + "1");
        captain.tick("railway-gate-strict", "release:railway:gate:strict", ci + "2");
        captain.tick("qa-preflight", "release:preflight:qa", ci + "3");
        captain.tick("web-tests", "test:web", ci + "4");
        captain.tick("api-tests", "test:api -- --runInBand", ci + "5");
        captain.tick("staging-dry-run", "release:dry-run:local",
                fixtures.evidence("dry-run-smoke.json", "{\"smokeRequiredSteps\":{\"pass\":true}}"));
        captain.awaitPassing("release-context");
        // Strict: the optional verify:local is a warning, and warnings block.
        assertThat(captain.refused(() -> captain.engine.advance(ANA), "advance").reason())
                .contains("npm run verify:local").doesNotContain("release:preflight:env");
        captain.tick("verify-local", "verify:local passed on the release branch");
        captain.awaitStage(ReleaseStage.READY);
        return new LaunchGate(captain, world.production());
    }

    // ----------------------------------------------------------------------------------------- opsconductor

    @Test
    void opsconductorMovesKongTargetsToTenFiftyAndAHundredPercentUnderLiveGatesAndIsPromoted() throws Exception {
        Ops ops = opsconductor();
        Captain captain = ops.captain;
        toFiftyPercent(ops);

        SessionEvent.StepStarted last = captain.override(BURN_IN_OVERRIDE, 8);
        captain.finished(8);
        assertThat(ops.kong.weight("automation-service-canary:3003")).isEqualTo(100);
        assertThat(ops.kong.weight("automation-service:3003")).isZero();
        captain.started(9); // assisted: the gate after a weight starts by itself
        assertThat(captain.holding("metrics-10m", last.at()).holdFor()).isEqualTo(Duration.ofMinutes(10));
        captain.override(BURN_IN_OVERRIDE + " (at 100 %)", 10);
        assertThat(captain.approvalRequested(10).title()).startsWith("Canary promoted:");
        captain.engine.answerApproval(10, CAPTAIN, ANA, true, "old containers stopped, canary renamed");
        captain.finished(10);
        assertThat(await(captain.log, SessionEvent.StepProposed.class, p -> p.step() == 11).description())
                .isEqualTo("promote: all traffic to the canary");

        captain.engine.promote(ANA);
        captain.awaitStage(ReleaseStage.PROMOTED);
        assertThat(ops.kong.writes()).containsSubsequence(
                "automation-service-canary:3003=10", "automation-service-canary:3003=50",
                "automation-service-canary:3003=100");
        assertThat(ops.kong.weight("automation-service-canary:3003")).isEqualTo(100);
        // The 30-minute metrics gate after promotion is a soak: it judges from promotion on.
        GateJudged soak = await(captain.log, GateJudged.class, g -> g.gate().equals("slo"));
        assertThat(soak.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(captain.log.events()).noneMatch(e -> e instanceof SessionEvent.AbortTriggered);
    }

    @Test
    void opsconductorRolledBackAtFiftyPercentSendsEveryRequestToTheOldVersionAndVerifiesIt() throws Exception {
        Ops ops = opsconductor();
        Captain captain = ops.captain;
        toFiftyPercent(ops);

        int from = captain.mark();
        captain.engine.rollback(ANA, "Sev2 for 30 minutes: error rate over 1 %");
        captain.declineRollback(from, 1, CAPTAIN, "not promoted yet: no feature flag to flip");
        captain.declineRollback(from, 2, CAPTAIN, "stable is healthy: no full rollback needed");
        captain.rolledBack(from);

        assertThat(ops.kong.weight("automation-service-canary:3003")).isZero();
        assertThat(ops.kong.weight("automation-service:3003")).isEqualTo(100);
        assertThat(await(captain.log, from, SessionEvent.RollbackStepFinished.class, s -> s.index() == 3).detail())
                .isEqualTo("stable-health, stable-metrics, ping-pong passed");
    }

    private record Ops(Captain captain, FakeKong kong) {}

    /** Kong with the canary target at 0; production confirmed; the preflight with its backups passed. */
    private Ops opsconductor() throws Exception {
        RunbookWorlds.Ops world = worlds.opsconductor(METRICS_INTERVAL);
        Captain captain = new Captain(world.session());

        for (String item : List.of("staging-healthy", "containers-running", "migrations-applied", "kong-upstream",
                "version-bumps")) {
            captain.tick(item, "checked");
        }
        captain.tick("git-tags", "four tags pushed", "https://git.example.com/opsconductor/tags/v1.1.0");
        captain.tick("database-backup", "pg_dump",
                fixtures.evidence("backup_20260601.sql", "-- PostgreSQL database dump"));
        captain.tick("rollback-tag", "pushed", "https://git.example.com/opsconductor/tags/pre-v1.1.0-rollback");
        captain.tick("container-versions", "docker compose images",
                fixtures.evidence("container_versions_20260601.txt", "automation-service 3.0.0"));
        captain.awaitStage(ReleaseStage.READY);
        captain.confirm("production");
        return new Ops(captain, world.kong());
    }

    /**
     * From ready to the gate at 50 %: the canary confirmed built, its health checks, 10 % with the smoke checks
     * through Kong, the 30-minute burn-in judged live and overridden, 50 %, and its gate judging.
     */
    private void toFiftyPercent(Ops ops) throws Exception {
        Captain captain = ops.captain;
        captain.advance(0);
        captain.approvalRequested(0);
        captain.engine.answerApproval(0, CAPTAIN, ANA, true, "docker compose ... up -d automation-service-canary");
        captain.finished(0);
        captain.started(1); // assisted: the 30 s wait for health checks starts by itself
        SessionEvent.OverrideRecorded skipWait = await(captain.log, SessionEvent.OverrideRecorded.class, o -> true,
                () -> captain.engine.overrideAdvance(ANA, "the fixture's canary answers /health already"));
        assertThat(skipWait.refusal()).startsWith("step 2 (pause for 30 s) has ");
        captain.started(2);
        assertThat(captain.finished(2).detail()).isEqualTo("canary-health, pipeline-canary-health passed");

        captain.finished(3);
        assertThat(ops.kong.weight("automation-service-canary:3003")).isEqualTo(10);
        assertThat(ops.kong.weight("automation-service:3003")).isEqualTo(90);
        assertThat(captain.finished(4).detail()).isEqualTo("ping-pong, trace-propagation passed");

        SessionEvent.StepStarted burnIn = captain.started(5);
        GateJudged holding = captain.holding("burn-in", burnIn.at());
        assertThat(holding.holdFor()).isEqualTo(Duration.ofMinutes(30));
        assertThat(condition(holding, "canary error-rate").observed()).isZero();
        assertThat(condition(holding, "canary p95-latency").observed()).isCloseTo(metrics.canary().p95(), within(0.02));
        SessionEvent.StepStarted fifty = captain.override(BURN_IN_OVERRIDE, 6);
        assertThat(await(captain.log, SessionEvent.OverrideRecorded.class,
                o -> o.reason().equals(BURN_IN_OVERRIDE)).refusal()).startsWith("gate burn-in has not passed (last "
                        + "verdict: holding)");
        captain.finished(6);
        assertThat(ops.kong.weight("automation-service-canary:3003")).isEqualTo(50);
        assertThat(ops.kong.weight("automation-service:3003")).isEqualTo(50);
        captain.started(7);
        captain.holding("metrics-10m", fifty.at());
    }

    // -------------------------------------------------------------------------------------------- onesource

    @Test
    void onesourceTakesTheCanaryIngressFromTenToAHundredPercentThroughItsChecklistAndIsPromoted() throws Exception {
        Onesource onesource = onesource(Backoff.Sleeper.REAL);
        Captain captain = onesource.captain;
        toFiftyPercentOnTheIngress(onesource);

        SessionEvent.StepStarted full = captain.override(BURN_IN_OVERRIDE + " (15 minutes at 50 %)", 5);
        assertThat(full.description()).isEqualTo("set canary weight to 100%");
        captain.finished(5);
        assertThat(annotation(onesource.world.client(), "nginx.ingress.kubernetes.io/canary-weight")).isEqualTo("100");
        await(captain.log, SessionEvent.StepProposed.class, p -> p.step() == 6);
        captain.engine.promote(ANA);
        captain.awaitStage(ReleaseStage.PROMOTED);

        Map<String, String> annotations = onesource.world.client().network().v1().ingresses().inNamespace("default")
                .withName("onesource-canary").get().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/canary", "true")
                .containsEntry("nginx.ingress.kubernetes.io/canary-weight", "100")
                .containsEntry("nginx.ingress.kubernetes.io/canary-by-header", "X-Canary")
                .containsEntry("nginx.ingress.kubernetes.io/canary-by-header-value", "enabled")
                .containsEntry("nginx.ingress.kubernetes.io/canary-by-cookie", "canary");
        assertThat(onesource.world.weights()).containsSubsequence("10", "50", "100");
        assertThat(stableEnv(onesource.world.client())).doesNotContain("USE_UNIFIED_PIPELINE=0");
    }

    @Test
    void onesourceRolledBackDuringTheTwentyFourHourGateTurnsTheCanaryOffAndSetsTheEmergencyFlags() throws Exception {
        Onesource onesource = onesource(Backoff.Sleeper.REAL);
        Captain captain = onesource.captain;
        tenPercentOnTheIngress(onesource);

        int from = captain.mark();
        captain.engine.rollback(ANA, "canary p95 delta over 100 ms");
        captain.rolledBack(from);

        assertThat(annotation(onesource.world.client(), "nginx.ingress.kubernetes.io/canary-weight")).isEqualTo("0");
        assertThat(annotation(onesource.world.client(), "nginx.ingress.kubernetes.io/canary")).isEqualTo("false");
        assertThat(stableEnv(onesource.world.client())).contains("USE_UNIFIED_PIPELINE=0", "CONV_STORE_PRIMARY=mongo");
        assertThat(await(captain.log, from, SessionEvent.RollbackStepFinished.class, s -> s.index() == 3).detail())
                .startsWith("onesource rolled out:");
    }

    @Test
    void onesourceRolledBackInStagesFromFiftyPercentHoldsAtEachWeightThenSetsTheEmergencyFlags() throws Exception {
        List<Duration> holds = new CopyOnWriteArrayList<>();
        // The 5-minute holds pass on no clock (recorded instead); retries and rollout polls wait as usual.
        Onesource onesource = onesource(d -> {
            if (d.compareTo(Duration.ofMinutes(1)) >= 0) {
                holds.add(d);
            } else {
                Backoff.Sleeper.REAL.sleep(d);
            }
        });
        Captain captain = onesource.captain;
        toFiftyPercentOnTheIngress(onesource);

        int from = captain.mark();
        captain.engine.stagedRollback(ANA, "schema repair rate climbing at 50 %");
        captain.rolledBack(from);

        assertThat(holds).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofMinutes(5));
        assertThat(captain.log.events()).filteredOn(SessionEvent.RollbackStepStarted.class::isInstance)
                .map(e -> ((SessionEvent.RollbackStepStarted) e).step()).containsExactly(
                        "set canary weight to 75%", "hold for 5 min", "set canary weight to 50%", "hold for 5 min",
                        "set canary weight to 25%", "hold for 5 min", "set canary weight to 10%", "hold for 5 min",
                        "set canary weight to 0%", "disable canary routing",
                        "set CONV_STORE_PRIMARY, USE_UNIFIED_PIPELINE on onesource", "wait for the rollout of onesource");
        onesource.world.canaryOff().get(RunbookFixtures.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(onesource.world.weights()).containsSubsequence("10", "50", "75", "50", "25", "10", "0");
        assertThat(annotation(onesource.world.client(), "nginx.ingress.kubernetes.io/canary")).isEqualTo("false");
        assertThat(stableEnv(onesource.world.client())).contains("USE_UNIFIED_PIPELINE=0", "CONV_STORE_PRIMARY=mongo");
    }

    private record Onesource(Captain captain, RunbookWorlds.Onesource world) {}

    /** Production: both Ingresses, both Deployments, production confirmed and its preflight (the staging soak) passed. */
    private Onesource onesource(Backoff.Sleeper sleeper) throws Exception {
        RunbookWorlds.Onesource world = worlds.onesource(sleeper, METRICS_INTERVAL);
        Captain captain = new Captain(world.session());

        captain.tick("flags-configured", "FEATURE_DYNAMIC_PROMPTS, FEATURE_SUGGESTED_ACTIONS on; pipeline flags set");
        captain.tick("dashboards-operational", "Grafana onesource board loads");
        captain.tick("rollback-tested", "rollback.sh default onesource on staging");
        captain.tick("staging-soak", "48 h, every SLO held", "https://grafana.example.com/d/onesource-soak");
        captain.tick("staging-ui-e2e", "tables, dark mode, mobile", "https://ci.example.com/onesource/e2e/981");
        captain.tick("staging-a11y", "axe clean");
        captain.tick("canary-ingress", "onesource-canary beside onesource-ingress at weight 0");
        captain.awaitStage(ReleaseStage.READY);
        captain.confirm("production");
        return new Onesource(captain, world);
    }

    /** Step 1, 10 %, and the 24-hour gate judging the live canary against stable. */
    private void tenPercentOnTheIngress(Onesource onesource) throws Exception {
        Captain captain = onesource.captain;
        captain.advance(0);
        assertThat(captain.finished(0).detail()).startsWith("read back 10%");
        assertThat(annotation(onesource.world.client(), "nginx.ingress.kubernetes.io/canary-weight")).isEqualTo("10");
        assertThat(annotation(onesource.world.client(), "nginx.ingress.kubernetes.io/canary")).isEqualTo("true");
        SessionEvent.StepStarted gate = captain.started(1);
        GateJudged holding = captain.holding("canary-24h", gate.at());
        assertThat(holding.holdFor()).isEqualTo(Duration.ofHours(24));
        ConditionResult delta = condition(holding, "canary − stable");
        assertThat(delta.canary()).isCloseTo(metrics.canary().p95(), within(0.02));
        assertThat(delta.stable()).isCloseTo(metrics.stable().p95(), within(0.02));
        assertThat(delta.observed()).isCloseTo(metrics.canary().p95() - metrics.stable().p95(), within(0.02));
    }

    /** Then the 24 h gate overridden, the pre-rollout checklist at the pause, 50 %, and its 15-minute gate. */
    private void toFiftyPercentOnTheIngress(Onesource onesource) throws Exception {
        Captain captain = onesource.captain;
        tenPercentOnTheIngress(onesource);
        SessionEvent.StepStarted pause = captain.override(BURN_IN_OVERRIDE + " (24 hours at 10 %)", 2);
        assertThat(pause.description()).isEqualTo("pause until the captain advances");
        captain.tick("rollback-ready", "rollback.sh rehearsed");
        captain.tick("dashboard-snapshots", "captured", "https://grafana.example.com/dashboard/snapshot/pre-rollout");
        captain.tick("metrics-snapshot", "/api/metrics/observability",
                fixtures.evidence("pre-rollout-metrics.json", "{\"p95\":0.41}"));
        captain.tick("changelog", "CHANGELOG.md updated");
        captain.tick("on-call-notified", "paged the on-call");
        captain.advance(3);
        captain.finished(3);
        assertThat(annotation(onesource.world.client(), "nginx.ingress.kubernetes.io/canary-weight")).isEqualTo("50");
        SessionEvent.StepStarted gate = captain.started(4);
        assertThat(captain.holding("slo-15m", gate.at()).holdFor()).isEqualTo(Duration.ofMinutes(15));
    }

    private static List<String> stableEnv(KubernetesClient client) {
        List<EnvVar> env = client.apps().deployments().inNamespace("default").withName("onesource").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getEnv();
        return env == null ? List.of() : env.stream().map(e -> e.getName() + "=" + e.getValue()).toList();
    }

    // ------------------------------------------------------------------------------------------------- nova

    @Test
    void novaUnlockedByLeadershipPausesItsCronJobsAppliesWaitsForBothRolloutsAndIsPromotedPastThePlaceholderDigests()
            throws Exception {
        Nova nova = nova();
        Captain captain = nova.captain;
        toAppliedAndApiRolledOut(nova);

        captain.advance(4);
        assertThat(captain.finished(4).detail()).isEqualTo("nova-worker rolled out: app=" + NOVA_WORKER_NEW);
        captain.advance(5);
        // The plan's EXPECTED digests are placeholders until infra docs give them: the image check fails.
        SessionEvent.StepFinished digests = await(captain.log, SessionEvent.StepFinished.class, f -> f.step() == 5);
        assertThat(digests.succeeded()).isFalse();
        assertThat(digests.detail()).contains("api-image: FAIL").contains("expected sha256:000000");
        captain.awaitStage(ReleaseStage.FAILED);
        String reason = "the plan's digests are placeholders; the pods' digests match the release workflow's output";
        SessionEvent.OverrideRecorded promoted = await(captain.log, SessionEvent.OverrideRecorded.class,
                o -> o.reason().equals(reason), () -> captain.engine.overridePromote(ANA, reason));
        assertThat(promoted.command()).isEqualTo("promote");
        assertThat(promoted.refusal()).isEqualTo("step 6 failed");
        captain.awaitStage(ReleaseStage.PROMOTED);

        KubernetesClient client = nova.world.client();
        assertThat(image(client, "nova-prod", "nova-api")).isEqualTo(NOVA_API_NEW);
        assertThat(image(client, "nova-prod", "nova-worker")).isEqualTo(NOVA_WORKER_NEW);
        assertThat(nova.world.suspended("nova-billing-drill")).isTrue();
        assertThat(nova.world.suspended("nova-cron-pipelines")).isTrue();
    }

    @Test
    void novaRolledBackAfterTheApiRolledOutUndoesBothDeploymentsAndSkipsTheDatabaseRestore() throws Exception {
        Nova nova = nova();
        Captain captain = nova.captain;
        toAppliedAndApiRolledOut(nova);

        int from = captain.mark();
        captain.engine.rollback(ANA, "5xx on /v1/health after the apply");
        captain.declineRollback(from, 4, new Actor("incident-commander"), "not fatal: no restore");
        captain.approveRollback(from, 5, CAPTAIN, "posted in #nova-dev, #nova-ops and on the status page");
        captain.rolledBack(from);

        assertThat(image(nova.world.client(), "nova-prod", "nova-api")).isEqualTo(NOVA_API_OLD);
        assertThat(image(nova.world.client(), "nova-prod", "nova-worker")).isEqualTo(NOVA_WORKER_OLD);
        // The rollback plan does not resume the CronJobs the release paused: they stay paused for people to decide.
        assertThat(nova.world.suspended("nova-billing-drill")).isTrue();
        assertThat(nova.world.suspended("nova-cron-pipelines")).isTrue();
    }

    private record Nova(Captain captain, RunbookWorlds.Nova world) {}

    /** nova-prod at v1.7.0 (revision 1), CronJobs running; the readiness evidence ticked; unlocked, confirmed. */
    private Nova nova() throws Exception {
        RunbookWorlds.Nova world = worlds.nova();
        Captain captain = new Captain(world.session());

        // The billing drill log must be newer than 7 days: last week's is refused.
        Path oldDrill = Path.of(fixtures.evidence("billing-drill-old.log", "drill passed"));
        Files.setLastModifiedTime(oldDrill, FileTime.from(Instant.now().minus(Duration.ofDays(8))));
        assertThat(captain.refused(() -> captain.engine.markChecklistItem("billing-drill-fresh", true, ANA,
                "last week's drill", oldDrill.toString()), "tick billing-drill-fresh").reason())
                .contains("the item wants it newer than 7 d");
        captain.tick("billing-drill-fresh", "pnpm drill:check:staging",
                fixtures.evidence("billing-drill.log", "drill passed"));
        for (String item : List.of("staging-deployed", "sample-data", "docs-for-launch", "cluster-provisioned",
                "registry-credentials", "freeze-announced", "main-locked", "digests-recorded", "tfvars-checked")) {
            captain.tick(item, "checked");
        }
        String github = "https://github.com/nova/rms/";
        captain.tick("coverage-and-smoke", "60/50/70/60, smoke green", github + "actions/runs/7");
        captain.tick("comms-prepared", "status page draft", "https://status.example.com/drafts/nova-launch");
        captain.tick("release-tagged", "pnpm release", github + "releases/tag/v1.8.0");
        captain.tick("images-published", "release-images.yml", github + "actions/runs/8");
        captain.tick("preflight-evidence", "readiness evidence",
                fixtures.evidence("20260601-preflight.md", "# Readiness\nall gates green"));
        captain.tick("database-dump", "pg_dump and db:migrate on a clone",
                fixtures.evidence("nova-20260601.dump", "PGDMP"));
        captain.awaitStage(ReleaseStage.READY);

        // Locked until leadership approves, protected as well: both before anything is changed.
        captain.confirm("production");
        assertThat(captain.refused(() -> captain.engine.advance(ANA), "advance").reason())
                .isEqualTo("production is locked until leadership approves (Production stays paused until staging "
                        + "sign-off and leadership authorize the rollout)");
        assertThat(captain.refused(() -> captain.engine.recordUnlock(CAPTAIN, ANA, "go"), "unlock").reason())
                .isEqualTo("production waits for leadership, not release-captain");
        captain.engine.recordUnlock(new Actor("leadership"), ANA, "authorized in the launch review");
        await(captain.log, SessionEvent.EnvironmentUnlocked.class, u -> u.approver().name().equals("leadership"));
        return new Nova(captain, world);
    }

    /** The CronJobs paused, Terraform applied (as the test does it), nova-api rolled out. */
    private void toAppliedAndApiRolledOut(Nova nova) throws Exception {
        Captain captain = nova.captain;
        KubernetesClient client = nova.world.client();
        SessionEvent.StepStarted first = captain.advance(0);
        // Nothing is changed before the session has opened: the lease, the last known good, the router checked.
        List<SessionEvent> before = captain.log.events().subList(0, captain.log.events().indexOf(first));
        assertThat(before).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(SessionEvent.LeaseChanged.class,
                l -> assertThat(l.ours()).isTrue()));
        assertThat(before).filteredOn(SessionEvent.LastKnownGoodRecorded.class::isInstance)
                .extracting(e -> ((SessionEvent.LastKnownGoodRecorded) e).images().get("app"))
                .containsExactlyInAnyOrder(NOVA_API_OLD, NOVA_WORKER_OLD);
        assertThat(before).anyMatch(e -> e instanceof SessionEvent.EnvironmentChecked c && c.check().equals("router"));
        assertThat(captain.finished(0).detail()).isEqualTo("cronjob nova-billing-drill suspended");
        assertThat(nova.world.suspended("nova-billing-drill")).isTrue();
        assertThat(nova.world.suspended("nova-cron-pipelines")).isFalse();
        captain.advance(1);
        assertThat(captain.finished(1).detail()).isEqualTo("cronjob nova-cron-pipelines suspended");
        assertThat(nova.world.suspended("nova-cron-pipelines")).isTrue();

        captain.advance(2);
        assertThat(captain.approvalRequested(2).title()).startsWith("infra/terraform: terraform init, plan and apply");
        nova.world.terraformApply();
        captain.engine.answerApproval(2, CAPTAIN, ANA, true, "terraform apply -var-file=envs/production.tfvars");
        captain.finished(2);
        captain.advance(3);
        assertThat(captain.finished(3).detail()).isEqualTo("nova-api rolled out: app=" + NOVA_API_NEW);
    }

    // -------------------------------------------------------------------------------------------- helpers

    private static ConditionResult condition(GateJudged judged, String starting) {
        return judged.conditions().stream().filter(c -> c.condition().contains(starting)).findFirst()
                .orElseThrow(() -> new AssertionError("no condition '" + starting + "' in " + judged.conditions()));
    }

    private static <T extends SessionEvent> T await(SessionLog log, Class<T> type,
            java.util.function.Predicate<? super T> matching, Runnable command) throws Exception {
        int from = log.events().size();
        command.run();
        return RunbookFixtures.await(log, from, type, matching);
    }

    private static <T extends SessionEvent> T await(SessionLog log, Class<T> type,
            java.util.function.Predicate<? super T> matching) throws Exception {
        return RunbookFixtures.await(log, type, matching);
    }

    private static <T extends SessionEvent> T await(SessionLog log, int from, Class<T> type,
            java.util.function.Predicate<? super T> matching) throws Exception {
        return RunbookFixtures.await(log, from, type, matching);
    }

    /** One release as its captain (ana) drives it: commands to the engine, and the events they lead to. */
    private static final class Captain {
        final LiveSession session;
        final SessionLog log;
        final ReleaseEngine engine;

        Captain(LiveSession session) {
            this.session = session;
            this.log = session.log();
            this.engine = session.engine();
        }

        /** How many events the session has recorded: what a command does comes after. */
        int mark() {
            return log.events().size();
        }

        void tick(String item, String note) {
            engine.markChecklistItem(item, true, ANA, note);
        }

        void tick(String item, String note, String evidence) {
            engine.markChecklistItem(item, true, ANA, note, evidence);
        }

        void awaitPassing(String... probes) throws Exception {
            RunbookFixtures.awaitPassing(log, probes);
        }

        void awaitStage(ReleaseStage stage) throws Exception {
            RunbookFixtures.await(log, SessionEvent.StageChanged.class, c -> c.stage() == stage);
        }

        void confirm(String name) throws Exception {
            engine.confirmProtectedEnvironment(name, ANA);
            RunbookFixtures.await(log, SessionEvent.ProtectedEnvironmentConfirmed.class, c -> true);
        }

        /** The refusal of what {@code command} asks, named as the engine names it ("advance", "unlock"). */
        SessionEvent.CommandRefused refused(Runnable command, String named) throws Exception {
            return await(log, SessionEvent.CommandRefused.class, r -> r.command().equals(named), command);
        }

        /** Advances (starting the canary from ready) and returns step {@code step}'s start. */
        SessionEvent.StepStarted advance(int step) throws Exception {
            engine.advance(ANA);
            return started(step);
        }

        /** Goes past what the plan would refuse with {@code reason} recorded, then returns step {@code next}'s start. */
        SessionEvent.StepStarted override(String reason, int next) throws Exception {
            SessionEvent.OverrideRecorded recorded = await(log, SessionEvent.OverrideRecorded.class,
                    o -> o.reason().equals(reason), () -> engine.overrideAdvance(ANA, reason));
            assertThat(recorded.who()).isEqualTo(ANA);
            assertThat(recorded.command()).isEqualTo("advance");
            return started(next);
        }

        SessionEvent.StepStarted started(int step) throws Exception {
            return RunbookFixtures.await(log, SessionEvent.StepStarted.class, s -> s.step() == step);
        }

        /** Step {@code step}'s end, which must be a success. */
        SessionEvent.StepFinished finished(int step) throws Exception {
            SessionEvent.StepFinished finished = RunbookFixtures.await(log, SessionEvent.StepFinished.class,
                    f -> f.step() == step);
            assertThat(finished.succeeded()).as(finished.detail()).isTrue();
            return finished;
        }

        SessionEvent.ApprovalRequested approvalRequested(int step) throws Exception {
            return RunbookFixtures.await(log, SessionEvent.ApprovalRequested.class, a -> a.index() == step);
        }

        /** A live judgement of {@code gate} since {@code since}: every condition within its bound, burn-in running. */
        GateJudged holding(String gate, Instant since) throws Exception {
            GateJudged judged = RunbookFixtures.await(log, GateJudged.class,
                    g -> g.gate().equals(gate) && !g.at().isBefore(since) && g.verdict() != GateVerdict.NO_DATA);
            assertThat(judged.verdict()).as(judged.conditions().toString()).isEqualTo(GateVerdict.HOLDING);
            assertThat(judged.conditions()).allMatch(c -> c.outcome() == Outcome.PASS);
            assertThat(judged.heldFor()).isLessThan(judged.holdFor());
            return judged;
        }

        /** The rollback's approval at {@code index} (not a canary step's of the same number). */
        SessionEvent.ApprovalRequested rollbackApproval(int from, int index) throws Exception {
            SessionEvent.RollbackStarted started = RunbookFixtures.await(log, from, SessionEvent.RollbackStarted.class,
                    r -> true);
            int after = log.events().indexOf(started);
            return RunbookFixtures.await(log, after, SessionEvent.ApprovalRequested.class, a -> a.index() == index);
        }

        void approveRollback(int from, int index, Actor approver, String note) throws Exception {
            assertThat(rollbackApproval(from, index).approver()).isEqualTo(approver.name());
            engine.answerApproval(index, approver, ANA, true, note);
        }

        void declineRollback(int from, int index, Actor approver, String note) throws Exception {
            assertThat(rollbackApproval(from, index).approver()).isEqualTo(approver.name());
            engine.answerApproval(index, approver, ANA, false, note);
            assertThat(RunbookFixtures.await(log, from, SessionEvent.RollbackStepFinished.class,
                    s -> s.index() == index).detail()).endsWith("skipped, as the plan allows");
        }

        /** The rollback begun after event {@code from} finished well and the release stands rolled back. */
        void rolledBack(int from) throws Exception {
            SessionEvent.RollbackFinished finished = RunbookFixtures.await(log, from,
                    SessionEvent.RollbackFinished.class, e -> true);
            assertThat(finished.succeeded()).as(finished.detail()).isTrue();
            RunbookFixtures.await(log, from, SessionEvent.StageChanged.class,
                    c -> c.stage() == ReleaseStage.ROLLED_BACK);
            assertThat(engine.stage()).isEqualTo(ReleaseStage.ROLLED_BACK);
        }
    }
}
