package dev.quarterdeck.ui;

import dev.quarterdeck.report.ReportFormat;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Export: the session, as far as it has gone, written as a report the captain can hand on. The format (HTML
 * unless chosen otherwise) and the file, prefilled where reports go; the writing runs through the
 * {@link TaskExecutor}, never on the FX thread, and says where it wrote and how many events, or why it could not.
 */
public final class ExportViewModel {
    private final SessionExport export;
    private final TaskExecutor tasks;
    private final ObjectProperty<ReportFormat> format = new SimpleObjectProperty<>(ReportFormat.HTML);
    private final StringProperty file = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> statusTone = new ReadOnlyObjectWrapper<>(Tone.MUTED);

    public ExportViewModel(SessionExport export, TaskExecutor tasks) {
        this.export = Objects.requireNonNull(export, "export");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        file.set(export.suggestedFile(ReportFormat.HTML).toString());
        // A file named for one format is renamed with the next; a name the captain gave another ending is kept.
        format.addListener((obs, was, now) -> {
            if (was != null && now != null) {
                String suffix = "." + was.key();
                String text = file.get();
                if (text.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                    file.set(text.substring(0, text.length() - suffix.length()) + "." + now.key());
                }
            }
        });
    }

    /** How the captain's choice reads: "HTML", "Markdown postmortem", "JSON". */
    public static String label(ReportFormat format) {
        switch (format) {
            case MARKDOWN:
                return "Markdown postmortem";
            case JSON:
                return "JSON";
            default:
                return "HTML";
        }
    }

    /** Opens the form. What was last said stays until the next export. */
    public void show() {
        open.set(true);
    }

    /** Closes the form; an export under way still finishes and says so when it is opened again. */
    public void hide() {
        open.set(false);
    }

    /** A file picked in a chooser; its ending picks the format when it names one. */
    public void chosen(Path picked) {
        String name = picked.getFileName() == null ? "" : picked.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Optional<ReportFormat> named = dot < 0 ? Optional.empty() : ReportFormat.byKey(name.substring(dot + 1));
        file.set(picked.toString());
        named.ifPresent(format::set);
    }

    /** Where a file chooser starts: the folder of the file in the field, or where reports go. */
    public Path folder() {
        return target().map(Path::getParent).orElseGet(() -> export.suggestedFile(format.get()).getParent());
    }

    /** Writes the report, off the FX thread; nothing happens while one is being written. */
    public void export() {
        if (busy.get()) {
            return;
        }
        Optional<Path> target = target();
        if (target.isEmpty()) {
            say(file.get().isBlank() ? "Say where to write the report." : "Could not write " + file.get().strip()
                    + ": not a path this system can write to", Tone.DANGER);
            return;
        }
        ReportFormat chosen = format.get();
        Path to = target.get();
        busy.set(true);
        say("Writing the " + label(chosen) + " report to " + to + "…", Tone.MUTED);
        tasks.run(() -> export.write(chosen, to), written -> {
            busy.set(false);
            say("Wrote " + written.events() + " events to " + written.file() + (written.unreadableLines() == 0 ? ""
                    : "; " + written.unreadableLines() + " unreadable journal line"
                            + (written.unreadableLines() == 1 ? " is" : "s are") + " listed in it as gaps"),
                    Tone.SUCCESS);
        }, failure -> {
            busy.set(false);
            say("Could not write " + to + ": " + reason(failure, to), Tone.DANGER);
        });
    }

    /** The file in the field as a path; a bare name goes where reports go. Empty when it is no path at all. */
    private Optional<Path> target() {
        String text = file.get() == null ? "" : file.get().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(text);
            return Optional.of(path.isAbsolute() ? path
                    : export.suggestedFile(format.get()).toAbsolutePath().getParent().resolve(path));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private void say(String text, Tone tone) {
        status.set(text);
        statusTone.set(tone);
    }

    /**
     * Why a write failed, in words. The file system's own are terse ("/a/b") and often about another path than the
     * report's: a folder the export tried to make, or the part file it writes beside the report first.
     */
    static String reason(Exception failure, Path target) {
        if (failure instanceof FileAlreadyExistsException e) {
            return e.getFile() + " is a file, not a folder";
        }
        if (!(failure instanceof FileSystemException e)) {
            return failure.getMessage() == null || failure.getMessage().isBlank()
                    ? failure.getClass().getSimpleName() : failure.getMessage();
        }
        String why = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "no such file or folder"
                : e.getReason() != null ? e.getReason().toLowerCase(Locale.ROOT)
                : e.getClass().getSimpleName();
        Path file;
        try {
            file = e.getFile() == null ? target : Path.of(e.getFile());
        } catch (InvalidPathException notAPath) {
            return why + " (" + e.getFile() + ")";
        }
        if (file.equals(target)) {
            return why;
        }
        if (target.startsWith(file)) {
            return "cannot make the folder " + file + ": " + why;
        }
        if (Objects.equals(file.getParent(), target.getParent())) {
            return why + " in " + target.getParent();
        }
        return why + " (" + file + ")";
    }

    /** The format chosen; HTML at first. */
    public ObjectProperty<ReportFormat> formatProperty() {
        return format;
    }

    /** Where to write, as typed or chosen; bound to the field. */
    public StringProperty fileProperty() {
        return file;
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    /** True while a report is being written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What the last export did: where it wrote and how many events, or why it could not. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> statusToneProperty() {
        return statusTone.getReadOnlyProperty();
    }
}
