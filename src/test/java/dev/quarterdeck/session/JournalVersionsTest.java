package dev.quarterdeck.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.session.RecoveryReport.Action;
import dev.quarterdeck.session.RecoveryReport.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journals written by other versions of Quarterdeck, committed as bytes (src/test/resources/journals). */
class JournalVersionsTest {
    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        Path copy = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/journals/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            Files.copy(in, copy);
        }
        return copy;
    }

    private static <T extends SessionEvent> T only(List<SessionEvent> events, Class<T> kind) {
        List<T> found = events.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(found).as(kind.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    @Test
    void aVersionOneJournalOpensWithEveryEventAndNeutralValuesForFieldsAddedSince() throws IOException {
        Path file = fixture("v1-session.jsonl");
        List<SessionEvent> events = new ArrayList<>();
        try (SessionJournal journal = SessionJournal.open(file, Redactor.standard())) {
            assertThat(journal.recovery().clean()).as(journal.recovery().describe()).isTrue();
            journal.replay(events::add);
            journal.append(new SessionEvent.NoteAdded(Instant.parse("2026-03-02T10:00:00Z"), new Actor("ana"),
                    "appended by this version"));
        }
        assertThat(events).hasSize(13);
        assertThat(events.get(0)).isEqualTo(new SessionEvent.SessionStarted(Instant.parse("2026-03-02T09:00:00Z"),
                "checkout", "2.4.0", "staging", new Actor("ana")));

        SessionEvent.LastKnownGoodRecorded lkg = only(events, SessionEvent.LastKnownGoodRecorded.class);
        assertThat(lkg.images()).isEqualTo(Map.of("app", "registry.internal/checkout:2.3.9"));
        assertThat(lkg.featureFlags()).as("added after version 1").isEmpty();

        SessionEvent.ChecklistItemMarked tick = only(events, SessionEvent.ChecklistItemMarked.class);
        assertThat(tick.item()).isEqualTo("database-backed-up");
        assertThat(tick.note()).isEqualTo("snapshot 2026-03-02 08:55");
        assertThat(tick.done()).isTrue();
        assertThat(tick.evidence()).as("added after version 1").isEmpty();

        assertThat(only(events, SessionEvent.PreflightChecked.class).missing())
                .extracting(SessionEvent.PreflightChecked.Access::reason).containsExactly("RBAC: forbidden");
        assertThat(only(events, SessionEvent.ProbeSample.class).took()).isEqualTo(Duration.ofMillis(12));
        List<SessionEvent.MetricSample> metrics = events.stream().filter(SessionEvent.MetricSample.class::isInstance)
                .map(SessionEvent.MetricSample.class::cast).toList();
        assertThat(metrics.get(0).value()).isNaN();
        assertThat(metrics.get(1).metric()).isEqualTo(Metric.P95_LATENCY);
        assertThat(metrics.get(1).value()).isEqualTo(0.182);

        List<JournalEntry> all = new ArrayList<>();
        assertThat(SessionJournal.read(file, all::add).clean()).isTrue();
        assertThat(all).hasSize(14).last().extracting(JournalEntry::sequence).isEqualTo(14L);
    }

    @Test
    void aJournalFromANewerVersionOpensAndReportsTheKindItDoesNotKnow() throws IOException {
        Path file = fixture("newer-version.jsonl");
        List<JournalEntry> entries = new ArrayList<>();
        RecoveryReport report = SessionJournal.read(file, entries::add);

        assertThat(entries).extracting(JournalEntry::sequence).containsExactly(1L, 3L, 4L);
        assertThat(entries.get(1).event()).isEqualTo(new SessionEvent.NoteAdded(
                Instant.parse("2027-01-10T12:00:06Z"), new Actor("ana"), "written by a newer version"));
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.kind()).isEqualTo(Kind.UNKNOWN_KIND);
            assertThat(p.action()).isEqualTo(Action.SKIPPED);
            assertThat(p.atTail()).isFalse();
            assertThat(p.reason()).isEqualTo("an event of kind \"CanaryAutopsy\" (schema version 3), unknown to this "
                    + "version of Quarterdeck (schema version " + JournalLine.VERSION + ")");
        });
        assertThat(report.describe()).startsWith(file + ":2 (byte ");

        try (SessionJournal journal = SessionJournal.open(file, Redactor.standard())) {
            assertThat(journal.count()).isEqualTo(3);
            assertThat(journal.submit(new SessionEvent.NoteAdded(Instant.EPOCH, new Actor("ana"), "x")).sequence())
                    .as("the unknown line keeps its number").isEqualTo(5);
        }
    }
}
