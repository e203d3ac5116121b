package dev.quarterdeck.session;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * One event submitted to a {@link SessionJournal}: its sequence number, known at once, and whether its line
 * is on disk yet. {@link #await()} returns once the line has been written and forced to disk.
 */
public final class JournalReceipt implements EventStore.Receipt {
    private final long sequence;
    private final byte[] line;
    private final CountDownLatch settled = new CountDownLatch(1);
    private volatile IOException failure;

    JournalReceipt(long sequence, byte[] line) {
        this.sequence = sequence;
        this.line = line;
    }

    /** The sequence number of the event's line: 1 for a session's first event, then one more each time. */
    public long sequence() {
        return sequence;
    }

    byte[] line() {
        return line;
    }

    @Override
    public void await() throws IOException {
        boolean interrupted = false;
        while (true) {
            try {
                settled.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        IOException failed = failure;
        if (failed != null) {
            throw new IOException(failed.getMessage(), failed);
        }
    }

    void durable() {
        settled.countDown();
    }

    void failed(IOException why) {
        failure = why;
        settled.countDown();
    }
}
