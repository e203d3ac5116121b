package dev.quarterdeck.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionLogTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void aLateSubscriberSeesEverythingOnceAndInOrder() {
        SessionLog log = SessionLog.inMemory();
        Actor ana = new Actor("ana");
        log.append(new SessionEvent.NoteAdded(T0, ana, "first"));

        List<SessionEvent> seen = new ArrayList<>();
        try (Subscription ignored = log.subscribe(seen::add)) {
            log.append(new SessionEvent.NoteAdded(T0.plusSeconds(1), ana, "second"));
        }
        log.append(new SessionEvent.NoteAdded(T0.plusSeconds(2), ana, "after close"));

        assertThat(seen)
                .extracting(e -> ((SessionEvent.NoteAdded) e).text())
                .containsExactly("first", "second");
        assertThat(log.events()).hasSize(3);
    }
}
