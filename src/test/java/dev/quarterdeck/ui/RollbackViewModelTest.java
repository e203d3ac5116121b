package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.RollbackStepFinished;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.ui.RollbackViewModel.Phase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RollbackViewModelTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Actor COMMANDER = new Actor("ic.morgan");

    private final RecordingCommands commands = new RecordingCommands();
    private final SessionLog log = SessionLog.inMemory();
    private RollbackViewModel rollback;

    @BeforeEach
    void open() {
        FxBridge bridge = new FxBridge(Runnable::run);
        rollback = new RollbackViewModel(commands, COMMANDER, bridge);
        bridge.connect(log);
    }

    @Test
    void one_click_asks_the_engine_to_roll_back_in_the_operators_name() {
        rollback.rollback();

        assertThat(commands.calls())
                .containsExactly(new RecordingCommands.Call("rollback", List.of(COMMANDER, "rollback button")));
        assertThat(rollback.phaseProperty().get()).isEqualTo(Phase.REQUESTED);
    }

    @Test
    void progress_follows_the_steps_and_the_outcome_follows_the_finish() {
        rollback.rollback();
        log.append(new RollbackStarted(T0, COMMANDER, "rollback button", 3));
        assertThat(rollback.phaseProperty().get()).isEqualTo(Phase.RUNNING);
        assertThat(rollback.progressTextProperty().get()).isEqualTo("rolling back · step 1/3 · by ic.morgan");
        assertThat(rollback.progressProperty().get()).isZero();

        log.append(new RollbackStepFinished(T0.plusMillis(100), 0, "set canary weight to 0%", true, ""));
        log.append(new RollbackStepFinished(T0.plusMillis(200), 1, "rollout undo checkout", true, ""));
        assertThat(rollback.progressTextProperty().get())
                .isEqualTo("rolling back · step 2/3 done: rollout undo checkout");
        assertThat(rollback.progressProperty().get()).isEqualTo(2.0 / 3);

        log.append(new RollbackStepFinished(T0.plusMillis(300), 2, "wait for rollout", true, ""));
        log.append(new RollbackFinished(T0.plusMillis(400), true, 0, ""));
        assertThat(rollback.phaseProperty().get()).isEqualTo(Phase.SUCCEEDED);
        assertThat(rollback.progressTextProperty().get()).isEqualTo("rolled back · canary 0 %");
        assertThat(rollback.progressProperty().get()).isEqualTo(1.0);
    }

    @Test
    void a_failed_rollback_says_so_loudly_with_what_is_known_of_the_weight() {
        log.append(new RollbackStarted(T0, COMMANDER, "rollback button", 1));
        log.append(new RollbackStepFinished(T0.plusMillis(100), 0, "set canary weight to 0%", false, "403"));
        log.append(new RollbackFinished(T0.plusMillis(200), false, -1, "router refused"));

        assertThat(rollback.phaseProperty().get()).isEqualTo(Phase.FAILED);
        assertThat(rollback.progressTextProperty().get())
                .isEqualTo("ROLLBACK FAILED (a step failed) · canary weight unknown · router refused");
    }

    @Test
    void a_rollback_started_elsewhere_shows_too() {
        log.append(new RollbackStarted(T0, new Actor("quarterdeck"), "gate canary-healthy failed", 2));

        assertThat(rollback.phaseProperty().get()).isEqualTo(Phase.RUNNING);
        assertThat(commands.calls()).isEmpty();
    }
}
