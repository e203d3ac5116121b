package dev.quarterdeck.rollout;

import static dev.quarterdeck.rollout.FlowHarness.CAPTAIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent.ChecklistItemMarked;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manual checklist items ticked with evidence: a link, or a file fresh enough ("drill log newer than 7 days"). */
class EvidenceTest {

    static final String PLAN = """
            apiVersion: quarterdeck/v1
            metadata: {name: billing, version: 3.1.0, owner: payments}
            environments:
              - name: sandbox
                traffic: {sandbox: {}}
            checklist:
              - id: drill
                title: Billing drill log newer than 7 days
                phase: preflight
                evidence: {kind: file, maxAge: 7d}
              - id: dashboard
                title: Dashboard link for the bridge
                phase: preflight
                evidence: link
            canary:
              steps:
                - setWeight: 10
            """;

    @TempDir
    Path dir;

    @Test
    void aFileOlderThanTheItemAllowsIsRefusedAndAFreshOneAccepted() throws Exception {
        FlowHarness h = new FlowHarness(PLAN);
        Path log = Files.writeString(dir.resolve("drill-2026-11-12.log"), "failover ok\n");
        Files.setLastModifiedTime(log, FileTime.from(h.clock.instant().minus(Duration.ofDays(10))));

        h.flow.markChecklistItem("drill", true, CAPTAIN, "", "");
        assertThat(h.lastRefusal()).isEqualTo("'Billing drill log newer than 7 days' needs a file as evidence");
        h.flow.markChecklistItem("drill", true, CAPTAIN, "", dir.resolve("missing.log").toString());
        assertThat(h.lastRefusal()).endsWith("no file at " + dir.resolve("missing.log"));
        h.flow.markChecklistItem("drill", true, CAPTAIN, "", log.toString());
        assertThat(h.lastRefusal()).isEqualTo("'Billing drill log newer than 7 days' drill-2026-11-12.log was last "
                + "changed 10 d ago; the item wants it newer than 7 d");
        assertThat(h.all(ChecklistItemMarked.class)).isEmpty();

        Files.setLastModifiedTime(log, FileTime.from(h.clock.instant().minus(Duration.ofDays(2))));
        h.flow.markChecklistItem("drill", true, CAPTAIN, "ran by Sam", log.toString());

        ChecklistItemMarked mark = h.last(ChecklistItemMarked.class);
        assertThat(mark.evidence()).isEqualTo(log.toString());
        assertThat(mark.note()).isEqualTo("ran by Sam");
    }

    @Test
    void evidenceThatGoesStaleBeforeTheCanaryStartsBlocksItAgain() throws Exception {
        FlowHarness h = new FlowHarness(PLAN);
        Path log = Files.writeString(dir.resolve("drill.log"), "ok\n");
        Files.setLastModifiedTime(log, FileTime.from(h.clock.instant().minus(Duration.ofDays(6))));
        h.flow.markChecklistItem("drill", true, CAPTAIN, "", log.toString());
        h.flow.markChecklistItem("dashboard", true, CAPTAIN, "", "https://grafana.example.com/d/billing");
        h.tick();
        assertThat(h.flow.stage()).isEqualTo(ReleaseStage.READY);

        h.wait(Duration.ofDays(2));

        assertThat(h.flow.stage()).isEqualTo(ReleaseStage.PREFLIGHT);
        h.flow.advance(CAPTAIN, Optional.empty());
        assertThat(h.lastRefusal()).contains("drill.log was last changed 8 d ago");
    }

    @Test
    void aLinkMustBeAnHttpLink() throws Exception {
        FlowHarness h = new FlowHarness(PLAN);

        h.flow.markChecklistItem("dashboard", true, CAPTAIN, "", "grafana/d/billing");
        assertThat(h.lastRefusal()).isEqualTo("'Dashboard link for the bridge' 'grafana/d/billing' is not an http(s) "
                + "link");
        h.flow.markChecklistItem("dashboard", false, CAPTAIN, "", "");
        assertThat(h.last(ChecklistItemMarked.class).done()).as("unticking needs no evidence").isFalse();
    }
}
