package dev.quarterdeck.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarterdeck.session.RecoveryReport.Action;
import dev.quarterdeck.session.RecoveryReport.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a journal file from its first line, checks every line and hands each readable event on, in order.
 * Changes nothing on disk: {@link SessionJournal#open} cuts a damaged tail after reading.
 *
 * <p>A line is good when it ends with a newline, its checksum matches, it is a journal line, and its
 * sequence number follows the last good line's, allowing one number for each unreadable line between them
 * (they had one too). The tail is everything after the last good line. A good line whose number jumps is
 * held back until another good line follows it: lines vanished before it, and it is kept (reported); with
 * nothing good after it, it is part of the damaged tail.
 */
final class JournalReader {
    private final EventCodec codec;
    private final ObjectMapper mapper;

    JournalReader(EventCodec codec) {
        this.codec = codec;
        this.mapper = codec.mapper();
    }

    /** A problem as found; whether it lies in the tail is known once the whole file is read. */
    record Found(long line, long offset, Kind kind, String reason, Action action) {}

    /**
     * What a read found. {@code goodLength} is the byte just after the last good line, {@code lastSeq} that
     * line's sequence number: everything after it is the damaged tail.
     */
    record Scan(Path file, long length, long goodLength, long lastSeq, long events, boolean finished,
            List<Found> found) {

        /** The report of this read; {@code cut}: the tail was cut (and maybe copied to {@code copy}). */
        RecoveryReport report(boolean cut, Optional<Path> copy) {
            List<RecoveryReport.Problem> problems = new ArrayList<>();
            for (Found f : found) {
                boolean atTail = f.offset() >= goodLength;
                Action action = atTail ? (cut ? Action.CUT : Action.SKIPPED) : f.action();
                problems.add(new RecoveryReport.Problem(f.line(), f.offset(), f.kind(), f.reason(), action, atTail));
            }
            return new RecoveryReport(file, problems, cut ? goodLength : length, cut ? length - goodLength : 0, copy,
                    finished);
        }
    }

    /** Reads the first {@code limit} bytes of {@code file}. */
    Scan read(Path file, long limit, Consumer<? super JournalEntry> consumer) throws IOException {
        Pass pass = new Pass(consumer);
        RawLines.scan(file, limit, pass::line);
        long length = Math.min(limit, java.nio.file.Files.size(file));
        return new Scan(file, length, pass.goodLength, pass.keptSeq, pass.events, pass.finished, pass.found);
    }

    /** One read through a file. */
    private final class Pass {
        private final Consumer<? super JournalEntry> consumer;
        private final List<Found> found = new ArrayList<>();
        private long goodLength;
        /** The sequence number of the last good line read, held back or not. */
        private long lastSeq;
        /** The sequence number of the last line kept: appending continues after it. */
        private long keptSeq;
        private long unreadableSince;
        private long events;
        private boolean finished;
        /** A good line after a jump in sequence numbers, waiting for a good line to follow. */
        private Held held;

        private record Held(long line, long offset, long end, JournalLine.Parsed parsed) {}

        Pass(Consumer<? super JournalEntry> consumer) {
            this.consumer = consumer;
        }

        void line(long number, long offset, byte[] buf, int off, int len, boolean terminated) {
            if (!terminated) {
                found.add(new Found(number, offset, Kind.TORN_TAIL, "the last line stops after " + len
                        + " bytes without a newline: a write cut short", Action.SKIPPED));
                return;
            }
            JournalLine.Parsed parsed;
            try {
                parsed = JournalLine.parse(buf, off, len, mapper);
            } catch (JournalLine.BadLine e) {
                found.add(new Found(number, offset, Kind.CORRUPT_LINE, e.getMessage(), Action.SKIPPED));
                unreadableSince++;
                return;
            }
            long expected = lastSeq + 1 + unreadableSince;
            if (parsed.seq() <= lastSeq) {
                found.add(new Found(number, offset, Kind.SEQUENCE_BREAK, "sequence number " + parsed.seq()
                        + " comes after " + lastSeq + ": repeated or out of order (two writers?)", Action.SKIPPED));
                return;
            }
            confirmHeld();
            long end = offset + len + 1;
            if (parsed.seq() != expected) {
                found.add(new Found(number, offset, Kind.SEQUENCE_BREAK, "sequence number " + parsed.seq()
                        + " where " + expected + " was expected: " + (parsed.seq() - expected)
                        + " line(s) missing before it", Action.KEPT));
                held = new Held(number, offset, end, parsed);
            } else {
                accept(number, offset, end, parsed);
            }
            lastSeq = parsed.seq();
            unreadableSince = 0;
        }

        private void confirmHeld() {
            if (held != null) {
                accept(held.line(), held.offset(), held.end(), held.parsed());
                held = null;
            }
        }

        private void accept(long number, long offset, long end, JournalLine.Parsed line) {
            goodLength = end;
            keptSeq = line.seq();
            finished = line.kind().equals(JournalLine.FINISHED);
            if (finished) {
                return;
            }
            if (!codec.knows(line.kind())) {
                found.add(new Found(number, offset, Kind.UNKNOWN_KIND, "an event of kind \"" + line.kind()
                        + "\" (schema version " + line.version() + "), unknown to this version of Quarterdeck "
                        + "(schema version " + JournalLine.VERSION + ")", Action.SKIPPED));
                return;
            }
            try {
                SessionEvent event = codec.decode(line.kind(), line.event());
                events++;
                consumer.accept(new JournalEntry(line.seq(), event));
            } catch (EventFormatException e) {
                found.add(new Found(number, offset, Kind.UNREADABLE_EVENT, "cannot read the event back: "
                        + e.getMessage() + " (schema version " + line.version() + ")", Action.SKIPPED));
            }
        }
    }
}
