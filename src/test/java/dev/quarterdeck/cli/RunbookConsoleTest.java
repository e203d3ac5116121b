package dev.quarterdeck.cli;

import static dev.quarterdeck.cli.RunbookFixtures.ANA;
import static dev.quarterdeck.cli.RunbookFixtures.annotation;
import static dev.quarterdeck.cli.RunbookFixtures.image;
import static dev.quarterdeck.cli.RunbookWorlds.NOVA_API_NEW;
import static dev.quarterdeck.cli.RunbookWorlds.NOVA_WORKER_NEW;
import static dev.quarterdeck.cli.RunbookWorlds.OWLHUB_NEW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.rollout.Backoff;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import dev.quarterdeck.testing.Shop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The five runbook plans run from the console, as their captains would run them: every tick, confirmation,
 * approval, advance, override and promotion is a click or typed text in the window, on the same fixtures as
 * {@code RunbookReleasesTest} (mock Kubernetes API, FakeKong, endpoints on loopback, a real Prometheus). The
 * gates judge live and the console shows them holding; their burn-ins (10 minutes to 24 hours) are overridden in
 * the console with the reason recorded, as {@code RunbookReleasesTest} does through the engine. Each promoted
 * console is written to {@code target/screenshots/runbook-NAME.png} for a person to look at.
 */
