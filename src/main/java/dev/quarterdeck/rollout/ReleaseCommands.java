package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.session.Actor;

/**
 * What a captain can ask of a release session. Every method returns at once: the work happens on the
 * engine's threads and its results arrive as session events. Safe to call from the FX thread.
 */
public interface ReleaseCommands {

    /**
     * How the reason of a refused command ends when a captain's override (with a reason) may go past it: the
     * console offers an override then, and only then.
     */
    String OVERRIDABLE = "an override with a reason can go past this";

    /**
     * Ask for a canary weight within what the plan allows now (0 up to the next step's weight). Only the latest
     * of several quick requests is applied.
     */
    void requestWeight(int percent, Actor who, String reason);

    /** Ask for a weight beyond what the plan allows now; the override and its reason are recorded first. */
    void overrideWeight(int percent, Actor who, String reason);

    /**
     * Go on to the next canary step (from ready: start the canary). Refused while the current step has not
     * finished where finishing matters: an unfinished preflight, a gate that has not passed.
     */
    void advance(Actor who);

    /** Go on to the next step even though the plan would refuse it now; the reason is recorded. */
    void overrideAdvance(Actor who, String reason);

    /** Stop the clock: nothing advances by itself until {@link #resume}. Abort rules keep watching. */
    void pause(Actor who);

    void resume(Actor who);

    /** Send all traffic to the canary. Refused before the last step has finished, unless overridden. */
    void promote(Actor who);

    /** Promote before the plan's steps have all finished; the reason is recorded. */
    void overridePromote(Actor who, String reason);

    /** Give up on this release: roll back with the reason, and end the release there. */
    void abort(Actor who, String reason);

    /** Run the plan's staged rollback (weights stepped down with a hold at each); refused when it has none. */
    void stagedRollback(Actor who, String reason);

    /** Who moves the canary on: the captain, the captain on Quarterdeck's proposal, or Quarterdeck. */
    void setMode(Mode mode, Actor who);

    /**
     * Tick or untick a manual checklist item, with a note and evidence (a link, or a file's path). An item
     * that asks for evidence is refused without it, or when the file is older than the item allows.
     */
    void markChecklistItem(String itemId, boolean done, Actor who, String note, String evidence);

    /** Close a follow-up checkpoint after promotion ("error budget looked fine"). */
    void completeFollowUp(int index, Actor who, String note);

    /** Run the environment's rollback plan now, ahead of anything queued. */
    void rollback(Actor who, String reason);

    /** Tick or untick a manual checklist item without evidence. */
    default void markChecklistItem(String itemId, boolean done, Actor who, String note) {
        markChecklistItem(itemId, done, who, note, "");
    }

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
