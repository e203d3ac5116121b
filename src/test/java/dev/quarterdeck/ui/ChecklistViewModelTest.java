package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.plan.ChecklistItem;
import dev.quarterdeck.plan.Evidence;
import dev.quarterdeck.plan.Phase;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ChecklistItemMarked;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.ui.ChecklistRow.Status;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChecklistViewModelTest {
    private static final Actor CAPTAIN = new Actor("dana");

    private final ManualClock clock = ManualClock.at("2026-03-02T10:00:00Z");
    private final RecordingCommands commands = new RecordingCommands();
    private final SessionLog log = SessionLog.inMemory();
    private ChecklistViewModel checklist;

    @BeforeEach
    void open() {
        FxBridge bridge = new FxBridge(Runnable::run);
        checklist = new ChecklistViewModel(TestPlans.checkoutApi().checklist(), commands, CAPTAIN, clock, bridge);
        bridge.connect(log);
    }

    private ChecklistPhase phase(Phase phase) {
        return checklist.phases().stream().filter(p -> p.phase() == phase).findFirst().orElseThrow();
    }

    private ChecklistRow row(String id) {
        return checklist.phases().stream()
                .flatMap(p -> p.rows().stream())
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private void probe(String probe, Outcome outcome, String observed) {
        log.append(new ProbeSample(clock.instant(), probe, outcome, observed, Duration.ofMillis(10)));
    }

    @Test
    void items_are_grouped_by_phase_in_release_order_with_progress() {
        assertThat(checklist.phases()).extracting(ChecklistPhase::phase)
                .containsExactly(Phase.PREFLIGHT, Phase.CANARY, Phase.POST_DEPLOY);
        assertThat(phase(Phase.PREFLIGHT).progressProperty().get()).isEqualTo("Preflight 0/4");
        assertThat(phase(Phase.POST_DEPLOY).progressProperty().get()).isEqualTo("Post-deploy 0/2");
        assertThat(row("on-call").required()).isFalse();
        assertThat(row("change-ticket").required()).isTrue();
        assertThat(row("stable-healthy").statusProperty().get()).isEqualTo(Status.WAITING);
    }

    @Test
    void only_a_pass_counts_as_done() {
        probe(TestPlans.STABLE_HEALTH, Outcome.FAIL, "HTTP 503 in 4 ms");
        probe(TestPlans.CANARY_READY, Outcome.NO_DATA, "");
        assertThat(phase(Phase.PREFLIGHT).progressProperty().get()).isEqualTo("Preflight 0/4");
        assertThat(row("stable-healthy").statusProperty().get()).isEqualTo(Status.FAIL);
        assertThat(row("canary-ready").statusProperty().get()).isEqualTo(Status.NO_DATA);

        probe(TestPlans.CANARY_READY, Outcome.ERROR, "connection refused");
        assertThat(row("canary-ready").statusProperty().get()).isEqualTo(Status.ERROR);
        assertThat(phase(Phase.PREFLIGHT).doneProperty().get()).isZero();

        probe(TestPlans.STABLE_HEALTH, Outcome.PASS, "HTTP 200 in 9 ms");
        assertThat(phase(Phase.PREFLIGHT).progressProperty().get()).isEqualTo("Preflight 1/4");

        probe(TestPlans.STABLE_HEALTH, Outcome.FAIL, "HTTP 500 in 3 ms");
        assertThat(phase(Phase.PREFLIGHT).progressProperty().get()).isEqualTo("Preflight 0/4");
    }

    @Test
    void fail_no_data_and_error_are_told_apart() {
        assertThat(List.of(Status.FAIL, Status.NO_DATA, Status.ERROR))
                .extracting(Status::label)
                .doesNotHaveDuplicates();
        assertThat(List.of(Status.FAIL, Status.NO_DATA, Status.ERROR))
                .extracting(Status::tone)
                .doesNotHaveDuplicates();
        assertThat(List.of(Status.FAIL, Status.NO_DATA, Status.ERROR)).noneMatch(Status::done);
    }

    @Test
    void an_automatic_item_shows_what_its_probe_saw_and_how_long_ago() {
        probe(TestPlans.STABLE_HEALTH, Outcome.PASS, "HTTP 200 in 9 ms");
        clock.advance(Duration.ofSeconds(12));
        checklist.tick();

        assertThat(row("stable-healthy").summaryProperty().get()).isEqualTo("12 s ago · HTTP 200 in 9 ms");
    }

    @Test
    void a_tick_is_sent_in_the_captains_name_and_shows_as_done_only_once_recorded() {
        checklist.mark("change-ticket", true);

        assertThat(commands.calls("markChecklistItem")).containsExactly(
                new RecordingCommands.Call("markChecklistItem", List.of("change-ticket", true, CAPTAIN, "", "")));
        assertThat(row("change-ticket").done()).isFalse();
        assertThat(row("change-ticket").summaryProperty().get()).isEqualTo("recording…");

        log.append(new ChecklistItemMarked(clock.instant(), CAPTAIN, "change-ticket", true, "CHG-4821"));
        assertThat(row("change-ticket").done()).isTrue();
        assertThat(row("change-ticket").summaryProperty().get()).isEqualTo("just now · ticked by dana · CHG-4821");
        assertThat(phase(Phase.PREFLIGHT).progressProperty().get()).isEqualTo("Preflight 1/4");
    }

    @Test
    void required_items_done_is_told_apart_from_all_items_done() {
        log.append(new ChecklistItemMarked(clock.instant(), CAPTAIN, "change-ticket", true, ""));
        probe(TestPlans.STABLE_HEALTH, Outcome.PASS, "HTTP 200");
        probe(TestPlans.CANARY_READY, Outcome.PASS, "HTTP 200");

        assertThat(phase(Phase.PREFLIGHT).requiredDoneProperty().get()).isTrue();
        assertThat(phase(Phase.PREFLIGHT).progressProperty().get()).isEqualTo("Preflight 3/4");
    }

    @Test
    void automatic_items_cannot_be_ticked_by_hand() {
        assertThatThrownBy(() -> checklist.mark("stable-healthy", true)).isInstanceOf(IllegalArgumentException.class);
        assertThat(commands.calls()).isEmpty();
    }

    /** Items that ask for evidence, as runbooks have them: a dashboard link, a drill log no older than 7 days. */
    private ChecklistViewModel withEvidence() {
        FxBridge bridge = new FxBridge(Runnable::run);
        ChecklistViewModel model = new ChecklistViewModel(List.of(
                new ChecklistItem("dashboard", "Error budget dashboard reviewed", Phase.PREFLIGHT, true,
                        Optional.empty(), List.of(),
                        Optional.of(new Evidence(Evidence.Kind.LINK, Optional.of(Duration.ofDays(1))))),
                new ChecklistItem("drill-log", "Rollback drill done", Phase.PREFLIGHT, true, Optional.empty(),
                        List.of(), Optional.of(new Evidence(Evidence.Kind.FILE, Optional.of(Duration.ofDays(7)))))),
                commands, CAPTAIN, clock, bridge);
        bridge.connect(log);
        return model;
    }

    private static ChecklistRow row(ChecklistViewModel model, String id) {
        return model.phases().get(0).rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void an_item_says_what_evidence_it_asks_for() {
        ChecklistViewModel model = withEvidence();
        assertThat(row(model, "dashboard").asksFor()).isEqualTo("asks for a link, newer than 1 d");
        assertThat(row(model, "drill-log").asksFor()).isEqualTo("asks for a file, newer than 7 d");
        assertThat(row("change-ticket").asksFor()).isEmpty();
        model.close();
    }

    @Test
    void ticking_opens_a_form_and_sends_the_note_and_the_evidence() {
        ChecklistViewModel model = withEvidence();
        ChecklistRow drill = row(model, "drill-log");

        model.edit("drill-log");
        assertThat(drill.editingProperty().get()).isTrue();
        drill.noteProperty().set("drill on Tuesday");
        assertThat(drill.canSubmitProperty().get()).as("a file is asked for").isFalse();
        model.submit("drill-log");
        assertThat(commands.calls()).isEmpty();

        drill.evidenceProperty().set(" /srv/drills/rollback.log ");
        model.submit("drill-log");
        assertThat(commands.calls()).containsExactly(new RecordingCommands.Call("markChecklistItem",
                List.of("drill-log", true, CAPTAIN, "drill on Tuesday", "/srv/drills/rollback.log")));
        assertThat(drill.editingProperty().get()).isFalse();
        assertThat(drill.summaryProperty().get()).isEqualTo("recording…");

        log.append(new ChecklistItemMarked(clock.instant(), CAPTAIN, "drill-log", true, "drill on Tuesday",
                "/srv/drills/rollback.log"));
        assertThat(drill.done()).isTrue();
        assertThat(drill.summaryProperty().get())
                .isEqualTo("just now · ticked by dana · drill on Tuesday · evidence rollback.log");
        model.close();
    }

    @Test
    void a_refused_tick_shows_why_on_the_item_and_opens_the_form_again_as_it_was() {
        ChecklistViewModel model = withEvidence();
        ChecklistRow drill = row(model, "drill-log");
        model.edit("drill-log");
        drill.evidenceProperty().set("/srv/drills/old.log");
        model.submit("drill-log");

        log.append(new CommandRefused(clock.instant(), CAPTAIN, "tick drill-log", "'Rollback drill done' old.log was"
                + " last changed 9 d ago; the item wants it newer than 7 d"));

        assertThat(drill.refusalProperty().get())
                .isEqualTo("'Rollback drill done' old.log was last changed 9 d ago; the item wants it newer than 7 d");
        assertThat(drill.editingProperty().get()).isTrue();
        assertThat(drill.evidenceProperty().get()).isEqualTo("/srv/drills/old.log");
        assertThat(drill.summaryProperty().get()).isNotEqualTo("recording…");
        assertThat(drill.done()).isFalse();

        // Another item's refusal is not this one's.
        log.append(new CommandRefused(clock.instant(), CAPTAIN, "tick dashboard", "needs a link as evidence"));
        assertThat(drill.refusalProperty().get()).startsWith("'Rollback drill done'");
        model.close();
    }

    @Test
    void a_link_older_than_the_item_allows_no_longer_counts() {
        ChecklistViewModel model = withEvidence();
        ChecklistRow dashboard = row(model, "dashboard");
        log.append(new ChecklistItemMarked(clock.instant(), CAPTAIN, "dashboard", true, "",
                "https://grafana.example/d/budget"));
        assertThat(dashboard.done()).isTrue();
        assertThat(model.phases().get(0).progressProperty().get()).isEqualTo("Preflight 1/2");

        clock.advance(Duration.ofHours(25));
        model.tick();

        assertThat(dashboard.statusProperty().get()).isEqualTo(Status.STALE);
        assertThat(dashboard.done()).isFalse();
        assertThat(dashboard.detailProperty().get()).endsWith(
                "the link was given 1 d 1 h ago; the item wants it newer than 1 d");
        assertThat(model.phases().get(0).progressProperty().get()).isEqualTo("Preflight 0/2");
        model.close();
    }
}
