package dev.quarterdeck.rollout;

import dev.quarterdeck.testing.EventWaiter;

import static dev.quarterdeck.testing.EventWaiter.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.WeightApplied;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.testing.ManualClock;
import dev.quarterdeck.traffic.AccessReview;
import dev.quarterdeck.traffic.EnvironmentLease;
import dev.quarterdeck.traffic.Permission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What keeps a console from changing an environment it should not: lease, lock, protection, RBAC. */
class SafeguardsTest {
    private static final Actor DANA = new Actor("dana");
    private static final Permission PATCH_ROUTE = new Permission("patch", "gateway.networking.k8s.io", "httproutes",
            "shop", "the Gateway API router");

    private final ManualClock clock = ManualClock.at("2026-11-22T10:00:00Z");
    private final SessionLog log = SessionLog.inMemory();
    private final ScriptedRouter router = new ScriptedRouter(0);
    private ReleaseEngine engine;

    /** A lease another console may hold. */
    private static final class TestLease implements EnvironmentLease {
        volatile String holder;
        final Instant expires = Instant.parse("2026-11-22T10:00:30Z");

        TestLease(String holder) {
            this.holder = holder;
        }

        @Override
        public synchronized State acquire(String who) {
            if (holder == null || holder.equals(who)) {
                holder = who;
                return new State.Held(who, expires);
            }
            return new State.HeldByOther(holder, Instant.parse("2026-11-22T09:59:55Z"), expires);
        }

        @Override
        public synchronized State takeOver(String who) {
            holder = who;
            return new State.Held(who, expires);
        }

        @Override
        public State renew() {
            return new State.Held(holder, expires);
        }

        @Override
        public void release() {
            holder = null;
        }
    }

