package dev.quarterdeck.rollout;

import dev.quarterdeck.testing.EventWaiter;

import static dev.quarterdeck.testing.EventWaiter.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.probe.ProbeTask;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.ApprovalRequested;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStepFinished;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.testing.ManualClock;
import dev.quarterdeck.traffic.ActionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every kind of rollback step, run by the engine against in-memory ports, on virtual time. */
class RollbackStepsTest {
    private static final Actor IC = new Actor("ic");

    private final ManualClock clock = ManualClock.at("2026-11-22T10:00:00Z");
    private final Backoff virtualTime = new Backoff(4, Duration.ofMillis(250), Duration.ofSeconds(2), clock::advance);
    private final SessionLog log = SessionLog.inMemory();
    private final ScriptedRouter router = new ScriptedRouter(40);
    private final ScriptedCluster cluster = new ScriptedCluster()
            .deployment("checkout", "api", "gcr.io/shop/checkout:2.3.9")
            .deployment("checkout-canary", "api", "gcr.io/shop/checkout:2.4.0")
            .cronJob("billing-drill", false);
    private final Deque<Outcome> smoke = new ArrayDeque<>();
    private ReleaseEngine engine;

    private ReleaseEngine engine(String rollbackSteps) throws Exception {
        ReleasePlan plan = PlanLoader.parse("checkout.yaml", """
                apiVersion: quarterdeck/v1
                metadata: {name: checkout, version: "2.4.0", owner: payments}
                environments:
                  - name: production
                    kubernetes: {namespace: shop, deployments: {stable: checkout, canary: checkout-canary}}
                    traffic: {gatewayApi: {route: checkout, stableBackend: stable, canaryBackend: canary}}
                    metrics: {prometheus: {url: "http://prometheus:9090"}}
                probes:
                  - id: smoke
                    http: {url: "https://checkout.example.com/health"}
                rollback:
                  steps:
                """ + rollbackSteps);
        ProbeTask smokeProbe = new ProbeTask() {
            @Override
            public String name() {
                return "smoke";
            }

            @Override
            public Duration interval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public List<? extends SessionEvent> run() {
                Outcome outcome = smoke.isEmpty() ? Outcome.PASS : smoke.poll();
                return List.of(new SessionEvent.ProbeSample(clock.instant(), "smoke", outcome, "HTTP", Duration.ZERO));
            }

            @Override
            public List<? extends SessionEvent> missed(Instant at, String reason) {
                return List.of();
            }
        };
        EnvironmentPorts ports = new EnvironmentPorts(router, Optional.of(cluster), Optional.of(cluster),
                Optional.empty(), Optional.empty(), Map.of("smoke", smokeProbe));
        engine = new ReleaseEngine(plan, plan.environments().get(0), ports, List.of(), log, clock,
                new Pacing(virtualTime, Duration.ofSeconds(2)));
        engine.start(IC);
        await(log, SessionEvent.EnvironmentChecked.class, c -> c.check().equals("router"));
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aFullRollbackRestoresTheLastKnownGoodWaitsForTheRolloutAndRunsTheSmokeProbes() throws Exception {
        engine("""
                    - setWeight: 0
                    - setImage: {deployment: checkout-canary, image: last-known-good}
                    - setImage: {deployment: checkout, image: gcr.io/shop/checkout:2.3.8}
                    - waitForRollout: {deployment: checkout, timeout: 3m}
                    - setEnv: {deployment: checkout, env: {FEATURE_DYNAMIC_PROMPTS: "0"}}
                    - scale: {deployment: checkout-canary, replicas: 0}
                    - suspendCronJob: billing-drill
                    - runProbes: [smoke]
                """);
        cluster.rolloutTakes(3);
        engine.rollback(IC, "error rate");

        RollbackFinished finished = await(log, RollbackFinished.class);
        assertThat(finished.succeeded()).as(finished.detail()).isTrue();
        assertThat(finished.weight()).isZero();
        assertThat(cluster.image("checkout-canary", "api")).as("the image it ran at session start")
                .isEqualTo("gcr.io/shop/checkout:2.4.0");
        assertThat(cluster.writes()).containsExactly(
                "setImage checkout-canary gcr.io/shop/checkout:2.4.0",
                "setImage checkout gcr.io/shop/checkout:2.3.8",
                "setEnv checkout {FEATURE_DYNAMIC_PROMPTS=0}",
                "scale checkout-canary 0",
                "suspend billing-drill");
        assertThat(log.events()).filteredOn(RollbackStepFinished.class::isInstance)
                .extracting(e -> ((RollbackStepFinished) e).detail())
                .containsExactly(
                        "read back 0% from scripted router",
                        "checkout-canary specifies gcr.io/shop/checkout:2.4.0",
                        "checkout specifies gcr.io/shop/checkout:2.3.8",
                        "checkout rolled out: api=gcr.io/shop/checkout:2.3.8",
                        "checkout has FEATURE_DYNAMIC_PROMPTS=0",
                        "checkout-canary scaled to 0",
                        "cronjob billing-drill suspended",
                        "smoke passed");
        assertThat(log.events()).filteredOn(SessionEvent.RollbackStepProgress.class::isInstance)
                .extracting(e -> ((SessionEvent.RollbackStepProgress) e).progress())
                .contains("1 out of 3 new replicas have been updated");
    }

    @Test
    void aRolloutThatNeverCompletesFailsAtItsTimeoutWithWhereItStood() throws Exception {
        engine("""
                    - setImage: {deployment: checkout, image: gcr.io/shop/checkout:2.3.8}
                    - waitForRollout: {deployment: checkout, timeout: 3m}
                    - setWeight: 0
                """);
        cluster.rolloutTakes(1_000_000);
        Instant start = clock.instant();
        engine.rollback(IC, "drill");

        RollbackFinished finished = await(log, RollbackFinished.class);
        assertThat(finished.succeeded()).isFalse();
        assertThat(finished.detail()).isEqualTo("stopped at step 2 of 3: the rollout of checkout did not complete "
                + "within 180 s: 0 out of 3 new replicas have been updated");
        assertThat(Duration.between(start, clock.instant())).as("virtual time waited")
                .isGreaterThanOrEqualTo(Duration.ofMinutes(3));
        assertThat(router.writes()).as("the steps after a failed one do not run").isEmpty();
    }

    @Test
    void aFailedRolloutStopsAtOnce() throws Exception {
        engine("""
                    - waitForRollout: checkout
                """);
        cluster.progressDeadlineExceeded();
        engine.rollback(IC, "drill");

        assertThat(await(log, RollbackFinished.class).detail()).isEqualTo("stopped at step 1 of 1: the rollout of "
                + "checkout failed: deployment \"checkout\" exceeded its progress deadline");
    }

    @Test
    void transientFailuresAreRetriedAndADenialStopsTheRollbackSayingWhy() throws Exception {
        engine("""
                    - scale: {deployment: checkout-canary, replicas: 0}
                    - suspendCronJob: billing-drill
                """);
        cluster.failNextWrite("scale", new ActionException("patch deployments.apps/checkout-canary: 503 server error",
                true));
        cluster.failNextWrite("suspend", new ActionException("patch cronjobs.batch/billing-drill in namespace shop: 403 Forbidden "
                + "(the current user may not patch cronjobs.batch)", false));
        engine.rollback(IC, "drill");

        RollbackFinished finished = await(log, RollbackFinished.class);
        assertThat(cluster.writes()).containsExactly("scale checkout-canary 0");
        assertThat(finished.detail()).isEqualTo("stopped at step 2 of 2: patch cronjobs.batch/billing-drill in "
                + "namespace shop: 403 Forbidden (the current user may not patch cronjobs.batch)");
    }

    @Test
    void smokeProbesThatFailWhilePodsStartAreTriedAgain() throws Exception {
        engine("""
                    - runProbes: [smoke]
                """);
        smoke.add(Outcome.ERROR);
        smoke.add(Outcome.FAIL);
        engine.rollback(IC, "drill");

        assertThat(await(log, RollbackFinished.class).succeeded()).isTrue();
        assertThat(log.events()).filteredOn(SessionEvent.ProbeSample.class::isInstance).hasSize(3);
    }

    @Test
    void anApprovalStepWaitsForTheNamedPersonAndADeclineStopsTheRollback() throws Exception {
        engine("""
                    - setWeight: 0
                    - approval: {approver: db-owner, title: Restore the database from the latest dump}
                    - suspendCronJob: billing-drill
                """);
        engine.rollback(IC, "data corruption");

        ApprovalRequested asked = await(log, ApprovalRequested.class);
        assertThat(asked.index()).isEqualTo(1);
        engine.answerApproval(1, new Actor("intern"), IC, true, "looks fine");
        CommandRefused refused = await(log, CommandRefused.class);
        assertThat(refused.reason()).isEqualTo("step 2 waits for db-owner, not intern");
        assertThat(cluster.writes()).isEmpty();

        engine.answerApproval(1, new Actor("db-owner"), IC, false, "the dump is from before the migration");
        RollbackFinished finished = await(log, RollbackFinished.class);
        assertThat(finished.succeeded()).isFalse();
        assertThat(finished.detail()).isEqualTo("stopped at step 2 of 3: declined by db-owner: the dump is from "
                + "before the migration");
        assertThat(log.events()).anySatisfy(e -> assertThat(e).isEqualTo(new SessionEvent.ApprovalAnswered(
                clock.instant(), 1, new Actor("db-owner"), IC, false, "the dump is from before the migration")));
    }

    @Test
    void aDeclinedApprovalThatThePlanAllowsToSkipIsSkipped() throws Exception {
        engine("""
                    - approval: {approver: db-owner, title: Restore the database, ifDeclined: skip}
                    - setWeight: 0
                """);
        engine.rollback(IC, "data corruption");
        await(log, ApprovalRequested.class);

        engine.answerApproval(0, new Actor("db-owner"), IC, false, "data is fine");

        RollbackFinished finished = await(log, RollbackFinished.class);
        assertThat(finished.succeeded()).isTrue();
        assertThat(log.events()).filteredOn(SessionEvent.RollbackStepFinished.class::isInstance)
                .extracting(e -> ((SessionEvent.RollbackStepFinished) e).detail())
                .first().isEqualTo("declined by db-owner: data is fine; skipped, as the plan allows");
    }

    @Test
    void anApprovedStepGoesOnAndRecordsWhoEnteredIt() throws Exception {
        engine("""
                    - approval: {approver: db-owner, title: Restore the database}
                    - suspendCronJob: billing-drill
                """);
        engine.rollback(IC, "drill");
        await(log, ApprovalRequested.class);
        engine.answerApproval(0, new Actor("db-owner"), IC, true, "");

        assertThat(await(log, RollbackFinished.class).succeeded()).isTrue();
        assertThat(log.events()).filteredOn(RollbackStepFinished.class::isInstance).first()
                .extracting(e -> ((RollbackStepFinished) e).detail()).isEqualTo("approved by db-owner (recorded by ic)");
        assertThat(cluster.writes()).containsExactly("suspend billing-drill");
    }
}
