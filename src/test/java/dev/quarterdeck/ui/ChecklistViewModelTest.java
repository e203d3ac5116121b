package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.plan.Phase;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ChecklistItemMarked;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.ui.ChecklistRow.Status;
import java.time.Duration;
import java.util.List;
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
        assertThat(phase(Phase.PREFLIGHT).progressProperty().get()).isEqualTo("preflight 0/4");
        assertThat(phase(Phase.POST_DEPLOY).progressProperty().get()).isEqualTo("post-deploy 0/2");
        assertThat(row("on-call").required()).isFalse();
        assertThat(row("change-ticket").required()).isTrue();
        assertThat(row("stable-healthy").statusProperty().get()).isEqualTo(Status.WAITING);
    }

    @Test
    void only_a_pass_counts_as_done() {
        probe(TestPlans.STABLE_HEALTH, Outcome.FAIL, "HTTP 503 in 4 ms");
        probe(TestPlans.CANARY_READY, Outcome.NO_DATA, "");
        assertThat(phase(Phase.PREFLIGHT).progressProperty().get()).isEqualTo("preflight 0/4");
        assertThat(row("stable-healthy").statusProperty().get()).isEqualTo(Status.FAIL);
        assertThat(row("canary-ready").statusProperty().get()).isEqualTo(Status.NO_DATA);

        probe(TestPlans.CANARY_READY, Outcome.ERROR, "connection refused");
        assertThat(row("canary-ready").statusProperty().get()).isEqualTo(Status.ERROR);
        assertThat(phase(Phase.PREFLIGHT).doneProperty().get()).isZero();

        probe(TestPlans.STABLE_HEALTH, Outcome.PASS, "HTTP 200 in 9 ms");
        assertThat(phase(Phase.PREFLIGHT).progressProperty().get()).isEqualTo("preflight 1/4");

        probe(TestPlans.STABLE_HEALTH, Outcome.FAIL, "HTTP 500 in 3 ms");
        assertThat(phase(Phase.PREFLIGHT).progressProperty().get()).isEqualTo("preflight 0/4");
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
        assertThat(phase(Phase.PREFLIGHT).progressProperty().get()).isEqualTo("preflight 1/4");
    }

    @Test
    void required_items_done_is_told_apart_from_all_items_done() {
        log.append(new ChecklistItemMarked(clock.instant(), CAPTAIN, "change-ticket", true, ""));
        probe(TestPlans.STABLE_HEALTH, Outcome.PASS, "HTTP 200");
        probe(TestPlans.CANARY_READY, Outcome.PASS, "HTTP 200");

        assertThat(phase(Phase.PREFLIGHT).requiredDoneProperty().get()).isTrue();
        assertThat(phase(Phase.PREFLIGHT).progressProperty().get()).isEqualTo("preflight 3/4");
    }

    @Test
    void automatic_items_cannot_be_ticked_by_hand() {
        assertThatThrownBy(() -> checklist.mark("stable-healthy", true)).isInstanceOf(IllegalArgumentException.class);
        assertThat(commands.calls()).isEmpty();
    }
}
