package dev.quarterdeck.rollout;

import dev.quarterdeck.session.Actor;

/**
 * What a captain can ask of a release session. Every method returns at once: the work happens on the
 * engine's threads and its results arrive as session events. Safe to call from the FX thread.
 */
public interface ReleaseCommands {

    /** Ask for a canary weight. Only the latest of several quick requests is applied. */
    void requestWeight(int percent, Actor who, String reason);

    /** Run the environment's rollback plan now, ahead of anything queued. */
    void rollback(Actor who, String reason);

    /** Tick or untick a manual checklist item. */
    void markChecklistItem(String itemId, boolean done, Actor who, String note);

    /** Add a note to the timeline. */
    void addNote(Actor who, String text);

    /** Confirm a protected environment by typing its name; writes are refused until then. */
    void confirmProtectedEnvironment(String typedName, Actor who);

    /** Record that the person named by the environment's lock approved changes. */
    void recordUnlock(Actor approver, Actor recordedBy, String note);

    /** Answer a rollback step that waits for {@code approver}'s approval. */
    void answerApproval(int step, Actor approver, Actor recordedBy, boolean approved, String note);

    /** Take the environment's lease from another console, with a recorded reason (an incident, a stale lease). */
    void takeOverLease(Actor who, String reason);
}
