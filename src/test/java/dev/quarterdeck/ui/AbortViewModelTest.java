package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent.AbortCleared;
import dev.quarterdeck.session.SessionEvent.AbortTriggered;
import dev.quarterdeck.session.SessionEvent.NoteAdded;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionLog;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AbortViewModelTest {
    private static final Actor CAPTAIN = new Actor("dana");
    private static final Actor QD = Actor.quarterdeck();
    private static final String SEV1_RULE = "canary error-rate ≤ 5%";
    private static final String SEV2_RULE = "canary error-rate ≤ 1%";

    private final ManualClock clock = ManualClock.at("2026-03-02T10:00:00Z");
    private final RecordingCommands commands = new RecordingCommands();
    private final SessionLog log = SessionLog.inMemory();
    private AbortViewModel abort;

    @BeforeEach
    void open() throws Exception {
        abort = open(log);
    }

    private AbortViewModel open(SessionLog session) throws Exception {
        FxBridge bridge = new FxBridge(Runnable::run);
        AbortViewModel model = new AbortViewModel(PlanLoader.loadResource(PlanLoader.BUILT_IN_SANDBOX), commands,
                CAPTAIN, ZoneOffset.UTC, bridge);
        bridge.connect(session);
        return model;
    }

    @AfterEach
    void close() {
        abort.close();
    }

    private AbortTriggered sev1() {
        return new AbortTriggered(clock.instant(), "sev1", AbortRule.Response.ROLLBACK, SEV1_RULE, 0.098, 0.05);
    }

    private AbortTriggered sev2(double observed) {
        return new AbortTriggered(clock.instant(), "sev2", AbortRule.Response.ALERT, SEV2_RULE, observed, 0.01);
    }

    @Test
    void an_automatic_rollback_raises_the_red_alarm_which_follows_the_rollback_to_its_end() {
        log.append(sev1());
        assertThat(abort.alarm().shownProperty().get()).isTrue();
        assertThat(abort.alarm().tone()).isEqualTo(Tone.DANGER);
        assertThat(abort.alarm().textProperty().get())
                .isEqualTo("SEV1 — canary error-rate 9.8% breaches ≤ 5%: Quarterdeck is rolling back automatically");
        assertThat(abort.alarm().detailProperty().get()).isEqualTo("breached at 10:00:00");

        log.append(new RollbackStarted(clock.instant(), QD, "sev1: canary error-rate 9.8% breaches", 1));
        assertThat(abort.alarm().detailProperty().get()).isEqualTo("breached at 10:00:00 · rolling back…");
        log.append(new RollbackFinished(clock.instant(), true, 0, "canary at 0%"));

        assertThat(abort.alarm().textProperty().get())
                .isEqualTo("SEV1 — canary error-rate 9.8% breaches ≤ 5%: Quarterdeck rolled back automatically");
        assertThat(abort.alarm().detailProperty().get())
                .isEqualTo("breached at 10:00:00 · rollback finished, canary at 0 %");
        assertThat(commands.calls()).as("Quarterdeck rolled back by itself, not the console").isEmpty();
    }

    @Test
    void the_alarm_stays_until_acknowledged_and_the_acknowledgement_is_recorded() {
        log.append(sev1());
        log.append(new RollbackStarted(clock.instant(), QD, "sev1", 1));
        log.append(new RollbackFinished(clock.instant(), true, 0, "canary at 0%"));
        assertThat(abort.alarm().shownProperty().get()).isTrue();

        abort.acknowledge();

        assertThat(abort.alarm().shownProperty().get()).isFalse();
        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("addNote", List.of(CAPTAIN,
                "acknowledged: SEV1 — canary error-rate 9.8% breaches ≤ 5%: Quarterdeck rolled back automatically")));
    }

    @Test
    void a_console_opened_on_the_journal_does_not_raise_an_alarm_already_acknowledged() throws Exception {
        SessionLog journal = SessionLog.inMemory();
        journal.append(sev1());
        journal.append(new RollbackStarted(clock.instant(), QD, "sev1", 1));
        journal.append(new RollbackFinished(clock.instant(), true, 0, "canary at 0%"));
        journal.append(new NoteAdded(clock.instant(), CAPTAIN,
                "acknowledged: SEV1 — canary error-rate 9.8% breaches ≤ 5%: Quarterdeck rolled back automatically"));

        AbortViewModel restarted = open(journal);
        assertThat(restarted.alarm().shownProperty().get()).isFalse();
        restarted.close();

        SessionLog unacknowledged = SessionLog.inMemory();
        unacknowledged.append(sev1());
        AbortViewModel other = open(unacknowledged);
        assertThat(other.alarm().shownProperty().get()).isTrue();
        other.close();
    }

    @Test
    void a_failed_automatic_rollback_says_so() {
        log.append(sev1());
        log.append(new RollbackStarted(clock.instant(), QD, "sev1", 1));
        log.append(new RollbackFinished(clock.instant(), false, 10, "router answered 503"));

        assertThat(abort.alarm().textProperty().get()).isEqualTo("SEV1 — canary error-rate 9.8% breaches ≤ 5%:"
                + " Quarterdeck's automatic rollback FAILED — roll back by hand");
        assertThat(abort.alarm().detailProperty().get()).isEqualTo("breached at 10:00:00 · router answered 503");
    }

    @Test
    void a_staged_rollback_rule_says_it_rolls_back_in_stages() {
        log.append(new AbortTriggered(clock.instant(), "sev1", AbortRule.Response.STAGED_ROLLBACK, SEV1_RULE, 0.06,
                0.05));

        assertThat(abort.alarm().textProperty().get())
                .isEqualTo("SEV1 — canary error-rate 6% breaches ≤ 5%: Quarterdeck is rolling back in stages");
    }

    @Test
    void an_alerting_rule_raises_the_amber_alert_until_the_rule_holds_again() {
        log.append(sev2(0.021));
        assertThat(abort.alert().shownProperty().get()).isTrue();
        assertThat(abort.alert().tone()).isEqualTo(Tone.WARNING);
        assertThat(abort.alert().textProperty().get())
                .isEqualTo("SEV2 — canary error-rate 2.1% breaches ≤ 1%: Quarterdeck recommends rolling back");
        assertThat(abort.alarm().shownProperty().get()).isFalse();

        log.append(new AbortCleared(clock.instant(), "sev2", SEV2_RULE, 0.004));
        assertThat(abort.alert().shownProperty().get()).isFalse();
    }

    @Test
    void the_alerts_rollback_button_rolls_back_naming_the_breach_and_a_rollback_takes_the_alert_away() {
        log.append(sev2(0.021));

        abort.rollBack();
        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("rollback", List.of(CAPTAIN,
                "SEV2 — canary error-rate 2.1% breaches ≤ 1%")));
        assertThat(abort.alert().detailProperty().get()).isEqualTo("rollback requested…");

        log.append(new RollbackStarted(clock.instant(), CAPTAIN, "SEV2", 1));
        assertThat(abort.alert().shownProperty().get()).isFalse();
    }

    @Test
    void a_rollback_quarterdeck_starts_for_a_failed_gate_raises_the_alarm_too() {
        log.append(new RollbackStarted(clock.instant(), QD, "automatic mode: gate slo failed", 1));
        assertThat(abort.alarm().textProperty().get())
                .isEqualTo("Quarterdeck is rolling back automatically — automatic mode: gate slo failed");
        log.append(new RollbackFinished(clock.instant(), true, 0, "canary at 0%"));

        assertThat(abort.alarm().textProperty().get())
                .isEqualTo("Quarterdeck rolled back automatically — automatic mode: gate slo failed");
        assertThat(abort.alarm().detailProperty().get()).isEqualTo("at 10:00:00 · rollback finished, canary at 0 %");
    }

    @Test
    void a_captains_own_rollback_raises_no_alarm() {
        log.append(new RollbackStarted(clock.instant(), CAPTAIN, "rollback button", 1));
        log.append(new RollbackFinished(clock.instant(), true, 0, "canary at 0%"));

        assertThat(abort.alarm().shownProperty().get()).isFalse();
    }
}
