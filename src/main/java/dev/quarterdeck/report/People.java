package dev.quarterdeck.report;

import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.*;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who acted in a session: the operator who opened it, and every person whose name is on an event, with how many
 * events carry it. Quarterdeck acting by itself is not a person.
 */
final class People {
    private final Map<String, SessionReport.Person> people = new LinkedHashMap<>();

    List<SessionReport.Person> list() {
        return List.copyOf(people.values());
    }

    void add(SessionEvent event) {
        if (event instanceof SessionStarted e) {
            person(e.operator(), e.at(), true);
        } else if (event instanceof SessionResumed e) {
            person(e.operator(), e.at(), false);
        } else if (event instanceof ProtectedEnvironmentConfirmed e) {
            person(e.who(), e.at(), false);
        } else if (event instanceof EnvironmentUnlocked e) {
            person(e.approver(), e.at(), false);
            person(e.recordedBy(), e.at(), false);
        } else if (event instanceof WeightRequested e) {
            person(e.who(), e.at(), false);
        } else if (event instanceof RollbackStarted e) {
            person(e.who(), e.at(), false);
        } else if (event instanceof ApprovalAnswered e) {
            person(e.approver(), e.at(), false);
            person(e.recordedBy(), e.at(), false);
        } else if (event instanceof ChecklistItemMarked e) {
            person(e.who(), e.at(), false);
        } else if (event instanceof StageChanged e) {
            person(e.who(), e.at(), false);
        } else if (event instanceof ModeChanged e) {
            person(e.who(), e.at(), false);
        } else if (event instanceof OverrideRecorded e) {
            person(e.who(), e.at(), false);
        } else if (event instanceof FollowUpFinished e) {
            person(e.who(), e.at(), false);
        } else if (event instanceof SandboxFaultsChanged e) {
            person(e.who(), e.at(), false);
        } else if (event instanceof CommandRefused e) {
            person(e.who(), e.at(), false);
        } else if (event instanceof NoteAdded e) {
            person(e.who(), e.at(), false);
        }
    }

    private void person(Actor who, Instant at, boolean operator) {
        if (who == null || who.equals(Actor.quarterdeck())) {
            return;
        }
        people.merge(who.name(), new SessionReport.Person(who.name(), operator, 1, at, at), (a, b) -> new SessionReport.Person(a.name(),
                a.operator() || b.operator(), a.actions() + 1, a.firstAt(), b.lastAt()));
    }
}
