package dev.quarterdeck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.GateJudged.ConditionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Time to detect and time to mitigate, as {@link IncidentTiming} defines them, from each kind of evidence. */
class IncidentTimingTest {
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final Actor ANA = new Actor("ana");

    private final List<SessionEvent> events = new ArrayList<>(List.of(
            new SessionEvent.SessionStarted(T0, "checkout", "2.4.0", "sandbox", ANA)));

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** The canary's error rate, one sample every 2 s from {@code from}, of each value in turn. */
    private void canaryErrors(int from, double... values) {
        for (int i = 0; i < values.length; i++) {
            events.add(new SessionEvent.MetricSample(at(from + 2 * i), Track.CANARY, Metric.ERROR_RATE, values[i],
                    Double.isNaN(values[i]) ? Outcome.NO_DATA : Outcome.PASS, ""));
        }
    }

    private void gate(int second, GateVerdict verdict, double observed) {
        events.add(new SessionEvent.GateJudged(at(second), "slo", verdict, List.of(new ConditionResult(
                "canary error-rate ≤ 1%", observed > 0.01 ? Outcome.FAIL : Outcome.PASS, observed, 0.01, observed,
                Double.NaN, "")), Duration.ZERO, Duration.ofMinutes(5), 0, 3));
    }

    private IncidentTiming timing() {
        return ReportBuilder.build(events, Redaction.none()).timing();
    }

    @Test
    void aFaultInjectedInTheSandboxIsWhenTheImpactBegan() {
        events.add(new SessionEvent.SandboxFaultsChanged(at(10), ANA, 0.1, Duration.ZERO));
        canaryErrors(10, 0.004, 0.03, 0.07);
        events.add(new SessionEvent.AbortTriggered(at(14), "sev1", AbortRule.Response.ROLLBACK,
                "canary error-rate ≤ 5%", 0.07, 0.05));
        events.add(new SessionEvent.RollbackStarted(at(14), Actor.quarterdeck(), "sev1", 1));
        events.add(new SessionEvent.WeightApplied(at(16), 0, 0, "sandbox"));

        IncidentTiming t = timing();

        assertThat(t.impactAt()).contains(at(10));
        assertThat(t.impactBy()).isEqualTo("canary faults injected by ana: 10% errors");
        assertThat(t.detectedAt()).contains(at(14));
        assertThat(t.detectedBy()).isEqualTo("sev1 abort rule breached: canary error-rate ≤ 5%, observed 7%");
        assertThat(t.timeToDetect()).contains(Duration.ofSeconds(4));
        assertThat(t.mitigatedAt()).contains(at(16));
        assertThat(t.timeToMitigate()).contains(Duration.ofSeconds(2));
        assertThat(t.rollbackToZero()).contains(Duration.ofSeconds(2));
    }

    @Test
    void withoutAFaultTheImpactBeganAtTheFirstSampleOfTheBreachThatLastedUntilDetection() {
        gate(0, GateVerdict.HOLDING, 0.002); // the session judges canary error-rate ≤ 1%
        canaryErrors(2, 0.002, 0.012, 0.004, 0.011, 0.015, Double.NaN, 0.02, 0.03);
        events.add(new SessionEvent.AbortTriggered(at(16), "sev2", AbortRule.Response.ALERT,
                "canary error-rate ≤ 2.5%", 0.03, 0.025));

        IncidentTiming t = timing();

        assertThat(t.impactAt()).as("the breach at 4 s ended at 6 s; the one from 8 s lasted").contains(at(8));
        assertThat(t.impactBy()).isEqualTo("the first canary error-rate sample beyond 1% (gate slo: canary "
                + "error-rate ≤ 1%): 1.1%");
        assertThat(t.timeToDetect()).contains(Duration.ofSeconds(8));
        assertThat(t.mitigatedAt()).isEmpty();
        assertThat(t.timeToMitigate()).isEmpty();
        assertThat(t.mitigatedBy()).isEqualTo("the router never read back 0 % after detection");
    }

    @Test
    void aFailingGateVerdictIsADetection() {
        canaryErrors(0, 0.002, 0.02, 0.02);
        gate(1, GateVerdict.HOLDING, 0.002);
        gate(3, GateVerdict.FAILING, 0.02);
        gate(5, GateVerdict.FAIL, 0.02);
        events.add(new SessionEvent.WeightApplied(at(9), 0, 0, "router"));

        IncidentTiming t = timing();

        assertThat(t.detectedAt()).contains(at(3));
        assertThat(t.detectedBy()).startsWith("gate slo failing: ");
        assertThat(t.impactAt()).contains(at(2));
        assertThat(t.timeToMitigate()).contains(Duration.ofSeconds(6));
        assertThat(t.rollbackStartedAt()).isEmpty();
    }

    @Test
    void aPersonRollingBackIsADetectionEvenWithNoRuleOrGate() {
        canaryErrors(0, 0.002, 0.003);
        events.add(new SessionEvent.RollbackStarted(at(30), ANA, "customers report errors", 1));
        events.add(new SessionEvent.WeightApplied(at(31), 0, 0, "router"));

        IncidentTiming t = timing();

        assertThat(t.detectedBy()).isEqualTo("rollback started by ana: customers report errors");
        assertThat(t.impactAt()).isEmpty();
        assertThat(t.impactBy()).startsWith("not known from the record");
        assertThat(t.timeToDetect()).isEmpty();
        assertThat(t.timeToMitigate()).contains(Duration.ofSeconds(1));
    }

    @Test
    void aWeightOfZeroBeforeDetectionDoesNotCountAsMitigation() {
        events.add(new SessionEvent.WeightApplied(at(0), 0, SessionEvent.WeightApplied.PLAIN_READ, "router"));
        events.add(new SessionEvent.AbortTriggered(at(10), "sev2", AbortRule.Response.ALERT, "canary error-rate ≤ 1%",
                0.02, 0.01));

        assertThat(timing().mitigatedAt()).isEmpty();
    }

    @Test
    void aSessionWithNothingWrongHasNothingToMeasure() {
        canaryErrors(0, 0.002, 0.002);
        gate(1, GateVerdict.PASS, 0.002);

        IncidentTiming t = timing();

        assertThat(t.detectedAt()).isEmpty();
        assertThat(t.timeToDetect()).isEmpty();
        assertThat(t.timeToMitigate()).isEmpty();
        assertThat(t.impactBy()).startsWith("nothing was detected");
    }

    @Test
    void aResumedSessionSaysSoInTheTimelineAndKeepsItsStageAndPeople() {
        events.add(new SessionEvent.StageChanged(at(5), dev.quarterdeck.session.ReleaseStage.CANARY, 0, ANA, "go"));
        events.add(new SessionEvent.SessionResumed(at(600), new Actor("li.wei"), 42,
                dev.quarterdeck.session.ReleaseStage.CANARY, 0));

        SessionReport report = ReportBuilder.build(events, Redaction.none());

        assertThat(report.timeline()).filteredOn(e -> e.at().equals(at(600))).singleElement()
                .satisfies(e -> assertThat(e.text()).isEqualTo("session resumed after 42 events read back from the "
                        + "journal; the release was canary at step 1"));
        assertThat(report.people()).extracting(SessionReport.Person::name).containsExactly("ana", "li.wei");
    }
}
