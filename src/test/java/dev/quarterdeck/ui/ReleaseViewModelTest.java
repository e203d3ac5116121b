package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.ModeChanged;
import dev.quarterdeck.session.SessionEvent.OverrideRecorded;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.StepFinished;
import dev.quarterdeck.session.SessionEvent.StepProposed;
import dev.quarterdeck.session.SessionEvent.StepStarted;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.ui.ReleaseStep.Status;
import dev.quarterdeck.ui.ReleaseViewModel.Ask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReleaseViewModelTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Actor CAPTAIN = new Actor("dana");
    private static final Actor QD = Actor.quarterdeck();

    private final RecordingCommands commands = new RecordingCommands();
    private final SessionLog log = SessionLog.inMemory();
    private ReleaseViewModel release;
    private int seconds;

    @BeforeEach
    void open() throws Exception {
        release = open(PlanLoader.loadResource(PlanLoader.BUILT_IN_SANDBOX));
    }

    private ReleaseViewModel open(ReleasePlan plan) {
        FxBridge bridge = new FxBridge(Runnable::run);
        ReleaseViewModel model = new ReleaseViewModel(plan, commands, CAPTAIN, bridge);
        bridge.connect(log);
        return model;
    }

    @AfterEach
    void close() {
        release.close();
    }

    private Instant at() {
        return T0.plus(Duration.ofSeconds(seconds++));
    }

    /** What the engine records when a step starts: the step, then the stage it puts the release in. */
    private void start(int step, String description, ReleaseStage stage, Actor who, String why) {
        log.append(new StepStarted(at(), step, description, who));
        log.append(new StageChanged(at(), stage, step, who, why));
    }

    private List<Status> statuses() {
        return release.steps().stream().map(ReleaseStep::status).toList();
    }

    @Test
    void before_the_canary_it_says_preflight_and_offers_to_start_the_canary() {
        assertThat(release.headlineProperty().get()).isEqualTo("Preflight");
        assertThat(release.detailProperty().get())
                .isEqualTo("the canary can start once the required preflight items pass");
        assertThat(release.advanceTextProperty().get()).isEqualTo("Start canary");
        assertThat(release.canAdvanceProperty().get()).isTrue();
        assertThat(release.canPauseProperty().get()).isFalse();
        assertThat(release.canPromoteProperty().get()).isFalse();
        assertThat(release.steps()).extracting(ReleaseStep::label).containsExactly(
                "10 %", "pause 30 s", "gate slo", "25 %", "gate slo", "50 %", "pause until advanced", "100 %");
        assertThat(statuses()).containsOnly(Status.PENDING);
        assertThat(release.stepsSummaryProperty().get()).isEqualTo("8 steps · 8 pending");

        log.append(new StageChanged(at(), ReleaseStage.READY, -1, QD, "every required preflight item passed"));
        assertThat(release.headlineProperty().get()).isEqualTo("Ready to start the canary");
        assertThat(release.detailProperty().get()).isEqualTo("every required preflight item passed · quarterdeck");
        assertThat(release.advanceSuggestedProperty().get()).isTrue();

        release.advance();
        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("advance", List.of(CAPTAIN)));
        assertThat(release.messageProperty().get()).isEqualTo("starting the canary…");
    }

    @Test
    void the_stage_and_step_read_in_words_and_each_step_shows_its_status() {
        start(0, "set canary weight to 10%", ReleaseStage.CANARY, CAPTAIN, "captain started the canary");
        assertThat(release.headlineProperty().get()).isEqualTo("Step 1 of 8 · set canary weight to 10%");
        assertThat(release.detailProperty().get()).isEqualTo("captain started the canary · dana");
        assertThat(release.advanceTextProperty().get()).isEqualTo("Advance");

        log.append(new StepFinished(at(), 0, "set canary weight to 10%", true, "read back 10% from sandbox"));
        assertThat(release.detailProperty().get())
                .isEqualTo("done · next: pause for 30 s · advance when ready");
        assertThat(release.advanceSuggestedProperty().get()).isTrue();

        start(1, "pause for 30 s", ReleaseStage.CANARY, CAPTAIN, "captain advanced");
        log.append(new StepFinished(at(), 1, "pause for 30 s", true, "paused for 30 s"));
        start(2, "hold until gate slo passes", ReleaseStage.HOLDING, CAPTAIN, "captain advanced");
        assertThat(release.headlineProperty().get()).isEqualTo("Step 3 of 8 · hold until gate slo passes");
        assertThat(release.advanceSuggestedProperty().get()).isFalse();
        assertThat(statuses()).containsExactly(Status.DONE, Status.DONE, Status.CURRENT, Status.PENDING,
                Status.PENDING, Status.PENDING, Status.PENDING, Status.PENDING);
        assertThat(release.steps().get(0).detailProperty().get()).isEqualTo("read back 10% from sandbox");
        assertThat(release.stepsSummaryProperty().get()).isEqualTo("8 steps · 2 done · 1 current · 5 pending");

        log.append(new StageChanged(at(), ReleaseStage.PAUSED, 2, CAPTAIN, "captain paused"));
        assertThat(release.headlineProperty().get()).isEqualTo("Paused by dana");
        assertThat(release.detailProperty().get())
                .isEqualTo("at step 3 of 8 · hold until gate slo passes · abort rules keep watching");
        assertThat(release.pauseTextProperty().get()).isEqualTo("Resume");
        assertThat(release.toneProperty().get()).isEqualTo(Tone.WARNING);

        log.append(new StageChanged(at(), ReleaseStage.ROLLING_BACK, 2, QD,
                "rollback: sev1: canary error-rate 9.8% breaches canary error-rate ≤ 5%"));
        assertThat(release.headlineProperty().get()).isEqualTo("Rolling back");
        assertThat(release.steps().get(2).status()).isEqualTo(Status.STOPPED);
        log.append(new StageChanged(at(), ReleaseStage.ROLLED_BACK, 2, QD, "rollback finished: canary at 0%"));
        assertThat(release.headlineProperty().get()).isEqualTo("Rolled back");
        assertThat(release.detailProperty().get()).startsWith("rollback: sev1: canary error-rate 9.8%");
        assertThat(release.canAdvanceProperty().get()).isFalse();
        assertThat(release.canAbortProperty().get()).isFalse();
    }

    @Test
    void a_failed_step_and_a_skipped_one_are_told_apart() {
        start(0, "set canary weight to 10%", ReleaseStage.CANARY, CAPTAIN, "captain started the canary");
        log.append(new StepFinished(at(), 0, "set canary weight to 10%", false,
                "sandbox reads back 0% after setting 10%"));
        log.append(new StageChanged(at(), ReleaseStage.FAILED, 0, QD, "step 1 failed: sandbox reads back 0%"));
        assertThat(release.headlineProperty().get()).isEqualTo("Step 1 of 8 failed");
        assertThat(release.toneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(release.steps().get(0).status()).isEqualTo(Status.FAILED);

        start(1, "pause for 30 s", ReleaseStage.CANARY, CAPTAIN, "advanced by override: router is fine");
        log.append(new StepFinished(at(), 1, "pause for 30 s", false, "skipped: dana overrode (in a hurry)"));
        assertThat(release.steps().get(1).status()).isEqualTo(Status.SKIPPED);

        log.append(new StageChanged(at(), ReleaseStage.PROMOTING, 1, CAPTAIN, "promoted by override: ok"));
        log.append(new StageChanged(at(), ReleaseStage.PROMOTED, 1, QD, "the router reads back 100% canary"));
        assertThat(release.headlineProperty().get()).isEqualTo("Promoted");
        assertThat(statuses().subList(2, 8)).containsOnly(Status.SKIPPED);
    }

    @Test
    void a_refusal_shows_its_reason_and_an_override_asks_for_one_before_it_goes_out() {
        log.append(new CommandRefused(at(), CAPTAIN, "advance", "preflight is not done: 'On-call engineer knows a"
                + " canary is starting' is not ticked; an override with a reason can go past this"));
        assertThat(release.messageProperty().get()).isEqualTo("Start canary refused: preflight is not done:"
                + " 'On-call engineer knows a canary is starting' is not ticked. An override with a reason can go past"
                + " this.");
        assertThat(release.messageToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(release.canOverrideProperty().get()).isTrue();

        release.askOverride();
        assertThat(release.askingProperty().get()).isEqualTo(Ask.OVERRIDE_ADVANCE);
        assertThat(release.reason().promptProperty().get()).isEqualTo("Override: start the canary although preflight is"
                + " not done: 'On-call engineer knows a canary is starting' is not ticked. The reason is recorded."
                + " Why?");
        release.send();
        assertThat(commands.calls()).as("no reason, no override").isEmpty();

        release.reason().reasonProperty().set("  on-call paged by phone  ");
        assertThat(release.reason().canSendProperty().get()).isTrue();
        release.send();
        assertThat(commands.calls()).containsExactly(
                new RecordingCommands.Call("overrideAdvance", List.of(CAPTAIN, "on-call paged by phone")));
        assertThat(release.askingProperty().get()).isEqualTo(Ask.NONE);
        assertThat(release.reason().reasonProperty().get()).isEmpty();

        log.append(new OverrideRecorded(at(), CAPTAIN, "advance", "preflight is not done", "on-call paged by phone"));
        start(0, "set canary weight to 10%", ReleaseStage.CANARY, CAPTAIN, "started by override: on-call paged");
        assertThat(release.messageProperty().get())
                .isEqualTo("override recorded: advance although preflight is not done · dana: on-call paged by phone");
        assertThat(release.messageToneProperty().get()).isEqualTo(Tone.WARNING);
    }

    @Test
    void a_refusal_no_override_can_pass_offers_none() {
        log.append(new CommandRefused(at(), CAPTAIN, "pause", "the canary has not started; there is nothing to pause"));

        assertThat(release.messageProperty().get())
                .isEqualTo("Pause refused: the canary has not started; there is nothing to pause");
        assertThat(release.canOverrideProperty().get()).isFalse();
        release.askOverride();
        assertThat(release.askingProperty().get()).isEqualTo(Ask.NONE);
    }

    @Test
    void refusals_of_other_panels_commands_are_left_to_them() {
        log.append(new CommandRefused(at(), CAPTAIN, "set weight 40%", "the plan allows 0–10% now"));
        log.append(new CommandRefused(at(), CAPTAIN, "tick drill-log", "no file at /tmp/none"));

        assertThat(release.messageProperty().get()).isEmpty();
    }

    @Test
    void promote_is_refused_with_an_override_of_its_own() {
        start(0, "set canary weight to 10%", ReleaseStage.CANARY, CAPTAIN, "captain started the canary");
        release.promote();
        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("promote", List.of(CAPTAIN)));

        log.append(new CommandRefused(at(), CAPTAIN, "promote", "8 steps remain, next: set canary weight to 10%;"
                + " an override with a reason can go past this"));
        release.askOverride();
        release.reason().reasonProperty().set("hotfix, canary is the fix");
        release.send();

        assertThat(commands.calls("overridePromote")).containsExactly(
                new RecordingCommands.Call("overridePromote", List.of(CAPTAIN, "hotfix, canary is the fix")));
    }

    @Test
    void abort_asks_for_a_reason_and_staged_rollback_names_its_stages() {
        start(0, "set canary weight to 10%", ReleaseStage.CANARY, CAPTAIN, "captain started the canary");

        release.askAbort();
        assertThat(release.askingProperty().get()).isEqualTo(Ask.ABORT);
        assertThat(release.reason().canSendProperty().get()).isFalse();
        release.reason().reasonProperty().set("p95 creeping up");
        release.send();

        release.askStagedRollback();
        assertThat(release.reason().promptProperty().get())
                .isEqualTo("Staged rollback: 25 % → 10 % → 0 %, holding 10 s at each. Why?");
        release.reason().reasonProperty().set("ease off");
        release.send();

        assertThat(commands.calls()).containsExactly(
                new RecordingCommands.Call("abort", List.of(CAPTAIN, "p95 creeping up")),
                new RecordingCommands.Call("stagedRollback", List.of(CAPTAIN, "ease off")));
    }

    @Test
    void a_plan_without_a_staged_rollback_offers_none() {
        ReleaseViewModel plain = open(TestPlans.checkoutApi());
        assertThat(plain.hasStagedRollback()).isFalse();
        plain.askStagedRollback();
        assertThat(plain.askingProperty().get()).isEqualTo(Ask.NONE);
        plain.close();
    }

    @Test
    void the_reason_field_closes_when_what_it_asks_no_longer_makes_sense() {
        start(0, "set canary weight to 10%", ReleaseStage.CANARY, CAPTAIN, "captain started the canary");
        release.askAbort();

        log.append(new StageChanged(at(), ReleaseStage.ROLLING_BACK, 0, new Actor("ic"), "rollback: incident"));

        assertThat(release.askingProperty().get()).isEqualTo(Ask.NONE);
    }

    @Test
    void pause_and_resume_are_one_button() {
        start(0, "set canary weight to 10%", ReleaseStage.CANARY, CAPTAIN, "captain started the canary");
        release.togglePause();
        log.append(new StageChanged(at(), ReleaseStage.PAUSED, 0, CAPTAIN, "captain paused"));
        release.togglePause();

        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("pause", List.of(CAPTAIN)),
                new RecordingCommands.Call("resume", List.of(CAPTAIN)));
    }

    @Test
    void the_mode_switch_asks_and_follows_the_session() {
        assertThat(release.modeProperty().get()).isEqualTo(Mode.MANUAL);

        release.setMode(Mode.AUTOMATIC);
        assertThat(commands.calls()).containsExactly(
                new RecordingCommands.Call("setMode", List.of(Mode.AUTOMATIC, CAPTAIN)));
        assertThat(release.modeProperty().get()).as("asked, not yet recorded").isEqualTo(Mode.MANUAL);

        log.append(new ModeChanged(at(), CAPTAIN, Mode.AUTOMATIC));
        assertThat(release.modeProperty().get()).isEqualTo(Mode.AUTOMATIC);
        release.setMode(Mode.AUTOMATIC);
        assertThat(commands.calls()).hasSize(1);
    }

    @Test
    void in_assisted_mode_a_proposal_is_shown_and_accepting_it_advances() {
        log.append(new ModeChanged(at(), CAPTAIN, Mode.ASSISTED));
        start(2, "hold until gate slo passes", ReleaseStage.HOLDING, CAPTAIN, "captain advanced");
        log.append(new StepFinished(at(), 2, "hold until gate slo passes", true, "gate slo passed"));
        log.append(new StageChanged(at(), ReleaseStage.CANARY, 2, QD, "gate slo passed"));
        log.append(new StepProposed(at(), 3, "set canary weight to 25%", "gate slo passed"));

        assertThat(release.proposalProperty().get())
                .isEqualTo("Quarterdeck proposes step 4 of 8: set canary weight to 25% (gate slo passed)");
        release.acceptProposal();
        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("advance", List.of(CAPTAIN)));
        assertThat(release.proposalProperty().get()).isEmpty();

        log.append(new StepProposed(at(), 8, "promote: all traffic to the canary", "every step passed"));
        assertThat(release.proposalProperty().get()).isEqualTo(
                "Quarterdeck proposes to promote: all traffic to the canary (every step passed)");
        start(3, "set canary weight to 25%", ReleaseStage.CANARY, QD, "assisted mode");
        assertThat(release.proposalProperty().get()).isEmpty();
    }
}
