package dev.quarterdeck.session;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * The raw lines of a file with their byte offsets, read in large blocks, without decoding text: a journal of
 * a million lines is checked in one pass with no per-line copy. A last line without a newline is given too,
 * marked as such. A {@code RandomAccessFile} rather than a channel: a read on a thread that was interrupted
 * must still work (an interrupted channel read closes the channel).
 */
final class RawLines {
    private static final int BLOCK = 1 << 20;

    private RawLines() {}

    /** Sees one line: {@code buf[off, off + len)}, its newline excluded. The buffer is reused afterwards. */
    @FunctionalInterface
    interface Visitor {
        void line(long number, long offset, byte[] buf, int off, int len, boolean terminated) throws IOException;
    }

    /** Visits every line in the first {@code limit} bytes of the file. */
    static void scan(Path file, long limit, Visitor visitor) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long end = Math.min(limit, in.length());
            byte[] buf = new byte[(int) Math.min(BLOCK, Math.max(end, 16))];
            long base = 0; // file offset of buf[0]
            long read = 0;
            int start = 0;
            int filled = 0;
            int scanned = 0;
            long number = 0;
            while (true) {
                for (int i = scanned; i < filled; i++) {
                    if (buf[i] == '\n') {
                        visitor.line(++number, base + start, buf, start, i - start, true);
                        start = i + 1;
                    }
                }
                if (read >= end) {
                    break;
                }
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, filled - start);
                    base += start;
                    filled -= start;
                    start = 0;
                }
                scanned = filled;
                if (filled == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2); // a line longer than a block
                }
                int n = in.read(buf, filled, (int) Math.min(buf.length - filled, end - read));
                if (n < 0) {
                    break;
                }
                read += n;
                filled += n;
            }
            if (start < filled) {
                visitor.line(++number, base + start, buf, start, filled - start, false);
            }
        }
    }
}
