package dev.quarterdeck.cli;

import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionFile;
import dev.quarterdeck.session.SessionJournal;
import dev.quarterdeck.session.SessionJournals;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * An unfinished session of the same plan and environment, found in the journals folder: what a console offers
 * to resume on start. Read without changing the journal (no lock, no cut); the resume itself reopens it.
 */
record ResumableSession(SessionFile file, String plan, String environment, String operator, Instant startedAt,
        ReleaseStage stage, int step, int weight, int events) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The newest unfinished session of {@code plan} on {@code environment}, if one was left. */
    static Optional<ResumableSession> find(SessionJournals journals, String plan, String environment)
            throws IOException {
        for (SessionFile file : journals.unfinished()) {
            Optional<ResumableSession> found = read(file);
            if (found.isPresent() && found.get().plan.equals(plan) && found.get().environment.equals(environment)) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** What a journal says about where its release stood, read in one pass without keeping its events. */
    static Optional<ResumableSession> read(SessionFile file) throws IOException {
        Position position = new Position();
        SessionJournal.read(file.file(), entry -> position.accept(entry.event()));
        SessionEvent.SessionStarted started = position.started;
        if (started == null) {
            return Optional.empty();
        }
        return Optional.of(new ResumableSession(file, started.plan(), started.environment(),
                started.operator().name(), started.at(), position.stage, position.step, position.weight,
                position.events));
    }

    /** Where the release stood, event by event. */
    private static final class Position {
        SessionEvent.SessionStarted started;
        ReleaseStage stage = ReleaseStage.PREFLIGHT;
        int step = -1;
        int weight = -1;
        int events;

        void accept(SessionEvent event) {
            events++;
            if (event instanceof SessionEvent.SessionStarted s && started == null) {
                started = s;
            } else if (event instanceof SessionEvent.StageChanged changed) {
                stage = changed.stage();
                step = changed.step();
            } else if (event instanceof SessionEvent.WeightApplied applied) {
                weight = applied.percent();
            }
        }
    }

    /** "checkout on production, started 2026-11-22 09:41 by dana: canary, step 3, canary at 25 %". */
    String describe(ZoneId zone) {
        return plan + " on " + environment + ", started " + TIME.format(startedAt.atZone(zone)) + " by " + operator
                + ": " + stage.label() + (step >= 0 ? ", step " + (step + 1) : "")
                + (weight >= 0 ? ", canary at " + weight + " %" : "") + " (" + events + " events)";
    }
}
