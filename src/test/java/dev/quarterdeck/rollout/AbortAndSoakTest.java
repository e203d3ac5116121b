package dev.quarterdeck.rollout;

import static dev.quarterdeck.rollout.FlowHarness.CAPTAIN;
import static dev.quarterdeck.rollout.FlowHarness.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent.AbortCleared;
import dev.quarterdeck.session.SessionEvent.AbortTriggered;
import dev.quarterdeck.session.SessionEvent.FollowUpDue;
import dev.quarterdeck.session.SessionEvent.FollowUpFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Abort rules on every sample, and what follows promotion, on a virtual clock. */
class AbortAndSoakTest {

    static final Duration INTERVAL = Duration.ofSeconds(2);

    static final String PLAN = """
            apiVersion: quarterdeck/v1
            metadata: {name: checkout, version: 2.4.0, owner: payments}
            environments:
              - name: sandbox
                traffic: {sandbox: {}}
            canary:
              steps:
                - setWeight: 10
                - pause: {}
                - setWeight: 100
            gates:
              - name: slo
                conditions:
                  - {metric: error-rate, track: canary, max: 1%%}
            abort:
              - {severity: sev1, when: {metric: error-rate, track: canary, max: 5%%}, then: %s}
              - {severity: sev2, when: {metric: error-rate, track: canary, max: 1%%}, then: alert}
            rollback:
              staged: {weights: [5, 0], hold: 1m}
              steps:
                - setWeight: 0
            followUps:
              - {after: 1d, title: Observe 24 h of metrics and the error budget}
              - {after: 48h, title: 48 h soak held the SLOs, gate: slo}
              - {after: 3d, title: Review support tickets}
            """;

    static FlowHarness canaryRunning(String sev1Response) throws Exception {
        FlowHarness h = new FlowHarness(PLAN.formatted(sev1Response));
        h.tick();
        h.flow.advance(CAPTAIN, Optional.empty());
        h.settle();
        h.flow.advance(CAPTAIN, Optional.empty()); // at the indefinite pause, 10 % on the canary
        assertThat(h.routerWeight()).isEqualTo(10);
        return h;
    }

    @Test
    void aBadCanaryIsRolledBackWithinTwoProbeIntervalsOfTheBreach() throws Exception {
        FlowHarness h = canaryRunning("rollback");
        h.run(Duration.ofMinutes(5), INTERVAL, t -> errors(0.002, 0.001));
        assertThat(h.rollbacks).isEmpty();

        // 10 % of canary requests fail from now; the scraped rate climbs over a 15 s window.
        Instant faultAt = h.clock.instant();
        h.run(Duration.ofSeconds(30), INTERVAL, t -> {
            double seconds = Duration.between(faultAt, t).toSeconds();
            return errors(Math.min(0.10, 0.10 * seconds / 15), 0.001);
        });

        AbortTriggered sev1 = h.all(AbortTriggered.class).stream().filter(a -> a.severity().equals("sev1"))
                .findFirst().orElseThrow();
        RollbackStarted rollback = h.last(RollbackStarted.class);
        Instant breach = h.all(dev.quarterdeck.session.SessionEvent.MetricSample.class).stream()
                .filter(s -> s.track() == dev.quarterdeck.plan.Track.CANARY && s.value() > 0.05)
                .map(dev.quarterdeck.session.SessionEvent.MetricSample::at).findFirst().orElseThrow();
        assertThat(Duration.between(breach, rollback.at())).isLessThanOrEqualTo(INTERVAL.multipliedBy(2));
        assertThat(sev1.response()).isEqualTo(AbortRule.Response.ROLLBACK);
        assertThat(sev1.observed()).isGreaterThan(0.05);
        assertThat(sev1.threshold()).isEqualTo(0.05);
        assertThat(rollback.who().name()).isEqualTo("quarterdeck");
        assertThat(rollback.reason()).startsWith("sev1: canary error-rate ").endsWith(" breaches canary error-rate ≤ 5%");
        assertThat(h.rollbacks).hasSize(1);
        assertThat(h.routerWeight()).isZero();
        assertThat(h.flow.stage()).isEqualTo(ReleaseStage.ROLLED_BACK);
    }

