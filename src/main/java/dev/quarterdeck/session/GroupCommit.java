package dev.quarterdeck.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A journal's one writer thread. Appenders put framed lines in line and wait on their receipt; the writer
 * takes whatever is queued (up to {@code maxBatch} lines), writes it in one call, forces it to disk once
 * ({@link FileChannel#force}), and only then acknowledges every appender in the batch. In a burst many
 * appends share one fsync; alone, an append costs one write and one fsync. With {@code maxBatch} 1 every
 * event has an fsync of its own (the baseline the benchmark compares against).
 *
 * <p>{@code force(false)}: the file's size is part of what fdatasync makes durable, which is all a reader
 * needs; timestamps are not worth a second flush.
 *
 * <p>A failed write or force stops the journal: the batch, everything queued and every later append fail
 * with the cause, since a line after a gap would be refused on recovery anyway. Nothing is acknowledged that
 * is not on disk.
 */
final class GroupCommit {
    /** Appenders wait (back-pressure) when this many lines are queued and not yet written. */
    private static final int MAX_QUEUED = 65_536;

    private final FileChannel channel;
    private final Path file;
    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final Thread writer;
    private long nextSeq;
    private volatile long durableLength;
    private volatile long durableEvents;
    private volatile long forces;
    private IOException failure;
    private boolean closing;

    private record Queued(JournalReceipt receipt, boolean event) {}

    GroupCommit(FileChannel channel, Path file, long lastSeq, long length, long events, int maxBatch) {
        this.channel = channel;
        this.file = file;
        this.maxBatch = maxBatch;
        this.nextSeq = lastSeq + 1;
        this.durableLength = length;
        this.durableEvents = events;
        this.writer = new Thread(this::run, "journal-writer " + file.getFileName());
        writer.setDaemon(true);
        writer.start();
    }

    /** Frames the line with the next sequence number and queues it; {@code event}: not a journal line. */
    JournalReceipt submit(String kind, byte[] fields, boolean event) throws IOException {
        lock.lock();
        try {
            while (queue.size() >= MAX_QUEUED && failure == null && !closing) {
                room.awaitUninterruptibly();
            }
            if (failure != null) {
                throw new IOException("journal " + file + " stopped after a failed write; nothing more is recorded: "
                        + failure.getMessage(), failure);
            }
            if (closing) {
                throw new IOException("journal " + file + " is closed");
            }
            long seq = nextSeq++;
            JournalReceipt receipt = new JournalReceipt(seq, JournalLine.frame(seq, kind, fields));
            queue.add(new Queued(receipt, event));
            work.signal();
            return receipt;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of the file that are forced to disk: what a replay may read. */
    long durableLength() {
        return durableLength;
    }

    /** Events (journal lines aside) among them that were appended since opening, plus those found then. */
    long durableEvents() {
        return durableEvents;
    }

    /** How many times the writer forced the file to disk: appends divided by this is the mean batch. */
    long forces() {
        return forces;
    }

    private void run() {
        List<Queued> batch = new ArrayList<>();
        while (take(batch)) {
            try {
                long written = write(batch);
                channel.force(false);
                forces++;
                durableLength += written;
                durableEvents += batch.stream().filter(Queued::event).count();
                batch.forEach(q -> q.receipt().durable());
            } catch (IOException | RuntimeException e) {
                stop(batch, e);
                return;
            }
            batch.clear();
        }
    }

    /** Waits for work and takes a batch; false once closing with nothing left. */
    private boolean take(List<Queued> batch) {
        lock.lock();
        try {
            while (queue.isEmpty() && !closing) {
                work.awaitUninterruptibly();
            }
            while (!queue.isEmpty() && batch.size() < maxBatch) {
                batch.add(queue.poll());
            }
            room.signalAll();
            return !batch.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private long write(List<Queued> batch) throws IOException {
        ByteBuffer[] lines = new ByteBuffer[batch.size()];
        long total = 0;
        for (int i = 0; i < lines.length; i++) {
            lines[i] = ByteBuffer.wrap(batch.get(i).receipt().line());
            total += lines[i].remaining();
        }
        long written = 0;
        while (written < total) {
            written += channel.write(lines);
        }
        return total;
    }

    private void stop(List<Queued> batch, Exception cause) {
        IOException failed = new IOException("could not write " + batch.size() + " line(s) to journal " + file
                + " at byte " + durableLength + ": " + cause, cause);
        List<Queued> dropped = new ArrayList<>(batch);
        lock.lock();
        try {
            failure = failed;
            dropped.addAll(queue);
            queue.clear();
            room.signalAll();
        } finally {
            lock.unlock();
        }
        dropped.forEach(q -> q.receipt().failed(failed));
    }

    /** Writes what is queued, then stops the writer; throws if the journal had failed. */
    void close() throws IOException {
        lock.lock();
        try {
            closing = true;
            work.signalAll();
            room.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            if (failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
        } finally {
            lock.unlock();
        }
    }
}