    private ReleaseEngine engine(String environmentExtras, Optional<EnvironmentLease> lease,
            Optional<AccessReview> review) throws Exception {
        ReleasePlan plan = PlanLoader.parse("p.yaml", """
                apiVersion: quarterdeck/v1
                metadata: {name: checkout, version: "2.4.0", owner: payments}
                environments:
                  - name: production
                    kubernetes: {namespace: shop}
                    traffic: {gatewayApi: {route: checkout, stableBackend: stable, canaryBackend: canary}}
                """ + environmentExtras);
        EnvironmentPorts ports = new EnvironmentPorts(router, Optional.empty(), Optional.empty(), review, lease,
                Map.of());
        engine = new ReleaseEngine(plan, plan.environments().get(0), ports, List.of(PATCH_ROUTE), log, clock,
                new Pacing(new Backoff(3, Duration.ofMillis(1), Duration.ofMillis(1), clock::advance),
                        Duration.ofSeconds(1)));
        engine.start(DANA, "dana@console-1");
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
    void aProtectedEnvironmentTakesNoChangeUntilItsNameIsTyped() throws Exception {
        engine("    protected: true\n", Optional.empty(), Optional.empty());
        engine.overrideWeight(10, DANA, "step 1");
        assertThat(await(log, CommandRefused.class).reason())
                .isEqualTo("production is protected: type its name to confirm before the first change");

        engine.confirmProtectedEnvironment("prod", DANA);
        engine.confirmProtectedEnvironment("production", DANA);
        await(log, SessionEvent.ProtectedEnvironmentConfirmed.class);
        engine.overrideWeight(10, DANA, "step 1");

        await(log, WeightApplied.class, a -> a.percent() == 10);
        assertThat(log.events()).filteredOn(CommandRefused.class::isInstance)
                .extracting(e -> ((CommandRefused) e).reason())
                .containsExactly("production is protected: type its name to confirm before the first change",
                        "the typed name does not match the environment's");
    }

    @Test
    void aProtectedEnvironmentStillRollsBackInOneClick() throws Exception {
        engine("    protected: true\n", Optional.empty(), Optional.empty());
        engine.rollback(DANA, "incident");
        assertThat(await(log, SessionEvent.RollbackFinished.class).succeeded()).isTrue();
    }

    @Test
    void aLockedEnvironmentWaitsForTheNamedApprover() throws Exception {
        engine("    lock: {approver: leadership, reason: production waits for sign-off}\n", Optional.empty(),
                Optional.empty());
        engine.overrideWeight(10, DANA, "step 1");
        engine.recordUnlock(new Actor("dana"), DANA, "I approve myself");
        engine.recordUnlock(new Actor("leadership"), DANA, "signed off in #release at 09:12");
        await(log, SessionEvent.EnvironmentUnlocked.class);
        engine.overrideWeight(10, DANA, "step 1");

        await(log, WeightApplied.class, a -> a.percent() == 10);
        assertThat(log.events()).filteredOn(CommandRefused.class::isInstance)
                .extracting(e -> ((CommandRefused) e).reason())
                .containsExactly("production is locked until leadership approves (production waits for sign-off)",
                        "production waits for leadership, not dana");
    }

    @Test
    void aChangeAskedForWhileTheSessionOpensWaitsForTheLeaseAndIsRefusedWhenAnotherConsoleHoldsIt()
            throws Exception {
        TestLease held = new TestLease("sam@console-2");
        java.util.concurrent.CountDownLatch apiServerAnswers = new java.util.concurrent.CountDownLatch(1);
        EnvironmentLease slow = new EnvironmentLease() {
            @Override
            public State acquire(String who) {
                try {
                    apiServerAnswers.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return held.acquire(who);
            }

            @Override
            public State takeOver(String who) {
                return held.takeOver(who);
            }

            @Override
            public State renew() {
                return held.renew();
            }

            @Override
            public void release() {
                held.release();
            }
        };
        ReleasePlan plan = PlanLoader.parse("p.yaml", """
                apiVersion: quarterdeck/v1
                metadata: {name: checkout, version: "2.4.0", owner: payments}
                environments:
                  - name: production
                    kubernetes: {namespace: shop}
                    traffic: {gatewayApi: {route: checkout, stableBackend: stable, canaryBackend: canary}}
                """);
        engine = new ReleaseEngine(plan, plan.environments().get(0), new EnvironmentPorts(router, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(slow), Map.of()), List.of(), log, clock,
                new Pacing(new Backoff(3, Duration.ofMillis(1), Duration.ofMillis(1), clock::advance),
                        Duration.ofSeconds(1)));
        engine.start(DANA, "dana@console-1");

        engine.overrideWeight(10, DANA, "step 1"); // before the API server has said who holds the lease
        engine.stage(); // a read on the engine thread: what was handed to it before has been done
        apiServerAnswers.countDown();

        assertThat(await(log, CommandRefused.class).reason()).isEqualTo("production is driven by sam@console-2; this "
                + "console is read-only (take over the lease to act)");
        assertThat(router.writes()).isEmpty();
        assertThat(log.events()).filteredOn(e -> e instanceof SessionEvent.WeightRequested).isEmpty();
    }

    @Test
    void aSecondConsoleIsReadOnlyUntilItTakesTheLeaseOver() throws Exception {
        TestLease lease = new TestLease("sam@console-2");
        engine("", Optional.of(lease), Optional.empty());
        SessionEvent.LeaseChanged held = await(log, SessionEvent.LeaseChanged.class);
        assertThat(held.ours()).isFalse();
        assertThat(held.holder()).isEqualTo("sam@console-2");

        engine.overrideWeight(10, DANA, "step 1");
        await(log, CommandRefused.class, r -> r.command().equals("set weight 10%"));
        engine.rollback(DANA, "incident");
        await(log, CommandRefused.class, r -> r.command().equals("rollback"));
        assertThat(router.writes()).isEmpty();

        engine.takeOverLease(DANA, "sam's laptop is offline during the incident");
        await(log, SessionEvent.LeaseChanged.class, l -> l.ours());
        engine.rollback(DANA, "incident");
        assertThat(await(log, SessionEvent.RollbackFinished.class).succeeded()).isTrue();
        assertThat(lease.holder).isEqualTo("dana@console-1");
        assertThat(log.events()).filteredOn(CommandRefused.class::isInstance)
                .extracting(e -> ((CommandRefused) e).reason())
                .containsOnly("production is driven by sam@console-2; this console is read-only (take over the lease "
                        + "to act)");
    }

    @Test
    void whatTheClusterWouldRefuseIsRefusedBeforeItStartsButRollbackStillTries() throws Exception {
        AccessReview denyRoutes = permissions -> permissions.stream()
                .map(p -> new AccessReview.Decision(p, false, "RBAC: no rule allows patch on httproutes"))
                .toList();
        engine("", Optional.empty(), Optional.of(denyRoutes));
        SessionEvent.PreflightChecked preflight = await(log, SessionEvent.PreflightChecked.class);
        assertThat(preflight.missing()).extracting(SessionEvent.PreflightChecked.Access::permission)
                .containsExactly("patch httproutes.gateway.networking.k8s.io in shop");

        engine.overrideWeight(10, DANA, "step 1");
        assertThat(await(log, CommandRefused.class).reason()).isEqualTo("the cluster would refuse it: the current "
                + "user may not patch httproutes.gateway.networking.k8s.io in shop (RBAC: no rule allows patch on "
                + "httproutes)");
        engine.rollback(DANA, "incident");
        await(log, SessionEvent.RollbackFinished.class);
        assertThat(router.writes()).containsExactly(0);
    }
}
