package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import dev.quarterdeck.session.SessionEvent.GateJudged.ConditionResult;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.StepFinished;
import dev.quarterdeck.session.SessionEvent.StepStarted;
import dev.quarterdeck.session.SessionLog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GateViewModelTest {
    private static final Actor CAPTAIN = new Actor("dana");
    private static final Duration HOLD = Duration.ofSeconds(30);
    private static final String ERRORS = "canary error-rate ≤ 1%";
    private static final String P95 = "canary p95-latency ≤ 250 ms";
    private static final String DELTA = "p95-latency canary − stable ≤ 100 ms";

    private final ManualClock clock = ManualClock.at("2026-03-02T10:00:00Z");
    private final SessionLog log = SessionLog.inMemory();
    private GateViewModel gate;

    @BeforeEach
    void open() throws Exception {
        FxBridge bridge = new FxBridge(Runnable::run);
        gate = new GateViewModel(PlanLoader.loadResource(PlanLoader.BUILT_IN_SANDBOX), clock, bridge);
        bridge.connect(log);
    }

    @AfterEach
    void close() {
        gate.close();
    }

    private static List<ConditionResult> passing() {
        return List.of(
                new ConditionResult(ERRORS, Outcome.PASS, 0.0042, 0.01, 0.0042, Double.NaN,
                        "canary error-rate 0.42% within 1%"),
                new ConditionResult(P95, Outcome.PASS, 0.133, 0.25, 0.133, Double.NaN,
                        "canary p95-latency 133 ms within 250 ms"),
                new ConditionResult(DELTA, Outcome.PASS, 0.012, 0.1, 0.133, 0.121,
                        "canary − stable = 12 ms (canary 133 ms, stable 121 ms)"));
    }

    private void judged(GateVerdict verdict, Duration heldFor, int failures, List<ConditionResult> conditions) {
        log.append(new GateJudged(clock.instant(), "slo", verdict, conditions, heldFor, HOLD, failures, 3));
    }

    @Test
    void before_its_step_the_plans_gate_waits_with_its_conditions() {
        assertThat(gate.shownProperty().get()).isTrue();
        assertThat(gate.titleProperty().get()).isEqualTo("Gate slo");
        assertThat(gate.verdictTextProperty().get()).isEqualTo("not judged yet");
        assertThat(gate.burnInProperty().get()).isEqualTo("burn-in 0:00 of 0:30");
        assertThat(gate.conditions()).extracting(GateCondition::condition).containsExactly(ERRORS, P95, DELTA);
        assertThat(gate.conditions()).extracting(GateCondition::outcome).containsOnly(GateCondition.Outcome.WAITING);

        log.append(new StepStarted(clock.instant(), 2, "hold until gate slo passes", CAPTAIN));
        assertThat(gate.verdictTextProperty().get()).isEqualTo("waiting for samples");
    }

    @Test
    void a_gate_gone_past_by_an_override_says_so_and_stops_counting_its_burn_in() {
        log.append(new StepStarted(clock.instant(), 2, "hold until gate slo passes", CAPTAIN));
        judged(GateVerdict.HOLDING, Duration.ofSeconds(12), 0, passing());
        log.append(new StepFinished(clock.instant(), 2, "hold until gate slo passes", false,
                "skipped: dana overrode (burn-in waived for the drill)"));
        log.append(new StepStarted(clock.instant(), 3, "set canary weight to 25%", CAPTAIN));
        clock.advance(Duration.ofSeconds(10));
        gate.tick();

        assertThat(gate.verdictTextProperty().get()).isEqualTo("skipped by override");
        assertThat(gate.verdictToneProperty().get()).isEqualTo(Tone.WARNING);
        assertThat(gate.burnInProperty().get()).as("no longer counting").isEqualTo("burn-in 0:12 of 0:30");

        // The plan's next gate step shows the gate afresh.
        log.append(new StepStarted(clock.instant(), 4, "hold until gate slo passes", CAPTAIN));
        assertThat(gate.verdictTextProperty().get()).isEqualTo("waiting for samples");
        assertThat(gate.burnInProperty().get()).isEqualTo("burn-in 0:00 of 0:30");
    }

    @Test
    void a_holding_gate_counts_its_burn_in_and_shows_the_values_it_was_judged_on() {
        log.append(new StepStarted(clock.instant(), 2, "hold until gate slo passes", CAPTAIN));
        judged(GateVerdict.HOLDING, Duration.ofSeconds(12), 0, passing());

        assertThat(gate.verdictProperty().get()).isEqualTo(GateVerdict.HOLDING);
        assertThat(gate.verdictTextProperty().get()).isEqualTo("holding");
        assertThat(gate.burnInProperty().get()).isEqualTo("burn-in 0:12 of 0:30");
        assertThat(gate.burnInProgressProperty().get()).isEqualTo(0.4);
        assertThat(gate.conditions()).extracting(GateCondition::value).containsExactly("0.42%", "133 ms", "+12 ms");
        assertThat(gate.conditions().get(2).detail())
                .isEqualTo("canary − stable = 12 ms (canary 133 ms, stable 121 ms)");
        assertThat(gate.failuresProperty().get()).isEmpty();

        // Between judgements the countdown runs on a little, and no further.
        clock.advance(Duration.ofSeconds(2));
        gate.tick();
        assertThat(gate.burnInProperty().get()).isEqualTo("burn-in 0:14 of 0:30");
        clock.advance(Duration.ofSeconds(20));
        gate.tick();
        assertThat(gate.burnInProperty().get()).isEqualTo("burn-in 0:15 of 0:30");

        judged(GateVerdict.PASS, Duration.ofSeconds(30), 0, passing());
        assertThat(gate.verdictTextProperty().get()).isEqualTo("pass");
        assertThat(gate.verdictToneProperty().get()).isEqualTo(Tone.SUCCESS);
        assertThat(gate.burnInProgressProperty().get()).isEqualTo(1.0);
    }

    @Test
    void a_failing_gate_says_how_many_failures_in_a_row_and_which_condition_failed() {
        log.append(new StepStarted(clock.instant(), 2, "hold until gate slo passes", CAPTAIN));
        List<ConditionResult> failing = List.of(
                new ConditionResult(ERRORS, Outcome.FAIL, 0.021, 0.01, 0.021, Double.NaN,
                        "canary error-rate 2.1% beyond 1%"),
                passing().get(1),
                new ConditionResult(DELTA, Outcome.NO_DATA, Double.NaN, 0.1, Double.NaN, Double.NaN,
                        "no stable p95-latency sample yet"));
        judged(GateVerdict.FAILING, Duration.ZERO, 1, failing);

        assertThat(gate.verdictTextProperty().get()).isEqualTo("failing");
        assertThat(gate.verdictToneProperty().get()).isEqualTo(Tone.WARNING);
        assertThat(gate.failuresProperty().get()).isEqualTo("1 of 3 failing judgements in a row");
        assertThat(gate.conditions()).extracting(GateCondition::outcome).containsExactly(
                GateCondition.Outcome.FAIL, GateCondition.Outcome.PASS, GateCondition.Outcome.NO_DATA);
        assertThat(gate.conditions()).extracting(GateCondition::value).containsExactly("2.1%", "133 ms", "no data");

        judged(GateVerdict.FAIL, Duration.ZERO, 3, failing);
        assertThat(gate.verdictTextProperty().get()).isEqualTo("fail");
        assertThat(gate.verdictToneProperty().get()).isEqualTo(Tone.DANGER);

        // No countdown runs on for a gate that is not holding.
        clock.advance(Duration.ofSeconds(2));
        gate.tick();
        assertThat(gate.burnInProperty().get()).isEqualTo("burn-in 0:00 of 0:30");
    }

    @Test
    void a_rollback_stops_the_countdown_where_it_was() {
        log.append(new StepStarted(clock.instant(), 2, "hold until gate slo passes", CAPTAIN));
        judged(GateVerdict.HOLDING, Duration.ofSeconds(5), 0, passing());
        log.append(new StageChanged(clock.instant(), ReleaseStage.ROLLING_BACK, 2, CAPTAIN, "rollback: incident"));

        clock.advance(Duration.ofSeconds(2));
        gate.tick();
        assertThat(gate.burnInProperty().get()).isEqualTo("burn-in 0:05 of 0:30");
    }

    @Test
    void after_promotion_it_shows_the_soak() {
        log.append(new StageChanged(clock.instant(), ReleaseStage.PROMOTED, 7, Actor.quarterdeck(), "promoted"));
        judged(GateVerdict.HOLDING, Duration.ofMinutes(3), 0, passing());

        assertThat(gate.titleProperty().get()).isEqualTo("Soak · gate slo");
        assertThat(gate.verdictTextProperty().get()).isEqualTo("holding");
    }

    @Test
    void long_burn_ins_count_in_hours() {
        assertThat(GateViewModel.clockText(Duration.ofMinutes(75).plusSeconds(3), Duration.ofHours(48)))
                .isEqualTo("1:15:03");
        assertThat(GateViewModel.clockText(Duration.ofMinutes(12).plusSeconds(5), Duration.ofMinutes(30)))
                .isEqualTo("12:05");
    }
}
