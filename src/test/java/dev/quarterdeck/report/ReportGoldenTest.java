package dev.quarterdeck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.rollout.RecordedSessions;
import dev.quarterdeck.session.SessionEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three formats of one recorded session (the real release flow on a virtual clock, zone UTC), against
 * golden files. See {@link Goldens} for how to look at and rewrite them.
 */
class ReportGoldenTest {
    private static final String NAME = "onesource-chat-rolled-back";
    private static List<SessionEvent> events;

    @BeforeAll
    static void record() throws Exception {
        events = RecordedSessions.canaryRolledBackAfterOverride();
    }

    private static String render(ReportFormat format) throws IOException {
        // As the journal of a console closed after the rollback has it: a session finished on purpose.
        ReportBuilder builder = new ReportBuilder(Redaction.standard());
        events.forEach(builder);
        builder.sessionFinished();
        SessionReport report = builder.build();
        StringWriter out = new StringWriter();
        format.write(report, out, ZoneOffset.UTC);
        return out.toString();
    }

    @Test
    void recordingTheSessionTwiceGivesTheSameEvents() throws Exception {
        assertThat(RecordedSessions.canaryRolledBackAfterOverride()).isEqualTo(events);
    }

    @Test
    void json() throws IOException {
        Goldens.check(NAME + ".json", render(ReportFormat.JSON));
    }

    @Test
    void markdown() throws IOException {
        Goldens.check(NAME + ".md", render(ReportFormat.MARKDOWN));
    }

    @Test
    void html() throws IOException {
        Goldens.check(NAME + ".html", render(ReportFormat.HTML));
    }
}