@ExtendWith(ApplicationExtension.class)
class RunbookConsoleTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String BURN_IN = "burn-in is tested on a virtual clock (GatesTest); the gate holds here "
            + "and the captain goes on";
    private static final String CAPTAIN = "release-captain";
    private RunbookWorlds.Metrics metrics;

    @TempDir
    Path dir;

    private Stage stage;
    private RunbookFixtures fixtures;
    private RunbookWorlds worlds;
    private ConsoleCaptain captain;



    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void fixtures() throws Exception {
        fixtures = new RunbookFixtures(dir);
        metrics = RunbookWorlds.Metrics.shared();
        worlds = new RunbookWorlds(fixtures, dir, metrics);
    }

    @AfterEach
    void close() throws Exception {
        if (captain != null) {
            captain.close();
        }
        fixtures.close();
    }

    private ConsoleCaptain seat(LiveSession session) throws Exception {
        captain = ConsoleCaptain.seat(new FxRobot(), session, stage, ANA);
        return captain;
    }

    // ----------------------------------------------------------------------------------------------- owlhub

    @Test
    void owlhubFromTheConsole() throws Exception {
        RunbookWorlds.Owlhub owlhub = worlds.owlhub();
        ConsoleCaptain captain = seat(owlhub.session());
        captain.confirm("production");
        captain.tick("github-environment", "secrets and vars checked",
                "https://github.com/owlhub/owlhub/settings/environments/owlhub-production");
        captain.tick("kube-context", "kubectl config current-context: owlhub-production");
        captain.tick("release-tag", "tag pushed", "https://github.com/owlhub/owlhub/releases/tag/v1.5.0");
        captain.headline("Ready to start the canary");

        captain.advance(0);
        owlhub.deployWorkflowRuns();
        captain.approve(CAPTAIN, "https://github.com/owlhub/owlhub/actions/runs/42");
        captain.finished(0);
        captain.advance(1);
        assertThat(captain.finished(1).detail()).isEqualTo("owlhub-api rolled out: api=" + OWLHUB_NEW);
        captain.advance(2);
        assertThat(captain.finished(2).detail()).isEqualTo("api-health, api-metrics, index-access passed");
        captain.tick("gate-report", "quarterdeck gate --phase post-deploy: 4/4 passed",
                fixtures.evidence("owlhub-release-gate.json", "{\"passed\":true}"));

        captain.promote();
        captain.headline("Promoted");
        assertThat(image(owlhub.client(), Shop.NAMESPACE, "owlhub-api")).isEqualTo(OWLHUB_NEW);
        captain.screenshot(SCREENSHOTS.resolve("runbook-owlhub-production-rollout.png"));
    }

    // ---------------------------------------------------------------------------------------- launch gate

    @Test
    void theLaunchGateFromTheConsole() throws Exception {
        RunbookWorlds.LaunchGate gate = worlds.launchGate();
        ConsoleCaptain captain = seat(gate.session());
        launchGatePreflight(captain);

        String[] titles = {"Release start announced", "API artifact deployed",
                "DB migrations run (or none in this release)", "Web artifact deployed"};
        for (int step = 0; step < titles.length; step++) {
            int from = captain.mark();
            int index = step;
            captain.advance(step);
            assertThat(captain.await(from, SessionEvent.ApprovalRequested.class, a -> a.index() == index).title())
                    .isEqualTo(titles[step]);
            captain.approve(CAPTAIN, "done on Railway");
            captain.finished(step);
        }
        captain.advance(4);
        assertThat(captain.finished(4).detail()).isEqualTo("api-health, api-ready, web-home passed");

        captain.promote();
        captain.headline("Promoted");
        captain.screenshot(SCREENSHOTS.resolve("runbook-release-runbook-launch-gate.png"));
        assertThat(captain.log().events().toString()).doesNotContain(RunbookWorlds.LAUNCH_GATE_ADMIN_TOKEN)
                .doesNotContain("csrf-from-ci").doesNotContain("webhook-secret-from-ci");
    }

    @Test
    void theLaunchGateRolledBackFromTheConsoleWithEachApprovalAnsweredInThePrompt() throws Exception {
        RunbookWorlds.LaunchGate gate = worlds.launchGate();
        ConsoleCaptain captain = seat(gate.session());
        launchGatePreflight(captain);
        for (int step = 0; step < 2; step++) {
            captain.advance(step);
            captain.approve(CAPTAIN, "done on Railway");
            captain.finished(step);
        }

        int smoke = gate.production().requested().size();
        captain.rollback();
        captain.approve(CAPTAIN, "deploys frozen");
        captain.approve(CAPTAIN, "web back to its previous artifact");
        captain.approve(CAPTAIN, "API back to its previous artifact");
        captain.decline("db-owner", "no migration ran: nothing to restore");
        captain.awaitStage(ReleaseStage.ROLLED_BACK);
        captain.headline("Rolled back");
        assertThat(captain.await(0, SessionEvent.RollbackFinished.class, f -> true).succeeded()).isTrue();
        assertThat(gate.production().requested().subList(smoke, gate.production().requested().size()))
                .contains("GET /health", "GET /ready", "GET /");
        captain.screenshot(SCREENSHOTS.resolve("runbook-release-runbook-launch-gate-rolled-back.png"));
    }

    /** Strict: the optional verify:local warns, and warnings block, until it too is ticked. */
    private void launchGatePreflight(ConsoleCaptain captain) throws Exception {
        captain.confirm("production");
        String ci = "https://github.com/acme/app/actions/runs/";
        captain.tick("target-env-vars", "release:preflight:env", ci + "1");
        captain.tick("railway-gate-strict", "release:railway:gate:strict", ci + "2");
        captain.tick("qa-preflight", "release:preflight:qa", ci + "3");
        captain.tick("web-tests", "test:web", ci + "4");
        captain.tick("api-tests", "test:api -- --runInBand", ci + "5");
        captain.tick("staging-dry-run", "release:dry-run:local",
                fixtures.evidence("dry-run-smoke.json", "{\"smokeRequiredSteps\":{\"pass\":true}}"));
        RunbookFixtures.awaitPassing(captain.log(), "release-context");
        assertThat(captain.advanceRefused().reason()).contains("npm run verify:local");
        captain.tick("verify-local", "verify:local passed on the release branch");
        captain.headline("Ready to start the canary");
    }

    // ----------------------------------------------------------------------------------------- opsconductor

    @Test
    void opsconductorFromTheConsole() throws Exception {
        RunbookWorlds.Ops ops = worlds.opsconductor(Duration.ofSeconds(1));
        ConsoleCaptain captain = seat(ops.session());
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
        captain.confirm("production");
        captain.headline("Ready to start the canary");

        captain.advance(0);
        captain.approve(CAPTAIN, "docker compose up -d automation-service-canary");
        // Assisted: the 30 s wait starts by itself; the fixture's canary answers already.
        captain.started(0, 1);
        captain.overrideAdvance("the fixture's canary answers /health already");
        assertThat(captain.finished(3).detail()).startsWith("read back 10%");
        assertThat(ops.kong().weight("automation-service-canary:3003")).isEqualTo(10);
        captain.finished(4);

        holdThenOverride(captain, "burn-in", 5);
        captain.finished(6);
        assertThat(ops.kong().weight("automation-service-canary:3003")).isEqualTo(50);
        holdThenOverride(captain, "metrics-10m", 7);
        captain.finished(8);
        assertThat(ops.kong().weight("automation-service-canary:3003")).isEqualTo(100);
        holdThenOverride(captain, "metrics-10m", 9);
        captain.approve(CAPTAIN, "old containers stopped, canary renamed");
        captain.finished(10);

        captain.promote();
        captain.headline("Promoted");
        assertThat(ops.kong().writes()).containsSubsequence("automation-service-canary:3003=10",
                "automation-service-canary:3003=50", "automation-service-canary:3003=100");
        captain.screenshot(SCREENSHOTS.resolve("runbook-opsconductor-canary-kong.png"));
    }

    // -------------------------------------------------------------------------------------------- onesource

    @Test
    void onesourceFromTheConsole() throws Exception {
        RunbookWorlds.Onesource onesource = worlds.onesource(Backoff.Sleeper.REAL, Duration.ofSeconds(1));
        ConsoleCaptain captain = seat(onesource.session());
        toFiftyPercent(captain);
        holdThenOverride(captain, "slo-15m", 4);
        captain.finished(5);
        assertThat(annotation(onesource.client(), "nginx.ingress.kubernetes.io/canary-weight")).isEqualTo("100");

        captain.promote();
        captain.headline("Promoted");
        assertThat(onesource.weights()).containsSubsequence("10", "50", "100");
        captain.screenshot(SCREENSHOTS.resolve("runbook-onesource-nginx-canary.png"));
    }

    @Test
    void onesourceRolledBackInStagesFromTheConsole() throws Exception {
        List<Duration> holds = new CopyOnWriteArrayList<>();
        // The 5-minute holds pass on no clock (recorded instead); retries and rollout polls wait as usual.
        RunbookWorlds.Onesource onesource = worlds.onesource(d -> {
            if (d.compareTo(Duration.ofMinutes(1)) >= 0) {
                holds.add(d);
            } else {
                Backoff.Sleeper.REAL.sleep(d);
            }
        }, Duration.ofSeconds(1));
        ConsoleCaptain captain = seat(onesource.session());
        toFiftyPercent(captain);

        captain.stagedRollback("schema repair rate climbing at 50 %");
        captain.awaitStage(ReleaseStage.ROLLED_BACK);
        captain.headline("Rolled back");
        assertThat(holds).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofMinutes(5));
        assertThat(onesource.weights()).containsSubsequence("10", "50", "75", "50", "25", "10", "0");
        assertThat(annotation(onesource.client(), "nginx.ingress.kubernetes.io/canary")).isEqualTo("false");
        captain.screenshot(SCREENSHOTS.resolve("runbook-onesource-nginx-canary-rolled-back.png"));
    }

    /** The staging soak ticked, 10 %, the 24-hour gate holding and overridden, the pause's checklist, 50 %. */
    private void toFiftyPercent(ConsoleCaptain captain) throws Exception {
        captain.tick("flags-configured", "FEATURE_DYNAMIC_PROMPTS, FEATURE_SUGGESTED_ACTIONS on");
        captain.tick("dashboards-operational", "Grafana onesource board loads");
        captain.tick("rollback-tested", "rollback.sh default onesource on staging");
        captain.tick("staging-soak", "48 h, every SLO held", "https://grafana.example.com/d/onesource-soak");
        captain.tick("staging-ui-e2e", "tables, dark mode, mobile", "https://ci.example.com/onesource/e2e/981");
        captain.tick("staging-a11y", "axe clean");
        captain.tick("canary-ingress", "onesource-canary beside onesource-ingress at weight 0");
        captain.confirm("production");
        captain.headline("Ready to start the canary");

        captain.advance(0);
        assertThat(captain.finished(0).detail()).startsWith("read back 10%");
        GateJudged holding = holdThenOverride(captain, "canary-24h", 1);
        assertThat(holding.holdFor()).isEqualTo(Duration.ofHours(24));
        captain.screenshot(SCREENSHOTS.resolve("runbook-onesource-nginx-canary-gate.png"));
        captain.tick("rollback-ready", "rollback.sh rehearsed");
        captain.tick("dashboard-snapshots", "captured",
                "https://grafana.example.com/dashboard/snapshot/pre-rollout");
        captain.tick("metrics-snapshot", "/api/metrics/observability",
                fixtures.evidence("pre-rollout-metrics.json", "{\"p95\":0.41}"));
        captain.tick("changelog", "CHANGELOG.md updated");
        captain.tick("on-call-notified", "paged the on-call");
        captain.advance(3);
        captain.finished(3);
    }

    // ------------------------------------------------------------------------------------------------- nova

    @Test
    void novaFromTheConsole() throws Exception {
        RunbookWorlds.Nova nova = worlds.nova();
        ConsoleCaptain captain = seat(nova.session());
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
        captain.confirm("production");
        captain.unlock("leadership", "authorized in the launch review");
        captain.headline("Ready to start the canary");

        captain.advance(0);
        captain.finished(0);
        captain.advance(1);
        captain.finished(1);
        assertThat(nova.suspended("nova-billing-drill")).isTrue();
        assertThat(nova.suspended("nova-cron-pipelines")).isTrue();
        captain.advance(2);
        nova.terraformApply();
        captain.approve(CAPTAIN, "terraform apply -var-file=envs/production.tfvars");
        captain.finished(2);
        captain.advance(3);
        captain.finished(3);
        captain.advance(4);
        captain.finished(4);
        // The plan's expected digests are placeholders until infra docs give them: the image check fails, and the
        // captain promotes past it with the reason recorded.
        captain.advance(5);
        captain.awaitStage(ReleaseStage.FAILED);
        int from = captain.mark();
        captain.click("#promote");
        assertThat(captain.await(from, SessionEvent.CommandRefused.class, r -> r.command().equals("promote"))
                .reason()).startsWith("step 6 failed");
        SessionEvent.OverrideRecorded promoted = captain.override(
                "the plan's digests are placeholders; the pods' digests match the release workflow's output");
        assertThat(promoted.command()).isEqualTo("promote");
        captain.awaitStage(ReleaseStage.PROMOTED);
        captain.headline("Promoted");
        assertThat(image(nova.client(), "nova-prod", "nova-api")).isEqualTo(NOVA_API_NEW);
        assertThat(image(nova.client(), "nova-prod", "nova-worker")).isEqualTo(NOVA_WORKER_NEW);
        captain.screenshot(SCREENSHOTS.resolve("runbook-nova-production-playbook.png"));
    }

    // -------------------------------------------------------------------------------------------- helpers

    /**
     * Waits for gate {@code gate} (step {@code step}) to judge the live canary and the console to show it
     * holding its burn-in, then overrides the advance past it. Returns the judgement it held on.
     */
    private static GateJudged holdThenOverride(ConsoleCaptain captain, String gate, int step) throws Exception {
        SessionEvent.StepStarted started = captain.started(0, step);
        GateJudged holding = captain.await(0, GateJudged.class, g -> g.gate().equals(gate)
                && !g.at().isBefore(started.at()) && g.verdict() == GateVerdict.HOLDING);
        assertThat(holding.heldFor()).isLessThan(holding.holdFor());
        ConsoleCaptain.waitFor(() -> captain.text("#gate-verdict").toLowerCase(Locale.ROOT).equals("holding"));
        SessionEvent.OverrideRecorded recorded = captain.overrideAdvance(BURN_IN + " (" + gate + ")");
        assertThat(recorded.refusal()).startsWith("gate " + gate + " has not passed");
        captain.started(0, step + 1);
        return holding;
    }
}
