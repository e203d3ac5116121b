package dev.quarterdeck.session;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder of session journals: {@code ~/.quarterdeck/sessions/} unless told otherwise, one file per
 * session, named by its start time (UTC) and a short random id, {@code 20261122T100000Z-3f9a1c2b.jsonl}, so
 * that names sort by start. The folder is readable by its owner only: a journal is redacted, but still says
 * what was done where.
 */
public final class SessionJournals {
    private static final String SUFFIX = ".jsonl";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("(\\d{8}T\\d{6}Z)-([0-9a-f]{8})\\.jsonl");
    private static final int TAIL_BLOCK = 64 * 1024;

    private final Path directory;
    private final SecureRandom random = new SecureRandom();

    public SessionJournals(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    /** {@code ~/.quarterdeck/sessions/}. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".quarterdeck", "sessions");
    }

    public static SessionJournals atDefaultDirectory() {
        return new SessionJournals(defaultDirectory());
    }

    public Path directory() {
        return directory;
    }

    /** A new, empty journal for a session starting at {@code startedAt}. */
    public SessionJournal create(Instant startedAt, Redactor redactor) throws IOException {
        ensureDirectory();
        for (int attempt = 0; ; attempt++) {
            byte[] id = new byte[4];
            random.nextBytes(id);
            Path file = directory.resolve(STAMP.format(startedAt) + "-" + HexFormat.of().formatHex(id) + SUFFIX);
            try {
                return SessionJournal.create(file, redactor);
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 10) {
                    throw taken;
                }
            }
        }
    }

    /** Opens a listed session's journal for appending (resume): see {@link SessionJournal#recovery()}. */
    public SessionJournal open(SessionFile session, Redactor redactor) throws IOException {
        return SessionJournal.open(session.file(), redactor);
    }

    /** Every session in the folder, oldest first; files not named like a journal are left out. */
    public List<SessionFile> list() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<SessionFile> sessions = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches() && Files.isRegularFile(file)) {
                    Instant started = STAMP.parse(m.group(1), Instant::from);
                    sessions.add(new SessionFile(file, m.group(2), started, finished(file), Files.size(file)));
                }
            }
        }
        sessions.sort(Comparator.comparing(SessionFile::startedAt).thenComparing(SessionFile::id));
        return sessions;
    }

    /** The session with this id (the 8 hex digits of its file name). */
    public Optional<SessionFile> find(String id) throws IOException {
        return list().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The sessions not finished on purpose, newest first: what resume offers. */
    public List<SessionFile> unfinished() throws IOException {
        List<SessionFile> open = new ArrayList<>(list().stream().filter(s -> !s.finished()).toList());
        open.sort(Comparator.comparing(SessionFile::startedAt).reversed());
        return open;
    }

    /**
     * Whether the last complete line is the journal's own "finished" line, read from the end of the file
     * (a torn line after it, which a crash cannot leave after a finish, would not count).
     */
    static boolean finished(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            for (int block = TAIL_BLOCK; ; block *= 2) {
                int size = (int) Math.min(length, block);
                byte[] buf = new byte[size];
                in.seek(length - size);
                in.readFully(buf);
                int end = size;
                while (end > 0 && buf[end - 1] != '\n') {
                    end--;
                }
                if (end == 0) {
                    return false; // no complete line at all
                }
                int start = end - 1;
                while (start > 0 && buf[start - 1] != '\n') {
                    start--;
                }
                if (start > 0 || size == length) {
                    return isFinishedLine(buf, start, end - 1 - start);
                }
                if (block > Integer.MAX_VALUE / 4) {
                    return false;
                }
            }
        }
    }

    private static boolean isFinishedLine(byte[] buf, int off, int len) {
        try {
            return JournalLine.parse(buf, off, len, new com.fasterxml.jackson.databind.ObjectMapper()).kind()
                    .equals(JournalLine.FINISHED);
        } catch (JournalLine.BadLine e) {
            return false;
        }
    }

    private void ensureDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }
}
