package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.rollout.ReleaseCommands;
import dev.quarterdeck.session.Actor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every command, in order, and does nothing else: the console must not assume an engine. */
final class RecordingCommands implements ReleaseCommands {

    /** One recorded call. {@code args} holds its arguments in declaration order. */
    record Call(String name, List<Object> args) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public void requestWeight(int percent, Actor who, String reason) {
        calls.add(new Call("requestWeight", List.of(percent, who, reason)));
    }

    @Override
    public void rollback(Actor who, String reason) {
        calls.add(new Call("rollback", List.of(who, reason)));
    }

    @Override
    public void markChecklistItem(String itemId, boolean done, Actor who, String note, String evidence) {
        calls.add(new Call("markChecklistItem", List.of(itemId, done, who, note, evidence)));
    }

    @Override
    public void overrideWeight(int percent, Actor who, String reason) {
        calls.add(new Call("overrideWeight", List.of(percent, who, reason)));
    }

    @Override
    public void advance(Actor who) {
        calls.add(new Call("advance", List.of(who)));
    }

    @Override
    public void overrideAdvance(Actor who, String reason) {
        calls.add(new Call("overrideAdvance", List.of(who, reason)));
    }

    @Override
    public void pause(Actor who) {
        calls.add(new Call("pause", List.of(who)));
    }

    @Override
    public void resume(Actor who) {
        calls.add(new Call("resume", List.of(who)));
    }

    @Override
    public void promote(Actor who) {
        calls.add(new Call("promote", List.of(who)));
    }

    @Override
    public void overridePromote(Actor who, String reason) {
        calls.add(new Call("overridePromote", List.of(who, reason)));
    }

    @Override
    public void abort(Actor who, String reason) {
        calls.add(new Call("abort", List.of(who, reason)));
    }

    @Override
    public void stagedRollback(Actor who, String reason) {
        calls.add(new Call("stagedRollback", List.of(who, reason)));
    }

    @Override
    public void setMode(Mode mode, Actor who) {
        calls.add(new Call("setMode", List.of(mode, who)));
    }

    @Override
    public void completeFollowUp(int index, Actor who, String note) {
        calls.add(new Call("completeFollowUp", List.of(index, who, note)));
    }

    @Override
    public void addNote(Actor who, String text) {
        calls.add(new Call("addNote", List.of(who, text)));
    }

    @Override
    public void confirmProtectedEnvironment(String typedName, Actor who) {
        calls.add(new Call("confirmProtectedEnvironment", List.of(typedName, who)));
    }

    @Override
    public void recordUnlock(Actor approver, Actor recordedBy, String note) {
        calls.add(new Call("recordUnlock", List.of(approver, recordedBy, note)));
    }

    @Override
    public void answerApproval(int step, Actor approver, Actor recordedBy, boolean approved, String note) {
        calls.add(new Call("answerApproval", List.of(step, approver, recordedBy, approved, note)));
    }

    @Override
    public void takeOverLease(Actor who, String reason) {
        calls.add(new Call("takeOverLease", List.of(who, reason)));
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String name) {
        return calls.stream().filter(c -> c.name().equals(name)).toList();
    }
}
