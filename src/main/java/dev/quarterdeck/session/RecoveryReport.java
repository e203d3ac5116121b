package dev.quarterdeck.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What reading a journal found wrong, line by line, and what was done about it; no problems for a journal
 * that was closed cleanly.
 *
 * <p>Damage at the tail (the lines after the last good one: a write cut short by a crash, a line whose
 * checksum fails, a line out of sequence) is cut when the journal is opened for appending: the file is
 * truncated to its last good line, so new events follow it. When the cut held more than a torn fragment
 * (a complete line, which may have been acknowledged once), its bytes are first copied to {@link #cutCopy()}.
 *
 * <p>Damage in the middle (a bad line with good lines after it) is never cut: every good line before and
 * after it is kept and replayed, the bad line stays in the file untouched for whoever investigates, and is
 * reported here. A gap it leaves in the sequence numbers is expected and not reported again.
 *
 * @param file the journal
 * @param problems in line order
 * @param cutAt the length the file was truncated to, or its length when nothing was cut
 * @param cutBytes how many bytes were cut from the tail (0 for a read that changes nothing)
 * @param cutCopy where the cut bytes were kept, when they held a complete line
 * @param finished the last good line says the session was ended on purpose ({@link SessionJournal#finish}):
 *     nothing follows it; false for a session still being recorded, or left open to be resumed
 */
public record RecoveryReport(Path file, List<Problem> problems, long cutAt, long cutBytes, Optional<Path> cutCopy,
        boolean finished) {

    public RecoveryReport {
        Objects.requireNonNull(file, "file");
        problems = List.copyOf(problems);
        Objects.requireNonNull(cutCopy, "cutCopy");
    }

    /** What was wrong with a line. */
    public enum Kind {
        /** The last line has no newline: a write cut short. Never acknowledged, so nothing is lost. */
        TORN_TAIL,
        /** A complete line whose checksum, JSON or framing is wrong. */
        CORRUPT_LINE,
        /** A good line whose sequence number does not follow: lines vanished, or a number came twice. */
        SEQUENCE_BREAK,
        /** A good line of a kind of event this version does not know (written by a newer Quarterdeck). */
        UNKNOWN_KIND,
        /** A good line of a known kind whose fields could not be read back into the event. */
        UNREADABLE_EVENT
    }

    /** What was done with the line. */
    public enum Action {
        /** Removed from the file (tail damage, when opened for appending). */
        CUT,
        /** Left in the file, not replayed. */
        SKIPPED,
        /** Left in the file and replayed: the line is good, the problem is around it. */
        KEPT
    }

    /**
     * One problem: the line (counted from 1), the byte offset where it starts, why it is a problem, and
     * whether it lies in the damaged tail.
     */
    public record Problem(long line, long offset, Kind kind, String reason, Action action, boolean atTail) {
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(action, "action");
        }
    }

    /** Nothing was wrong. */
    public boolean clean() {
        return problems.isEmpty();
    }

    /** Only a write cut short at the end: what a crash leaves, with nothing acknowledged lost. */
    public boolean onlyTornTail() {
        return problems.stream().allMatch(p -> p.kind() == Kind.TORN_TAIL);
    }

    /** Lines that were good once and are not replayed now (middle damage or a cut tail of complete lines). */
    public boolean lostLines() {
        return problems.stream().anyMatch(p -> p.kind() != Kind.TORN_TAIL && p.action() != Action.KEPT);
    }

    /** One line per problem: {@code FILE:LINE (byte OFFSET): REASON; cut}. */
    public String describe() {
        if (clean()) {
            return file + ": no problems";
        }
        String lines = problems.stream()
                .map(p -> file + ":" + p.line() + " (byte " + p.offset() + "): " + p.reason() + "; "
                        + p.action().name().toLowerCase(java.util.Locale.ROOT)
                        + (p.atTail() ? " (damaged tail)" : ""))
                .collect(Collectors.joining("\n"));
        String cut = cutBytes == 0 ? ""
                : "\n" + file + ": cut " + cutBytes + " bytes at byte " + cutAt
                        + cutCopy.map(c -> ", copied to " + c).orElse("");
        return lines + cut;
    }

    @Override
    public String toString() {
        return describe();
    }
}
