package dev.quarterdeck.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionJournalsTest {
    private static final Instant MORNING = Instant.parse("2026-11-22T09:15:30.750Z");
    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");
    private static final Actor ANA = new Actor("ana");

    @TempDir
    Path dir;

    @Test
    void theDefaultFolderIsUnderTheUsersHome() {
        assertThat(SessionJournals.defaultDirectory())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".quarterdeck", "sessions"));
        assertThat(SessionJournals.atDefaultDirectory().directory()).isEqualTo(SessionJournals.defaultDirectory());
    }

    @Test
    void journalsAreNamedByStartTimeAndAShortIdSoNamesSortByStart() throws IOException {
        SessionJournals sessions = new SessionJournals(dir.resolve("sessions"));
        Path noon;
        Path morning;
        try (SessionJournal later = sessions.create(NOON, Redactor.standard());
                SessionJournal earlier = sessions.create(MORNING, Redactor.standard())) {
            noon = later.file();
            morning = earlier.file();
        }
        assertThat(morning.getFileName().toString()).matches("20261122T091530Z-[0-9a-f]{8}\\.jsonl");
        assertThat(noon.getFileName().toString()).matches("20261122T120000Z-[0-9a-f]{8}\\.jsonl");
        assertThat(morning.getFileName().toString()).isLessThan(noon.getFileName().toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sessions"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(morning))).isEqualTo("rw-------");
    }

    @Test
    void theListingSaysWhichSessionsWereFinishedAndLeavesOtherFilesOut() throws IOException {
        SessionJournals sessions = new SessionJournals(dir);
        SessionJournal done = sessions.create(MORNING, Redactor.standard());
        done.append(new SessionEvent.NoteAdded(MORNING, ANA, "promoted"));
        done.finish(MORNING.plusSeconds(3600));
        try (SessionJournal crashed = sessions.create(NOON, Redactor.standard())) {
            crashed.append(new SessionEvent.NoteAdded(NOON, ANA, "at 25 %"));
        }
        Files.writeString(dir.resolve("notes.txt"), "not a journal");
        Files.writeString(dir.resolve("20261122T120000Z-abc.jsonl"), "not a journal name either");

        List<SessionFile> listed = sessions.list();
        assertThat(listed).extracting(SessionFile::startedAt)
                .containsExactly(Instant.parse("2026-11-22T09:15:30Z"), NOON);
        assertThat(listed).extracting(SessionFile::finished).containsExactly(true, false);
        assertThat(listed.get(0).id()).matches("[0-9a-f]{8}");
        assertThat(listed.get(0).bytes()).isEqualTo(Files.size(listed.get(0).file()));
        assertThat(sessions.unfinished()).containsExactly(listed.get(1));
        assertThat(sessions.find(listed.get(1).id())).contains(listed.get(1));

        List<SessionEvent> resumed = new ArrayList<>();
        try (SessionJournal again = sessions.open(listed.get(1), Redactor.standard())) {
            again.replay(resumed::add);
        }
        assertThat(resumed).containsExactly(new SessionEvent.NoteAdded(NOON, ANA, "at 25 %"));
    }

    @Test
    void aLastLineLongerThanOneReadBlockIsStillRead() throws IOException {
        Path file = dir.resolve("long.jsonl");
        SessionJournal journal = SessionJournal.create(file, Redactor.standard());
        journal.append(new SessionEvent.NoteAdded(NOON, ANA, "x".repeat(200_000)));
        assertThat(SessionJournals.finished(file)).isFalse();
        journal.finish(NOON);
        assertThat(SessionJournals.finished(file)).isTrue();
    }

    @Test
    void anEmptyOrMissingFolderHasNoSessions() throws IOException {
        assertThat(new SessionJournals(dir.resolve("nowhere")).list()).isEmpty();
        assertThat(new SessionJournals(dir).list()).isEmpty();
    }
}
