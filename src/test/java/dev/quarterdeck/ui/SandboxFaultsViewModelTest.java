package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.sandbox.CanaryFaults;
import dev.quarterdeck.sandbox.SandboxControl;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent.SandboxFaultsChanged;
import dev.quarterdeck.session.SessionLog;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxFaultsViewModelTest {

    /** A sandbox in memory that can be told to stop answering. */
    private static final class FakeSandbox implements SandboxControl {
        CanaryFaults faults = CanaryFaults.NONE;
        final List<CanaryFaults> set = new ArrayList<>();
        boolean down;

        @Override
        public CanaryFaults canaryFaults() throws IOException {
            if (down) {
                throw new IOException("connection refused");
            }
            return faults;
        }

        @Override
        public void setCanaryFaults(CanaryFaults wanted) throws IOException {
            if (down) {
                throw new IOException("connection refused");
            }
            set.add(wanted);
            faults = wanted;
        }
    }

    private final FakeSandbox sandbox = new FakeSandbox();
    private final SessionLog log = SessionLog.inMemory();

    private SandboxFaultsViewModel open() {
        FxBridge bridge = new FxBridge(Runnable::run);
        SandboxFaultsViewModel faults = new SandboxFaultsViewModel(sandbox, TaskExecutor.sameThread(), bridge);
        bridge.connect(log);
        return faults;
    }

    @Test
    void loading_sets_the_knobs_to_what_the_sandbox_applies() {
        sandbox.faults = new CanaryFaults(0.05, Duration.ofMillis(250));
        SandboxFaultsViewModel faults = open();
        faults.load();

        assertThat(faults.errorPercentProperty().get()).isEqualTo(5.0);
        assertThat(faults.addedLatencyMsProperty().get()).isEqualTo(250);
        assertThat(faults.currentProperty().get()).isEqualTo("current faults: 5 % errors · +250 ms");
    }

    @Test
    void apply_sends_the_knobs_and_shows_what_the_sandbox_read_back() {
        SandboxFaultsViewModel faults = open();
        faults.errorPercentProperty().set(12.5);
        faults.addedLatencyMsProperty().set(300);
        faults.apply();

        assertThat(sandbox.set).containsExactly(new CanaryFaults(0.125, Duration.ofMillis(300)));
        assertThat(faults.currentProperty().get()).isEqualTo("current faults: 12.5 % errors · +300 ms");
        assertThat(faults.busyProperty().get()).isFalse();

        faults.clear();
        assertThat(sandbox.faults).isEqualTo(CanaryFaults.NONE);
        assertThat(faults.currentProperty().get()).isEqualTo("current faults: none, the canary is healthy");
    }

    @Test
    void a_sandbox_that_does_not_answer_is_reported_not_thrown() {
        SandboxFaultsViewModel faults = open();
        sandbox.down = true;
        faults.apply();

        assertThat(faults.problemProperty().get()).isEqualTo("sandbox did not answer: connection refused");
        assertThat(faults.busyProperty().get()).isFalse();
    }

    @Test
    void faults_changed_by_someone_else_show_too() {
        SandboxFaultsViewModel faults = open();
        log.append(new SandboxFaultsChanged(Instant.parse("2026-03-02T10:00:00Z"), new Actor("sam"), 0.3,
                Duration.ofMillis(100)));

        assertThat(faults.currentProperty().get()).isEqualTo("current faults: 30 % errors · +100 ms");
    }
}
