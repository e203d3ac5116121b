package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.NoteAdded;
import dev.quarterdeck.session.SessionLog;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class FxBridgeTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Actor CAPTAIN = new Actor("dana");

    /** Holds tasks until the test runs them, like an FX thread busy with a pulse. */
    private static final class HeldFxThread implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();
        int asked;

        @Override
        public void execute(Runnable task) {
            asked++;
            tasks.add(task);
        }

        void runAll() {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        }
    }

    private static NoteAdded note(int i) {
        return new NoteAdded(T0.plusMillis(i), CAPTAIN, "note " + i);
    }

    @Test
    void a_burst_of_ten_thousand_events_becomes_one_task_on_the_fx_thread_in_order() {
        HeldFxThread fx = new HeldFxThread();
        FxBridge bridge = new FxBridge(fx);
        List<List<SessionEvent>> batches = new ArrayList<>();
        bridge.listen(batches::add);
        SessionLog log = SessionLog.inMemory();
        bridge.connect(log);

        for (int i = 0; i < 10_000; i++) {
            log.append(note(i));
        }
        assertThat(fx.asked).isEqualTo(1);

        fx.runAll();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(10_000).startsWith(note(0)).endsWith(note(9_999));
    }

    @Test
    void an_event_that_arrives_after_a_drain_queues_the_next_one() {
        HeldFxThread fx = new HeldFxThread();
        FxBridge bridge = new FxBridge(fx);
        List<SessionEvent> seen = new ArrayList<>();
        bridge.listen(seen::addAll);

        bridge.offer(note(1));
        fx.runAll();
        bridge.offer(note(2));
        fx.runAll();

        assertThat(fx.asked).isEqualTo(2);
        assertThat(seen).containsExactly(note(1), note(2));
    }

    @Test
    void an_event_appended_by_a_listener_during_a_drain_is_delivered_too() {
        HeldFxThread fx = new HeldFxThread();
        FxBridge bridge = new FxBridge(fx);
        SessionLog log = SessionLog.inMemory();
        List<SessionEvent> seen = new ArrayList<>();
        bridge.listen(batch -> {
            seen.addAll(batch);
            if (seen.size() == 1) {
                log.append(note(2)); // a view model's command answered at once by a same-thread engine
            }
        });
        bridge.connect(log);

        log.append(note(1));
        fx.runAll();

        assertThat(seen).containsExactly(note(1), note(2));
    }

    @Test
    void connecting_replays_the_session_so_far() {
        SessionLog log = SessionLog.inMemory();
        log.append(note(1));
        log.append(note(2));
        FxBridge bridge = new FxBridge(Runnable::run);
        List<SessionEvent> seen = new ArrayList<>();
        bridge.listen(seen::addAll);

        bridge.connect(log);

        assertThat(seen).containsExactly(note(1), note(2));
    }

    @Test
    void closing_releases_the_session_subscription_and_drops_what_is_queued() {
        HeldFxThread fx = new HeldFxThread();
        FxBridge bridge = new FxBridge(fx);
        List<SessionEvent> seen = new ArrayList<>();
        bridge.listen(seen::addAll);
        SessionLog log = SessionLog.inMemory();
        bridge.connect(log);
        log.append(note(1));

        bridge.close();
        log.append(note(2));
        fx.runAll();

        assertThat(seen).isEmpty();
        assertThat(fx.asked).isEqualTo(1);
    }

    @Test
    void one_failing_listener_does_not_keep_the_batch_from_the_others() {
        FxBridge bridge = new FxBridge(Runnable::run);
        List<SessionEvent> seen = new ArrayList<>();
        bridge.listen(batch -> {
            throw new IllegalStateException("a broken panel");
        });
        bridge.listen(seen::addAll);

        bridge.offer(note(1));

        assertThat(seen).containsExactly(note(1));
    }
}
