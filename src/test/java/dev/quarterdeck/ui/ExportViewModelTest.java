package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.report.ReportFormat;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent.NoteAdded;
import dev.quarterdeck.session.SessionEvent.SessionStarted;
import dev.quarterdeck.session.SessionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export without a stage: the format and file chosen, and what a write that worked or failed says. */
class ExportViewModelTest {
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dir;

    private final SessionLog log = SessionLog.inMemory();
    private ExportViewModel export;

    @BeforeEach
    void open() {
        log.append(new SessionStarted(AT, "checkout-api", "2.14.0", "production", new Actor("dana")));
        log.append(new NoteAdded(AT.plusSeconds(5), new Actor("dana"), "canary pods warm"));
        export = new ExportViewModel(new LogExport(log, dir.resolve("reports")), TaskExecutor.sameThread());
    }

    @Test
    void html_is_chosen_at_first_to_go_where_reports_go() {
        assertThat(export.formatProperty().get()).isEqualTo(ReportFormat.HTML);
        assertThat(export.fileProperty().get())
                .isEqualTo(dir.resolve("reports/checkout-api-production-20260302-1000.html").toString());
    }

    @Test
    void another_format_renames_the_file_unless_the_captain_named_it_otherwise() {
        export.formatProperty().set(ReportFormat.MARKDOWN);
        assertThat(export.fileProperty().get()).endsWith("checkout-api-production-20260302-1000.md");

        export.fileProperty().set("/srv/postmortems/checkout.txt");
        export.formatProperty().set(ReportFormat.JSON);
        assertThat(export.fileProperty().get()).isEqualTo("/srv/postmortems/checkout.txt");
    }

    @Test
    void a_chosen_file_named_for_a_format_chooses_it() {
        export.chosen(dir.resolve("incident-42.json"));

        assertThat(export.formatProperty().get()).isEqualTo(ReportFormat.JSON);
        assertThat(export.fileProperty().get()).isEqualTo(dir.resolve("incident-42.json").toString());
    }

    @Test
    void a_written_report_says_where_and_how_many_events() throws IOException {
        export.formatProperty().set(ReportFormat.MARKDOWN);

        export.export();

        Path written = dir.resolve("reports/checkout-api-production-20260302-1000.md");
        assertThat(export.statusProperty().get()).isEqualTo("Wrote 2 events to " + written);
        assertThat(export.statusToneProperty().get()).isEqualTo(Tone.SUCCESS);
        assertThat(export.busyProperty().get()).isFalse();
        assertThat(Files.readString(written)).contains("canary pods warm")
                .contains("still in progress, not finished");
    }

    @Test
    void a_bare_name_goes_where_reports_go() {
        export.fileProperty().set("handover.html");

        export.export();

        assertThat(dir.resolve("reports/handover.html")).isRegularFile();
    }

    @Test
    void a_location_that_cannot_be_written_is_named_with_the_reason() throws IOException {
        Path inTheWay = Files.writeString(dir.resolve("not-a-folder"), "a file");
        Path target = inTheWay.resolve("report.html");
        export.fileProperty().set(target.toString());

        export.export();

        assertThat(export.statusProperty().get())
                .isEqualTo("Could not write " + target + ": " + inTheWay + " is a file, not a folder");
        assertThat(export.statusToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(export.busyProperty().get()).isFalse();
    }

    @Test
    void a_failure_says_which_path_it_was_about_in_words() {
        Path target = Path.of("/srv/reports/checkout.html");

        assertThat(ExportViewModel.reason(new java.nio.file.AccessDeniedException(
                "/srv/reports/.checkout.html123.part"), target)).isEqualTo("permission denied in /srv/reports");
        assertThat(ExportViewModel.reason(new java.nio.file.NoSuchFileException("/srv/reports"), target))
                .isEqualTo("cannot make the folder /srv/reports: no such file or folder");
        assertThat(ExportViewModel.reason(new java.nio.file.FileSystemException(target.toString(), null,
                "Is a directory"), target)).isEqualTo("is a directory");
        assertThat(ExportViewModel.reason(new IOException("No space left on device"), target))
                .isEqualTo("No space left on device");
        assertThat(ExportViewModel.reason(new IllegalStateException("the record holds no event"), target))
                .isEqualTo("the record holds no event");
    }

    @Test
    void nowhere_to_write_is_said_before_anything_runs() {
        export.fileProperty().set("  ");

        export.export();

        assertThat(export.statusProperty().get()).isEqualTo("Say where to write the report.");
        assertThat(export.statusToneProperty().get()).isEqualTo(Tone.DANGER);
    }
}
