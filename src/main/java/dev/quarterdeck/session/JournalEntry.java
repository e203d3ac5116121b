package dev.quarterdeck.session;

import java.util.Objects;

/** One event read back from a journal, with the sequence number of its line (from 1, in append order). */
public record JournalEntry(long sequence, SessionEvent event) {
    public JournalEntry {
        Objects.requireNonNull(event, "event");
    }
}
