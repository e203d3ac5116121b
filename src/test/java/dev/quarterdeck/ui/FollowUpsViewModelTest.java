package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.FollowUp;
import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.FollowUpDue;
import dev.quarterdeck.session.SessionEvent.FollowUpFinished;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.ui.FollowUpRow.Status;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FollowUpsViewModelTest {
    private static final Actor CAPTAIN = new Actor("dana");
    private static final Actor QD = Actor.quarterdeck();

    private final ManualClock clock = ManualClock.at("2026-03-02T10:00:00Z");
    private final RecordingCommands commands = new RecordingCommands();
    private final SessionLog log = SessionLog.inMemory();
    private FollowUpsViewModel followUps;

    /** The owlhub runbook's checkpoints, shortened: a manual one a day after, and a 48-hour soak. */
    static ReleasePlan withFollowUps() {
        ReleasePlan p = TestPlans.checkoutApi();
        return new ReleasePlan(p.source(), p.metadata(), p.environments(), p.probes(), p.checklist(), p.steps(),
                p.gates(), p.rollback(), Mode.MANUAL, List.of(), List.of(
                        new FollowUp(Duration.ofDays(1), "T0 + 1 day: check the error budget", Optional.empty()),
                        new FollowUp(Duration.ofHours(48), "48 h soak within the SLOs",
                                Optional.of("canary-healthy"))), false);
    }

    @BeforeEach
    void open() {
        FxBridge bridge = new FxBridge(Runnable::run);
        followUps = new FollowUpsViewModel(withFollowUps(), commands, CAPTAIN, clock, bridge);
        bridge.connect(log);
    }

    @AfterEach
    void close() {
        followUps.close();
    }

    private FollowUpRow row(int index) {
        return followUps.rows().get(index);
    }

    private void promoted() {
        log.append(new StageChanged(clock.instant(), ReleaseStage.PROMOTED, 8, QD, "the router reads back 100%"));
    }

    @Test
    void nothing_to_follow_up_before_promotion() {
        assertThat(followUps.shownProperty().get()).isFalse();
        assertThat(row(0).whenProperty().get()).isEqualTo("1 d after promotion");
        assertThat(row(0).manual()).isTrue();
        assertThat(row(1).manual()).isFalse();
    }

    @Test
    void from_promotion_each_follow_up_has_a_due_time_that_counts_down() {
        promoted();
        assertThat(followUps.shownProperty().get()).isTrue();
        assertThat(row(0).whenProperty().get()).isEqualTo("due 10:00:00 · in 1 d");
        assertThat(row(1).whenProperty().get()).isEqualTo("due 10:00:00 · in 2 d");

        clock.advance(Duration.ofHours(23).plusMinutes(59));
        followUps.tick();
        assertThat(row(0).whenProperty().get()).isEqualTo("due 10:00:00 · in 1 min");
        assertThat(row(0).canCompleteProperty().get()).isFalse();
    }

    @Test
    void a_due_manual_follow_up_is_completed_with_a_note() {
        promoted();
        clock.advance(Duration.ofDays(1));
        log.append(new FollowUpDue(clock.instant(), 0, "T0 + 1 day: check the error budget"));

        assertThat(row(0).status()).isEqualTo(Status.DUE);
        assertThat(row(0).canCompleteProperty().get()).isTrue();
        assertThat(row(0).whenProperty().get()).isEqualTo("due 10:00:00");

        row(0).noteProperty().set(" 92 % of the budget left ");
        followUps.complete(row(0));
        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("completeFollowUp",
                List.of(0, CAPTAIN, "92 % of the budget left")));

        log.append(new FollowUpFinished(clock.instant(), 0, "T0 + 1 day: check the error budget", true, CAPTAIN,
                "92 % of the budget left"));
        assertThat(row(0).status()).isEqualTo(Status.PASSED);
        assertThat(row(0).canCompleteProperty().get()).isFalse();
        assertThat(row(0).detailProperty().get()).isEqualTo("completed by dana · 92 % of the budget left");
    }

    @Test
    void a_refused_completion_says_why_on_its_row() {
        promoted();
        log.append(new CommandRefused(clock.instant(), CAPTAIN, "complete follow-up 1",
                "'T0 + 1 day: check the error budget' is due in 1 d"));

        assertThat(row(0).detailProperty().get())
                .isEqualTo("refused: 'T0 + 1 day: check the error budget' is due in 1 d");
    }

    @Test
    void a_soak_shows_its_gate_as_it_stands_and_how_it_ended() {
        promoted();
        clock.advance(Duration.ofHours(3));
        log.append(new GateJudged(clock.instant(), "canary-healthy", GateVerdict.PASS, List.of(),
                Duration.ofHours(3), Duration.ZERO, 0, 3));
        assertThat(row(1).detailProperty().get()).isEqualTo("soak: gate canary-healthy pass, held 3 h");
        assertThat(row(1).canCompleteProperty().get()).as("a soak closes by itself").isFalse();

        log.append(new FollowUpFinished(clock.instant(), 1, "48 h soak within the SLOs", false, QD,
                "gate canary-healthy failed during the soak"));
        assertThat(row(1).status()).isEqualTo(Status.FAILED);
        assertThat(row(1).detailProperty().get()).isEqualTo("gate canary-healthy failed during the soak");
    }
}
