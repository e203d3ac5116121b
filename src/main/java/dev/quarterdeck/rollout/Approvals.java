package dev.quarterdeck.rollout;

import dev.quarterdeck.session.Actor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Steps that wait for a named person: "roll back the database only with the DB owner's approval". A waiting
 * step blocks its own lane, never the engine; the answer arrives as a command from the console.
 */
final class Approvals {
    /** A person's answer to one approval. */
    record Answer(Actor approver, Actor recordedBy, boolean approved, String note) {}

    private record Pending(String approver, CompletableFuture<Answer> answer) {}

    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();

    /** Registers step {@code index} as waiting for {@code approver}; the returned future completes with the answer. */
    CompletableFuture<Answer> await(int index, String approver) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        pending.put(index, new Pending(approver, answer));
        return answer;
    }

    /**
     * Answers step {@code index}; refused (with the reason) when nothing waits there or the answer is not from the
     * person named.
     */
    Optional<String> answer(int index, Answer answer) {
        Pending waiting = pending.get(index);
        if (waiting == null) {
            return Optional.of("no step waits for an approval at step " + (index + 1));
        }
        if (!waiting.approver.equals(answer.approver().name())) {
            return Optional.of("step " + (index + 1) + " waits for " + waiting.approver + ", not "
                    + answer.approver().name());
        }
        pending.remove(index);
        waiting.answer.complete(answer);
        return Optional.empty();
    }

    /** Blocks the calling lane until answered. */
    static Answer take(CompletableFuture<Answer> answer) throws InterruptedException {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("approval abandoned", e.getCause());
        }
    }

    void abandonAll() {
        pending.values().forEach(p -> p.answer.cancel(true));
        pending.clear();
    }
}
