package dev.quarterdeck.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A session's crash-safe record: one JSON Lines file ({@link JournalLine} says what a line holds), appended
 * by one writer thread with group commit ({@link GroupCommit}). {@link #append} returns only once the event's
 * line is forced to disk, so an acknowledged event survives a kill -9 or a power cut; every event is
 * redacted before it is written.
 *
 * <p>Opening a journal that already exists reads it whole first ({@link JournalReader}): a damaged tail is
 * cut and reported, damage in the middle is reported and left alone ({@link RecoveryReport} says how), and
 * appending continues after the last good line. A journal is open for appending in one place at a time
 * ({@link JournalLock}); {@link #read} reads one without changing it, for reports or another machine.
 *
 * <p>{@link #replay} reads the file again, up to what is on disk: what a late subscriber sees is exactly the
 * record, redacted, and the journal holds no events in memory.
 */
public final class SessionJournal implements EventStore {

    /** How appends reach the disk. */
    public enum Commit {
        /** Whatever is queued when the writer is free goes in one write and one fsync. */
        GROUPED(4096),
        /** One write and one fsync per event: the obvious way, for comparison. */
        EACH_EVENT(1);

        private final int maxBatch;

        Commit(int maxBatch) {
            this.maxBatch = maxBatch;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final JournalLock lock;
    private final Redactor redactor;
    private final EventCodec codec;
    private final ObjectMapper mapper;
    private final GroupCommit commit;
    private final RecoveryReport recovery;
    private boolean closed;

    private SessionJournal(Path file, FileChannel channel, JournalLock lock, Redactor redactor, EventCodec codec,
            JournalReader.Scan scan, RecoveryReport recovery, Commit mode) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.redactor = redactor;
        this.codec = codec;
        this.mapper = codec.mapper();
        this.recovery = recovery;
        this.commit = new GroupCommit(channel, file, scan.lastSeq(), scan.goodLength(), scan.events(), mode.maxBatch);
    }

    /** A new journal at {@code file}, which must not exist yet. */
    public static SessionJournal create(Path file, Redactor redactor) throws IOException {
        return create(file, redactor, Commit.GROUPED);
    }

    public static SessionJournal create(Path file, Redactor redactor, Commit mode) throws IOException {
        Objects.requireNonNull(redactor, "redactor");
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        forceDirectory(parent);
        return open(file, redactor, mode);
    }

    /** An existing journal, opened for appending after recovery: see {@link #recovery()}. */
    public static SessionJournal open(Path file, Redactor redactor) throws IOException {
        return open(file, redactor, Commit.GROUPED);
    }

    public static SessionJournal open(Path file, Redactor redactor, Commit mode) throws IOException {
        Objects.requireNonNull(redactor, "redactor");
        JournalLock lock = JournalLock.acquire(file);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            EventCodec codec = new EventCodec();
            JournalReader.Scan scan = new JournalReader(codec).read(file, Long.MAX_VALUE, e -> {});
            RecoveryReport report = cutTail(channel, scan);
            channel.position(scan.goodLength());
            return new SessionJournal(file, channel, lock, redactor, codec, scan, report, mode);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            lock.close();
            throw e;
        }
    }

    /**
     * Reads a journal without changing it (no lock, no cut): every readable event in order, and what was
     * wrong. For reports, resume, and journals copied from another machine.
     */
    public static RecoveryReport read(Path file, Consumer<? super JournalEntry> consumer) throws IOException {
        return new JournalReader(new EventCodec()).read(file, Long.MAX_VALUE, consumer).report(false, Optional.empty());
    }

    /** Truncates the file to its last good line; first copies a cut that held a whole line to a side file. */
    private static RecoveryReport cutTail(FileChannel channel, JournalReader.Scan scan) throws IOException {
        long cut = scan.length() - scan.goodLength();
        if (cut <= 0) {
            return scan.report(false, Optional.empty());
        }
        Optional<Path> copy = Optional.empty();
        boolean wholeLines = scan.found().stream().anyMatch(f -> f.offset() >= scan.goodLength()
                && f.kind() != RecoveryReport.Kind.TORN_TAIL);
        if (wholeLines) {
            Path side = scan.file().resolveSibling(scan.file().getFileName() + ".cut-at-" + scan.goodLength());
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(cut, Integer.MAX_VALUE - 8));
            while (bytes.hasRemaining() && channel.read(bytes, scan.goodLength() + bytes.position()) > 0) {
                // a read may stop short of what was asked
            }
            Files.write(side, java.util.Arrays.copyOf(bytes.array(), bytes.position()));
            copy = Optional.of(side);
        }
        channel.truncate(scan.goodLength());
        channel.force(true);
        return scan.report(true, copy);
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the new file's name is durable too
        } catch (IOException notSupportedHere) {
            // Some platforms cannot open a directory; the file's own fsyncs still hold its contents.
        }
    }

    public Path file() {
        return file;
    }

    /** What opening found and did; clean for a new journal. */
    public RecoveryReport recovery() {
        return recovery;
    }

    /** Redacts and encodes the event, and puts its line in the queue; the receipt says when it is on disk. */
    @Override
    public JournalReceipt submit(SessionEvent event) throws IOException {
        byte[] fields = mapper.writeValueAsBytes(codec.encode(event, redactor::redact));
        return commit.submit(EventCodec.kindOf(event), fields, true);
    }

    /** Returns once the event is on disk (written and forced). */
    @Override
    public void append(SessionEvent event) throws IOException {
        submit(event).await();
    }

    @Override
    public void replay(Consumer<? super SessionEvent> consumer) {
        try {
            new JournalReader(codec).read(file, commit.durableLength(), e -> consumer.accept(e.event()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read journal " + file + " back", e);
        }
    }

    /**
     * Reads this journal as {@link #read} does, but only up to the last line forced to disk: a report of a session
     * still being recorded never meets a line half written, and takes no lock from the writer.
     */
    public RecoveryReport readSoFar(Consumer<? super JournalEntry> consumer) throws IOException {
        return new JournalReader(codec).read(file, commit.durableLength(), consumer).report(false, Optional.empty());
    }

    /**
     * How many times this journal forced its file to disk since it was opened. Appends divided by this is how
     * many appends shared an fsync: what group commit buys.
     */
    public long forces() {
        return commit.forces();
    }

    @Override
    public long count() {
        return commit.durableEvents();
    }

    /**
     * Ends the session on purpose: a last line says so (listings show the session as finished, resume does
     * not offer it), then the journal closes.
     */
    public void finish(Instant at) throws IOException {
        byte[] fields = mapper.writeValueAsBytes(mapper.createObjectNode().put("at", at.toString()));
        commit.submit(JournalLine.FINISHED, fields, false).await();
        close();
    }

    /** Writes and forces everything submitted, then releases the file. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            commit.close();
        } finally {
            try {
                channel.close();
            } finally {
                lock.close();
            }
        }
    }
}
