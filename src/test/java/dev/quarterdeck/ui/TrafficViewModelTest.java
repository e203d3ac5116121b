package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.EnvironmentUnlocked;
import dev.quarterdeck.session.SessionEvent.PreflightChecked;
import dev.quarterdeck.session.SessionEvent.PreflightChecked.Access;
import dev.quarterdeck.session.SessionEvent.ProtectedEnvironmentConfirmed;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.WeightApplied;
import dev.quarterdeck.session.SessionEvent.WeightChangeFailed;
import dev.quarterdeck.session.SessionEvent.WeightRequested;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.ui.TrafficViewModel.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrafficViewModelTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Actor CAPTAIN = new Actor("dana");

    private final RecordingCommands commands = new RecordingCommands();
    private final SessionLog log = SessionLog.inMemory();
    private TrafficViewModel traffic;

    @BeforeEach
    void open() {
        FxBridge bridge = new FxBridge(Runnable::run);
        traffic = new TrafficViewModel(TestPlans.checkoutApi(), TestPlans.staging(), commands, CAPTAIN, bridge);
        bridge.connect(log);
        log.append(atFullRange());
        log.append(new WeightApplied(T0, 20, 20, "sandbox"));
    }

    /** Step 7 of checkoutApi (50 %): the next weight step is 100 %, with no gate before it, so 0–100 is allowed. */
    static StageChanged atFullRange() {
        return new StageChanged(T0, ReleaseStage.CANARY, 6, CAPTAIN, "captain advanced");
    }

    @Test
    void requested_and_applied_differ_until_the_router_reads_back_the_new_weight() {
        traffic.request(40, "slider");

        assertThat(commands.calls("requestWeight"))
                .containsExactly(new RecordingCommands.Call("requestWeight", List.of(40, CAPTAIN, "slider")));
        assertThat(traffic.requestedTextProperty().get()).isEqualTo("requested 40 %");
        assertThat(traffic.appliedTextProperty().get()).isEqualTo("applied 20 %");
        assertThat(traffic.statusProperty().get()).isEqualTo(Status.APPLYING);
        assertThat(traffic.statusTextProperty().get()).isEqualTo("applying… 20 % → 40 %");
        assertThat(traffic.requestedValueProperty().get()).isEqualTo("40 %");
        assertThat(traffic.appliedValueProperty().get()).isEqualTo("20 %");
        assertThat(traffic.requestedToneProperty().get()).isEqualTo(Tone.WARNING);

        log.append(new WeightRequested(T0.plusSeconds(1), CAPTAIN, 40, "slider"));
        assertThat(traffic.appliedTextProperty().get()).isEqualTo("applied 20 %");
        assertThat(traffic.statusProperty().get()).isEqualTo(Status.APPLYING);

        log.append(new WeightApplied(T0.plusSeconds(2), 40, 40, "sandbox"));
        assertThat(traffic.appliedTextProperty().get()).isEqualTo("applied 40 %");
        assertThat(traffic.statusProperty().get()).isEqualTo(Status.IN_PLACE);
        assertThat(traffic.targetProperty().get()).isEqualTo(40);
        assertThat(traffic.appliedValueProperty().get()).isEqualTo("40 %");
        assertThat(traffic.requestedToneProperty().get()).isEqualTo(Tone.NEUTRAL);
    }

    @Test
    void the_big_numbers_are_the_weights_alone_and_the_sentences_name_them() {
        assertThat(traffic.requestedValueProperty().get()).isEqualTo("20 %");
        assertThat(traffic.appliedValueProperty().get()).isEqualTo("20 %");
        assertThat(traffic.requestedTextProperty().get()).isEqualTo("requested 20 %");
        assertThat(traffic.requestedToneProperty().get()).isEqualTo(Tone.NEUTRAL);
    }

    @Test
    void a_failed_change_keeps_the_requested_weight_in_the_warning_colour_while_it_differs() {
        traffic.request(40, "slider");
        log.append(new WeightChangeFailed(T0.plusSeconds(1), 40, "sandbox", "router answered 409 Conflict"));

        assertThat(traffic.requestedValueProperty().get()).isEqualTo("40 %");
        assertThat(traffic.appliedValueProperty().get()).isEqualTo("20 %");
        assertThat(traffic.requestedToneProperty().get()).isEqualTo(Tone.WARNING);
    }

    @Test
    void the_reading_at_session_start_is_what_is_applied_and_what_counts_as_requested() {
        SessionLog fresh = SessionLog.inMemory();
        FxBridge bridge = new FxBridge(Runnable::run);
        TrafficViewModel start =
                new TrafficViewModel(TestPlans.checkoutApi(), TestPlans.staging(), commands, CAPTAIN, bridge);
        bridge.connect(fresh);
        fresh.append(new WeightApplied(T0, 0, WeightApplied.PLAIN_READ, "sandbox"));

        assertThat(start.requestedTextProperty().get()).isEqualTo("requested 0 %");
        assertThat(start.appliedTextProperty().get()).isEqualTo("applied 0 %");
        assertThat(start.statusProperty().get()).isEqualTo(Status.IN_PLACE);
        assertThat(start.targetProperty().get()).isZero();
        start.close();
    }

    @Test
    void after_a_resume_the_router_read_at_start_wins_over_the_journal_s_last_request() {
        SessionLog resumed = SessionLog.inMemory();
        FxBridge bridge = new FxBridge(Runnable::run);
        TrafficViewModel view =
                new TrafficViewModel(TestPlans.checkoutApi(), TestPlans.staging(), commands, CAPTAIN, bridge);
        bridge.connect(resumed);
        // Replayed from the journal: 10 % asked and applied before the crash.
        resumed.append(new WeightRequested(T0, CAPTAIN, 10, "step 1 of 8"));
        resumed.append(new WeightApplied(T0, 10, 10, "sandbox"));
        // The console again, and the router restarted at 0 %: nothing is on its way to it.
        resumed.append(new WeightApplied(T0.plusSeconds(60), 0, WeightApplied.PLAIN_READ, "sandbox"));

        assertThat(view.requestedTextProperty().get()).isEqualTo("requested 0 %");
        assertThat(view.appliedTextProperty().get()).isEqualTo("applied 0 %");
        assertThat(view.statusProperty().get()).isEqualTo(Status.IN_PLACE);
        assertThat(view.targetProperty().get()).isZero();
        view.close();
    }

    @Test
    void an_older_weight_read_back_does_not_pull_the_slider_from_a_newer_request() {
        traffic.request(40, "slider");
        log.append(new WeightApplied(T0.plusSeconds(1), 30, 30, "sandbox"));

        assertThat(traffic.appliedTextProperty().get()).isEqualTo("applied 30 %");
        assertThat(traffic.targetProperty().get()).isEqualTo(40);
        assertThat(traffic.statusProperty().get()).isEqualTo(Status.APPLYING);
    }

    @Test
    void releasing_the_slider_where_it_rests_sends_nothing() {
        traffic.request(20, "slider");

        assertThat(commands.calls("requestWeight")).isEmpty();
    }

    @Test
    void a_failed_change_shows_its_error_and_the_slider_returns_to_the_applied_weight() {
        traffic.request(40, "slider");
        log.append(new WeightChangeFailed(T0.plusSeconds(1), 40, "sandbox", "router answered 409 Conflict"));

        assertThat(traffic.statusProperty().get()).isEqualTo(Status.FAILED);
        assertThat(traffic.statusTextProperty().get()).contains("router answered 409 Conflict");
        assertThat(traffic.appliedTextProperty().get()).isEqualTo("applied 20 %");
        assertThat(traffic.targetProperty().get()).isEqualTo(20);

        // The slider following the router back to 20 % must not echo a request.
        traffic.request(20, "slider");
        assertThat(commands.calls("requestWeight")).hasSize(1);
        // Asking for 40 % again is the captain's retry, and goes out.
        traffic.request(40, "slider");
        assertThat(commands.calls("requestWeight")).hasSize(2);
    }

    @Test
    void a_rollback_locks_the_slider_and_the_slider_follows_the_weight_it_applies() {
        traffic.request(40, "slider");
        log.append(new RollbackStarted(T0.plusSeconds(1), new Actor("ic"), "rollback button", 1));

        assertThat(traffic.rollingBackProperty().get()).isTrue();
        traffic.request(60, "slider");
        assertThat(commands.calls("requestWeight")).hasSize(1);

        log.append(new WeightApplied(T0.plusSeconds(2), 0, 0, "sandbox"));
        assertThat(traffic.targetProperty().get()).isZero();
        log.append(new RollbackFinished(T0.plusSeconds(3), true, 0, ""));

        assertThat(traffic.rollingBackProperty().get()).isFalse();
        assertThat(traffic.requestedTextProperty().get()).isEqualTo("requested 0 %");
        assertThat(traffic.appliedTextProperty().get()).isEqualTo("applied 0 %");
        assertThat(traffic.statusProperty().get()).isEqualTo(Status.IN_PLACE);
    }

    @Test
    void before_the_router_is_read_the_applied_weight_is_unknown_not_zero() {
        FxBridge bridge = new FxBridge(Runnable::run);
        TrafficViewModel fresh =
                new TrafficViewModel(TestPlans.checkoutApi(), TestPlans.staging(), commands, CAPTAIN, bridge);
        bridge.connect(SessionLog.inMemory());

        assertThat(fresh.appliedTextProperty().get()).isEqualTo("applied —");
        assertThat(fresh.appliedValueProperty().get()).isEqualTo("—");
        assertThat(fresh.requestedValueProperty().get()).isEqualTo("—");
        assertThat(fresh.requestedToneProperty().get()).isEqualTo(Tone.NEUTRAL);
        assertThat(fresh.statusProperty().get()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void step_weights_come_from_the_plan_in_ascending_order() {
        assertThat(traffic.stepWeights()).containsExactly(5, 25, 50, 100);
    }

    @Test
    void the_slider_is_locked_for_the_first_reason_the_engine_would_refuse_in_its_order() {
        SessionLog guarded = SessionLog.inMemory();
        FxBridge bridge = new FxBridge(Runnable::run);
        TrafficViewModel production = new TrafficViewModel(
                TestPlans.checkoutApi(), TestPlans.guardedProduction(), commands, CAPTAIN, bridge);
        bridge.connect(guarded);
        guarded.append(atFullRange());
        guarded.append(new WeightApplied(T0, 0, WeightApplied.PLAIN_READ, "ingress-nginx"));

        // Locked comes before protected.
        assertThat(production.lockedProperty().get()).isTrue();
        assertThat(production.statusProperty().get()).isEqualTo(Status.BLOCKED);
        assertThat(production.statusTextProperty().get())
                .isEqualTo("Locked until leadership approves. Record the approval to change traffic.");

        // Read-only comes before everything.
        guarded.append(BannersViewModelTest.heldBy("sam@console-2", T0.plusSeconds(1), "2026-03-02T10:00:01Z"));
        assertThat(production.statusTextProperty().get())
                .isEqualTo("Read-only: sam@console-2 drives production. Take over to change traffic.");

        guarded.append(BannersViewModelTest.ours(T0.plusSeconds(2)));
        assertThat(production.statusTextProperty().get()).startsWith("Locked until leadership approves.");

        guarded.append(new EnvironmentUnlocked(T0.plusSeconds(3), new Actor("leadership"), CAPTAIN, ""));
        assertThat(production.statusTextProperty().get())
                .isEqualTo("production is protected: type its name in the banner above to allow traffic changes.");

        // A missing permission elsewhere does not stop traffic; the router's own resource does.
        guarded.append(new PreflightChecked(T0.plusSeconds(4), List.of(
                new Access("patch deployments.apps in shop", "set images on rollback", false, "", false),
                new Access("patch ingresses.networking.k8s.io in shop", "set the canary weight", false, "", true),
                new Access("get ingresses.networking.k8s.io in shop", "read the canary weight", true, "", true))));
        guarded.append(new ProtectedEnvironmentConfirmed(T0.plusSeconds(5), CAPTAIN, "production"));
        assertThat(production.lockedProperty().get()).isTrue();
        assertThat(production.statusTextProperty().get()).isEqualTo(
                "The cluster would refuse it: you may not patch ingresses.networking.k8s.io in shop.");

        production.request(25, "step 25 %");
        assertThat(commands.calls()).isEmpty();

        guarded.append(new PreflightChecked(T0.plusSeconds(6), List.of(
                new Access("patch deployments.apps in shop", "set images on rollback", false, "", false),
                new Access("patch ingresses.networking.k8s.io in shop", "set the canary weight", true, "", true))));
        assertThat(production.lockedProperty().get()).isFalse();
        assertThat(production.statusProperty().get()).isEqualTo(Status.IN_PLACE);
        production.request(25, "step 25 %");
        assertThat(commands.calls("requestWeight")).hasSize(1);
        production.close();
    }

    @Test
    void a_refused_weight_change_shows_the_engines_reason_and_takes_the_request_back() {
        traffic.request(40, "slider");
        log.append(new CommandRefused(T0.plusSeconds(1), CAPTAIN, "set weight 40%",
                "a rollback is running; wait for it to finish"));

        assertThat(traffic.statusProperty().get()).isEqualTo(Status.REFUSED);
        assertThat(traffic.statusTextProperty().get())
                .isEqualTo("change to 40 % refused: a rollback is running; wait for it to finish");
        assertThat(traffic.requestedValueProperty().get()).isEqualTo("20 %");
        assertThat(traffic.targetProperty().get()).isEqualTo(20);
        assertThat(traffic.lockedProperty().get()).isFalse();
    }

    @Test
    void a_refusal_of_another_command_leaves_the_traffic_status_alone() {
        log.append(new CommandRefused(T0.plusSeconds(1), CAPTAIN, "unlock", "staging is not locked"));

        assertThat(traffic.statusProperty().get()).isEqualTo(Status.IN_PLACE);
    }

    @Test
    void the_allowed_range_follows_the_stage_as_the_plan_says() {
        assertThat(traffic.allowedMaxProperty().get()).isEqualTo(100);

        log.append(new StageChanged(T0.plusSeconds(1), ReleaseStage.CANARY, 0, CAPTAIN, "captain started"));
        assertThat(traffic.allowedMaxProperty().get()).isEqualTo(5);
        assertThat(traffic.allowedTextProperty().get()).isEqualTo("the plan allows 0–5 % now");

        // A gate not reached yet guards the weights after it; at the gate the captain may ease towards the next.
        log.append(new StageChanged(T0.plusSeconds(2), ReleaseStage.CANARY, 1, CAPTAIN, "captain advanced"));
        assertThat(traffic.allowedMaxProperty().get()).isEqualTo(5);
        log.append(new StageChanged(T0.plusSeconds(2), ReleaseStage.HOLDING, 2, CAPTAIN, "captain advanced"));
        assertThat(traffic.allowedMaxProperty().get()).isEqualTo(25);

        log.append(new StageChanged(T0.plusSeconds(3), ReleaseStage.ROLLED_BACK, 2, CAPTAIN, "rolled back"));
        assertThat(traffic.allowedMaxProperty().get()).isZero();
        assertThat(traffic.allowedTextProperty().get()).isEqualTo("the plan allows no canary traffic now");
    }

    @Test
    void a_weight_past_the_plans_range_asks_for_an_override_reason_instead_of_being_refused() {
        log.append(new StageChanged(T0.plusSeconds(1), ReleaseStage.CANARY, 0, CAPTAIN, "captain started"));

        traffic.request(40, "slider");
        assertThat(commands.calls()).as("nothing goes out without a reason").isEmpty();
        assertThat(traffic.override().openProperty().get()).isTrue();
        assertThat(traffic.overridePercentProperty().get()).isEqualTo(40);
        assertThat(traffic.override().promptProperty().get()).isEqualTo("40 % is past what the plan allows now: the plan"
                + " allows 0–5 % now. Override with a reason (recorded), or cancel.");
        assertThat(traffic.targetProperty().get()).as("the slider still rests where it was").isEqualTo(20);

        traffic.sendOverride();
        assertThat(commands.calls()).isEmpty();
        traffic.override().reasonProperty().set("load test needs 40 %");
        traffic.sendOverride();

        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("overrideWeight",
                List.of(40, CAPTAIN, "load test needs 40 %")));
        assertThat(traffic.override().openProperty().get()).isFalse();
        assertThat(traffic.requestedValueProperty().get()).isEqualTo("40 %");
    }

    @Test
    void an_override_dropped_sends_nothing_and_a_weight_within_the_range_needs_none() {
        log.append(new StageChanged(T0.plusSeconds(1), ReleaseStage.CANARY, 0, CAPTAIN, "captain started"));
        traffic.request(40, "slider");
        traffic.cancelOverride();
        assertThat(traffic.override().openProperty().get()).isFalse();

        traffic.request(30, "slider");
        traffic.request(5, "slider");

        assertThat(commands.calls()).containsExactly(
                new RecordingCommands.Call("requestWeight", List.of(5, CAPTAIN, "slider")));
        assertThat(traffic.override().openProperty().get()).isFalse();
    }

    @Test
    void a_refusal_an_override_may_pass_asks_for_the_reason_at_once() {
        // The console thought 40 % was allowed (a stage change on its way); the engine knows better.
        traffic.request(40, "slider");
        log.append(new CommandRefused(T0.plusSeconds(1), CAPTAIN, "set weight 40%", "the plan allows 0–25% now"
                + " (next step: 25%); an override with a reason can go past this"));

        assertThat(traffic.statusProperty().get()).isEqualTo(Status.REFUSED);
        assertThat(traffic.override().openProperty().get()).isTrue();
        assertThat(traffic.override().promptProperty().get()).startsWith(
                "40 % is past what the plan allows now: the plan allows 0–25% now (next step: 25%).");
    }
}
