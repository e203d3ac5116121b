package dev.quarterdeck.session;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per journal, across processes: an OS lock on a file of its own, {@code .locks/NAME.lock} beside
 * the journal. Not on the journal itself: on Linux a process loses its lock on a file when it closes any
 * descriptor of that file, and the journal is read (replay, listings) while it is being written. The lock
 * files stay (empty) after use; deleting one could let two writers lock two different files of one name.
 * A crashed writer's lock goes with its process.
 */
final class JournalLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private JournalLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static JournalLock acquire(Path journal) throws IOException {
        Path dir = journal.toAbsolutePath().resolveSibling(".locks");
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(journal.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("journal " + journal + " is already open for appending (in this or another "
                    + "Quarterdeck); a journal has one writer at a time");
        }
        return new JournalLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
