package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import dev.quarterdeck.session.SessionEvent.NoteAdded;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.WeightRequested;
import dev.quarterdeck.session.SessionLog;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
}