    @Test
    void anAlertRuleRaisesAndClearsWithoutRollingBack() throws Exception {
        FlowHarness h = canaryRunning("rollback");

        h.run(Duration.ofSeconds(6), INTERVAL, t -> errors(0.03, 0.001));
        h.run(Duration.ofSeconds(6), INTERVAL, t -> errors(0.002, 0.001));
        h.run(Duration.ofSeconds(2), INTERVAL, t -> errors(0.02, 0.001));

        assertThat(h.all(AbortTriggered.class)).extracting(AbortTriggered::severity).containsExactly("sev2", "sev2");
        assertThat(h.all(AbortTriggered.class)).allSatisfy(a ->
                assertThat(a.response()).isEqualTo(AbortRule.Response.ALERT));
        assertThat(h.all(AbortCleared.class)).hasSize(1);
        assertThat(h.last(AbortCleared.class).observed()).isEqualTo(0.002);
        assertThat(h.rollbacks).isEmpty();
        assertThat(h.flow.stage()).isEqualTo(ReleaseStage.CANARY);
    }

    @Test
    void aRuleCanAskForTheStagedRollback() throws Exception {
        FlowHarness h = canaryRunning("stagedRollback");

        h.run(Duration.ofSeconds(2), INTERVAL, t -> errors(0.2, 0.001));

        assertThat(h.rollbacks).singleElement().asString().startsWith("staged: sev1:");
    }

    @Test
    void rulesDoNotWatchBeforeTheCanaryCarriesTraffic() throws Exception {
        FlowHarness h = new FlowHarness(PLAN.formatted("rollback"));
        h.tick();

        h.run(Duration.ofSeconds(10), INTERVAL, t -> errors(0.5, 0.001));

        assertThat(h.all(AbortTriggered.class)).isEmpty();
        assertThat(h.rollbacks).isEmpty();
    }

    @Test
    void aFortyEightHourSoakAfterPromotionIsKeptInTheSession() throws Exception {
        FlowHarness h = canaryRunning("rollback");
        h.flow.advance(CAPTAIN, Optional.empty()); // 100 %
        h.settle();
        h.flow.promote(CAPTAIN, Optional.empty());
        assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PROMOTED);
        Instant promoted = h.clock.instant();

        h.run(Duration.ofHours(25), Duration.ofMinutes(1), t -> errors(0.002, 0.002));
        FollowUpDue day1 = h.last(FollowUpDue.class);
        assertThat(day1.title()).isEqualTo("Observe 24 h of metrics and the error budget");
        assertThat(Duration.between(promoted, day1.at())).isEqualTo(Duration.ofDays(1));
        h.flow.completeFollowUp(2, CAPTAIN, "");
        assertThat(h.lastRefusal()).isEqualTo("'Review support tickets' is due in 1 d 23 h");
        h.flow.completeFollowUp(0, CAPTAIN, "error budget at 97 %");
        assertThat(h.last(FollowUpFinished.class).who()).isEqualTo(CAPTAIN);

        h.run(Duration.ofHours(23), Duration.ofMinutes(1), t -> errors(0.002, 0.002));

        FollowUpFinished soak = h.last(FollowUpFinished.class);
        assertThat(soak.index()).isEqualTo(1);
        assertThat(soak.passed()).isTrue();
        assertThat(soak.detail()).isEqualTo("gate slo held for 2 d after promotion");
        assertThat(Duration.between(promoted, soak.at())).isEqualTo(Duration.ofHours(48));

        h.run(Duration.ofHours(24), Duration.ofMinutes(5), t -> errors(0.002, 0.002));
        assertThat(h.all(FollowUpDue.class)).extracting(FollowUpDue::index).containsExactly(0, 1, 2);
    }

    @Test
    void aSoakFailsAsSoonAsItsGateFails() throws Exception {
        FlowHarness h = canaryRunning("alert");
        h.flow.advance(CAPTAIN, Optional.empty());
        h.settle();
        h.flow.promote(CAPTAIN, Optional.empty());
        Instant promoted = h.clock.instant();

        h.run(Duration.ofHours(30), Duration.ofMinutes(1), t -> errors(0.002, 0.002));
        h.run(Duration.ofMinutes(3), Duration.ofMinutes(1), t -> errors(0.03, 0.002));

        FollowUpFinished soak = h.last(FollowUpFinished.class);
        assertThat(soak.passed()).isFalse();
        assertThat(soak.detail()).isEqualTo("gate slo failed during the soak");
        assertThat(Duration.between(promoted, soak.at())).isEqualTo(Duration.ofHours(30).plusMinutes(3));
        assertThat(h.all(AbortTriggered.class)).as("abort rules still watch after promotion").isNotEmpty();
    }
}
