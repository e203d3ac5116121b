package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ApprovalAnswered;
import dev.quarterdeck.session.SessionEvent.ApprovalRequested;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.EnvironmentChecked;
import dev.quarterdeck.session.SessionEvent.EnvironmentUnlocked;
import dev.quarterdeck.session.SessionEvent.InsecureTlsInUse;
import dev.quarterdeck.session.SessionEvent.LastKnownGoodRecorded;
import dev.quarterdeck.session.SessionEvent.PreflightChecked;
import dev.quarterdeck.session.SessionEvent.ProtectedEnvironmentConfirmed;
import dev.quarterdeck.session.SessionEvent.RollbackStepProgress;
import dev.quarterdeck.session.SessionEvent.RollbackStepStarted;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import dev.quarterdeck.session.SessionEvent.NoteAdded;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.WeightRequested;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent.AbortCleared;
import dev.quarterdeck.session.SessionEvent.AbortTriggered;
import dev.quarterdeck.session.SessionEvent.ChecklistItemMarked;
import dev.quarterdeck.session.SessionEvent.FollowUpDue;
import dev.quarterdeck.session.SessionEvent.FollowUpFinished;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import dev.quarterdeck.session.SessionEvent.ModeChanged;
import dev.quarterdeck.session.SessionEvent.OverrideRecorded;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.StepFinished;
import dev.quarterdeck.session.SessionEvent.StepProposed;
import dev.quarterdeck.session.SessionEvent.StepStarted;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineViewModelTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Actor CAPTAIN = new Actor("dana");

    private final RecordingCommands commands = new RecordingCommands();
    private final SessionLog log = SessionLog.inMemory();

    private TimelineViewModel open(int capacity) {
        FxBridge bridge = new FxBridge(Runnable::run);
        TimelineViewModel timeline = new TimelineViewModel(commands, CAPTAIN, ZoneOffset.UTC, bridge, capacity);
        bridge.connect(log);
        return timeline;
    }

    private void probe(int second, Outcome outcome) {
        log.append(new ProbeSample(T0.plusSeconds(second), "stable-health", outcome, "HTTP", Duration.ZERO));
    }

    @Test
    void a_canary_step_s_approval_is_not_called_a_rollback_step() {
        TimelineViewModel timeline = open(100);
        log.append(new ApprovalRequested(T0, 0, "release-captain", "Deploy workflow ran"));
        log.append(new ApprovalAnswered(T0.plusSeconds(5), 0, new Actor("release-captain"), CAPTAIN, true,
                "run 42"));

        assertThat(timeline.entries()).extracting(TimelineEntry::text).containsExactly(
                "release-captain approved step 1 (recorded by dana) · run 42",
                "step 1 waits for release-captain's approval: Deploy workflow ran");
        timeline.close();
    }

    @Test
    void newest_first_with_time_who_and_what() {
        TimelineViewModel timeline = open(100);
        log.append(new WeightRequested(T0, CAPTAIN, 25, "step 25 %"));
        log.append(new RollbackStarted(T0.plusSeconds(5), new Actor("ic"), "rollback button", 2));

        assertThat(timeline.entries()).extracting(TimelineEntry::text).containsExactly(
                "ROLLBACK started (rollback button), 2 steps", "asked for canary 25 % (step 25 %)");
        TimelineEntry newest = timeline.entries().get(0);
        assertThat(newest.time()).isEqualTo("10:00:05");
        assertThat(newest.who()).isEqualTo("ic");
        assertThat(newest.tone()).isEqualTo(Tone.DANGER);
    }

    @Test
    void the_environment_line_says_what_runs_where_and_who_holds_it() {
        TimelineViewModel timeline = open(100);
        log.append(new dev.quarterdeck.session.SessionEvent.EnvironmentDescribed(T0, "sandbox", "sandbox",
                "—", "http://127.0.0.1:8080", "—", "—", new java.util.LinkedHashMap<>(java.util.Map.of("stable", "1.4.2")),
                "dana"));

        assertThat(timeline.entries()).extracting(TimelineEntry::text).containsExactly(
                "sandbox runs stable 1.4.2; sandbox router at http://127.0.0.1:8080; held by dana");
    }

    @Test
    void metric_samples_are_left_out_and_probes_appear_only_when_their_outcome_changes() {
        TimelineViewModel timeline = open(100);
        for (int i = 0; i < 20; i++) {
            log.append(new MetricSample(T0.plusSeconds(i), Track.CANARY, Metric.ERROR_RATE, 0.01, Outcome.PASS, ""));
        }
        probe(1, Outcome.PASS);
        probe(2, Outcome.PASS);
        probe(3, Outcome.FAIL);
        probe(4, Outcome.FAIL);
        probe(5, Outcome.PASS);

        assertThat(timeline.entries()).extracting(TimelineEntry::text).containsExactly(
                "probe stable-health: PASS (was FAIL) · HTTP",
                "probe stable-health: FAIL (was PASS) · HTTP",
                "probe stable-health: PASS · HTTP");
    }

    @Test
    void the_list_is_bounded() {
        TimelineViewModel timeline = open(10);
        for (int i = 0; i < 25; i++) {
            log.append(new NoteAdded(T0.plusSeconds(i), CAPTAIN, "note " + i));
        }

        assertThat(timeline.entries()).hasSize(10);
        assertThat(timeline.entries().get(0).text()).isEqualTo("note: note 24");
        assertThat(timeline.entries().get(9).text()).isEqualTo("note: note 15");
    }

    @Test
    void a_note_is_sent_trimmed_in_the_captains_name_and_the_field_cleared() {
        TimelineViewModel timeline = open(10);
        timeline.noteProperty().set("  canary p95 up after 25 %  ");
        timeline.addNote();
        timeline.noteProperty().set("   ");
        timeline.addNote();

        assertThat(commands.calls()).containsExactly(
                new RecordingCommands.Call("addNote", List.of(CAPTAIN, "canary p95 up after 25 %")));
        assertThat(timeline.noteProperty().get()).isEqualTo("   ");
    }

    @Test
    void every_guard_event_reads_as_one_line() {
        TimelineViewModel timeline = open(100);
        log.append(new InsecureTlsInUse(T0, "production", List.of("https://prometheus.shop.example")));
        log.append(BannersViewModelTest.heldBy("sam@console-2", T0.plusSeconds(1), "2026-03-02T10:00:01Z"));
        log.append(BannersViewModelTest.ours(T0.plusSeconds(2)));
        log.append(new LastKnownGoodRecorded(T0.plusSeconds(3), "checkout", Map.of("api", "checkout-api:2.13.4")));
        log.append(new PreflightChecked(T0.plusSeconds(4), EnvironmentViewModelTest.sevenPermissions(true, true)));
        log.append(new PreflightChecked(T0.plusSeconds(5), EnvironmentViewModelTest.sevenPermissions(false, true)));
        log.append(new EnvironmentChecked(T0.plusSeconds(6), "router", true, "ingress-nginx is set up as the plan says"));
        log.append(new EnvironmentChecked(T0.plusSeconds(7), "kubeconfig", false, "context prod is not in ~/.kube/config"));
        log.append(new EnvironmentUnlocked(T0.plusSeconds(8), new Actor("leadership"), CAPTAIN, "in #war-room"));
        log.append(new ProtectedEnvironmentConfirmed(T0.plusSeconds(9), CAPTAIN, "production"));
        log.append(new CommandRefused(T0.plusSeconds(10), CAPTAIN, "set weight 25%", "production is protected"));

        assertThat(timeline.entries()).extracting(TimelineEntry::who, TimelineEntry::text, TimelineEntry::tone)
                .containsExactly(
                        tuple("dana", "refused: set weight 25% · production is protected", Tone.WARNING),
                        tuple("dana", "confirmed production by typing its name: changes allowed", Tone.NEUTRAL),
                        tuple("dana", "unlocked: leadership approved (recorded by dana) · in #war-room", Tone.NEUTRAL),
                        tuple("quarterdeck", "check kubeconfig FAILED · context prod is not in ~/.kube/config",
                                Tone.DANGER),
                        tuple("quarterdeck", "check router passed · ingress-nginx is set up as the plan says",
                                Tone.MUTED),
                        tuple("quarterdeck", "preflight: 1 of 7 permissions missing: "
                                + "patch ingresses.networking.k8s.io in shop (set the canary weight)", Tone.DANGER),
                        tuple("quarterdeck", "preflight: all 7 permissions granted", Tone.SUCCESS),
                        tuple("quarterdeck", "last known good of checkout: checkout-api:2.13.4", Tone.MUTED),
                        tuple("quarterdeck", "this console holds the lease (as dana@laptop)", Tone.SUCCESS),
                        tuple("quarterdeck", "read-only: sam@console-2 holds the lease", Tone.WARNING),
                        tuple("quarterdeck", "TLS certificates are not verified for production: "
                                + "https://prometheus.shop.example", Tone.WARNING));
    }

    @Test
    void lease_renewals_and_repeated_check_results_do_not_flood_the_timeline() {
        TimelineViewModel timeline = open(100);
        for (int i = 0; i < 18; i++) {
            log.append(BannersViewModelTest.ours(T0.plusSeconds(10L * i)));
            log.append(new EnvironmentChecked(T0.plusSeconds(10L * i), "lease", false, "timeout"));
        }

        assertThat(timeline.entries()).extracting(TimelineEntry::text).containsExactly(
                "check lease FAILED · timeout", "this console holds the lease (as dana@laptop)");
    }

    @Test
    void rollback_steps_read_as_lines_and_a_long_waits_progress_keeps_one_line() {
        TimelineViewModel timeline = open(100);
        log.append(new RollbackStarted(T0, new Actor("ic"), "rollback button", 6));
        log.append(new RollbackStepStarted(T0.plusSeconds(1), 2, "wait for the rollout of checkout"));
        for (int ready = 0; ready < 3; ready++) {
            log.append(new RollbackStepProgress(T0.plusSeconds(60L * ready + 2), 2,
                    ready + " of 3 updated replicas are available"));
        }
        log.append(new ApprovalRequested(T0.plusSeconds(200), 3, "db-owner", "Restore the database"));
        log.append(new ApprovalAnswered(T0.plusSeconds(230), 3, new Actor("db-owner"), CAPTAIN, false, "not now"));

        assertThat(timeline.entries()).extracting(TimelineEntry::who, TimelineEntry::text, TimelineEntry::tone)
                .containsExactly(
                        tuple("dana", "db-owner declined rollback step 4 of 6 (recorded by dana) · not now",
                                Tone.DANGER),
                        tuple("quarterdeck", "rollback step 4 of 6 waits for db-owner's approval: Restore the database",
                                Tone.WARNING),
                        tuple("quarterdeck", "rollback step 3 of 6: 2 of 3 updated replicas are available", Tone.MUTED),
                        tuple("quarterdeck", "rollback step 3 of 6: wait for the rollout of checkout", Tone.NEUTRAL),
                        tuple("ic", "ROLLBACK started (rollback button), 6 steps", Tone.DANGER));
    }

    @Test
    void progress_lines_coalesce_within_one_batch_too() {
        FxBridge bridge = new FxBridge(Runnable::run);
        TimelineViewModel timeline = new TimelineViewModel(commands, CAPTAIN, ZoneOffset.UTC, bridge, 100);
        log.append(new RollbackStarted(T0, new Actor("ic"), "rollback button", 1));
        log.append(new RollbackStepProgress(T0.plusSeconds(1), 0, "0 of 3"));
        log.append(new RollbackStepProgress(T0.plusSeconds(2), 0, "1 of 3"));
        bridge.connect(log);

        assertThat(timeline.entries()).extracting(TimelineEntry::text).containsExactly(
                "rollback step 1 of 1: 1 of 3", "ROLLBACK started (rollback button), 1 step");
    }

    private static GateJudged judged(int second, GateVerdict verdict, int heldFor, int failures) {
        List<GateJudged.ConditionResult> conditions = List.of(verdict == GateVerdict.FAILING
                || verdict == GateVerdict.FAIL
                ? new GateJudged.ConditionResult("canary error-rate ≤ 1%", Outcome.FAIL, 0.02, 0.01, 0.02, Double.NaN,
                        "canary error-rate 2% beyond 1%")
                : new GateJudged.ConditionResult("canary error-rate ≤ 1%", Outcome.PASS, 0.004, 0.01, 0.004,
                        Double.NaN, "canary error-rate 0.4% within 1%"));
        return new GateJudged(T0.plusSeconds(second), "slo", verdict, conditions, Duration.ofSeconds(heldFor),
                Duration.ofSeconds(30), failures, 3);
    }

    @Test
    void a_gate_judged_every_second_gets_a_line_only_when_its_verdict_changes() {
        TimelineViewModel timeline = open(100);
        log.append(new StepStarted(T0, 2, "hold until gate slo passes", CAPTAIN));
        for (int second = 1; second <= 30; second++) {
            log.append(judged(second, GateVerdict.HOLDING, second - 1, 0));
        }
        log.append(judged(31, GateVerdict.PASS, 30, 0));

        assertThat(timeline.entries()).extracting(TimelineEntry::text).containsExactly(
                "gate slo: PASS after a burn-in of 0:30",
                "gate slo: holding, burn-in 0:00 of 0:30",
                "step 3 started: hold until gate slo passes");
        assertThat(timeline.entries().get(0).tone()).isEqualTo(Tone.SUCCESS);
    }

    @Test
    void a_failing_gate_names_what_failed() {
        TimelineViewModel timeline = open(100);
        log.append(judged(1, GateVerdict.FAILING, 0, 1));
        log.append(judged(2, GateVerdict.FAILING, 0, 2));
        log.append(judged(3, GateVerdict.FAIL, 0, 3));

        assertThat(timeline.entries()).extracting(TimelineEntry::text, TimelineEntry::tone).containsExactly(
                tuple("gate slo: FAIL (3 in a row) · canary error-rate 2% beyond 1%", Tone.DANGER),
                tuple("gate slo: failing (1 of 3) · canary error-rate 2% beyond 1%", Tone.WARNING));
    }

    @Test
    void the_release_flow_reads_as_a_story_without_repeating_itself() {
        TimelineViewModel timeline = open(100);
        Actor qd = Actor.quarterdeck();
        log.append(new StageChanged(T0, ReleaseStage.READY, -1, qd, "every required preflight item passed"));
        log.append(new StepStarted(T0.plusSeconds(1), 0, "set canary weight to 10%", CAPTAIN));
        log.append(new StageChanged(T0.plusSeconds(1), ReleaseStage.CANARY, 0, CAPTAIN, "captain started"));
        log.append(new StepFinished(T0.plusSeconds(2), 0, "set canary weight to 10%", true, "read back 10%"));
        log.append(new ModeChanged(T0.plusSeconds(3), CAPTAIN, Mode.ASSISTED));
        log.append(new StageChanged(T0.plusSeconds(4), ReleaseStage.PAUSED, 0, CAPTAIN, "captain paused"));
        log.append(new StageChanged(T0.plusSeconds(5), ReleaseStage.CANARY, 0, CAPTAIN, "captain resumed"));
        log.append(new StepProposed(T0.plusSeconds(6), 1, "pause for 30 s", "gate slo passed"));
        log.append(new OverrideRecorded(T0.plusSeconds(7), CAPTAIN, "promote", "7 steps remain", "hotfix"));
        log.append(new StepFinished(T0.plusSeconds(8), 1, "pause for 30 s", false, "skipped: dana overrode (x)"));
        log.append(new StageChanged(T0.plusSeconds(9), ReleaseStage.PROMOTED, 1, qd, "the router reads back 100%"));
        log.append(new FollowUpDue(T0.plusSeconds(10), 0, "T0 + 1 day"));
        log.append(new FollowUpFinished(T0.plusSeconds(11), 0, "T0 + 1 day", true, CAPTAIN, "budget fine"));

        assertThat(timeline.entries()).extracting(TimelineEntry::who, TimelineEntry::text).containsExactly(
                tuple("dana", "follow-up passed: T0 + 1 day · budget fine"),
                tuple("quarterdeck", "follow-up due: T0 + 1 day"),
                tuple("quarterdeck", "PROMOTED (the router reads back 100%)"),
                tuple("quarterdeck", "step 2 skipped: pause for 30 s · skipped: dana overrode (x)"),
                tuple("dana", "OVERRIDE: promote although 7 steps remain · reason: hotfix"),
                tuple("quarterdeck", "proposes step 2: pause for 30 s (gate slo passed); waiting for the captain"
                        + " to accept"),
                tuple("dana", "resumed at step 1 (captain resumed)"),
                tuple("dana", "PAUSED the release at step 1"),
                tuple("dana", "mode: assisted"),
                tuple("quarterdeck", "step 1 done: set canary weight to 10% · read back 10%"),
                tuple("dana", "step 1 started: set canary weight to 10%"),
                tuple("quarterdeck", "ready to start the canary (every required preflight item passed)"));
    }

    @Test
    void abort_rules_say_what_breached_in_the_metrics_unit_and_what_quarterdeck_does() {
        TimelineViewModel timeline = open(100);
        log.append(new AbortTriggered(T0, "sev2", AbortRule.Response.ALERT, "canary error-rate ≤ 1%", 0.021, 0.01));
        log.append(new AbortTriggered(T0, "sev1", AbortRule.Response.ROLLBACK, "canary error-rate ≤ 5%", 0.098,
                0.05));
        log.append(new AbortCleared(T0.plusSeconds(9), "sev2", "canary error-rate ≤ 1%", 0.004));

        assertThat(timeline.entries()).extracting(TimelineEntry::text, TimelineEntry::tone).containsExactly(
                tuple("sev2 holds again: canary error-rate ≤ 1% (observed 0.4%)", Tone.SUCCESS),
                tuple("SEV1 breached: canary error-rate ≤ 5% (observed 9.8%) → Quarterdeck rolls back", Tone.DANGER),
                tuple("SEV2 breached: canary error-rate ≤ 1% (observed 2.1%) → alert: rollback recommended",
                        Tone.WARNING));
    }

    @Test
    void a_tick_names_its_evidence() {
        TimelineViewModel timeline = open(100);
        log.append(new ChecklistItemMarked(T0, CAPTAIN, "drill-log", true, "drill on Tuesday",
                "/srv/drills/2026-02-24-rollback.log"));

        assertThat(timeline.entries()).extracting(TimelineEntry::text).containsExactly(
                "ticked drill-log · drill on Tuesday · evidence 2026-02-24-rollback.log");
    }

    @Test
    void a_resumed_session_and_its_plan_have_lines_of_their_own() {
        TimelineViewModel timeline = open(100);
        log.append(new dev.quarterdeck.session.SessionEvent.PlanLoaded(T0, "checkout-api", "2.14.0", "payments",
                "checkout.yaml", Mode.MANUAL, List.of(), List.of("set canary weight to 5%", "hold until gate g"),
                List.of("g"), List.of("set canary weight to 0%"), List.of()));
        log.append(new dev.quarterdeck.session.SessionEvent.SessionResumed(T0.plusSeconds(60), CAPTAIN, 412,
                ReleaseStage.HOLDING, 1));

        assertThat(timeline.entries()).extracting(TimelineEntry::text).containsExactly(
                "session resumed from its journal (412 events): the release was holding at step 2",
                "plan checkout-api 2.14.0: 2 steps, 1 gate, manual mode");
    }
}
