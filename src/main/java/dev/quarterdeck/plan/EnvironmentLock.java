package dev.quarterdeck.plan;

import java.util.Objects;

/**
 * An environment nobody may change until {@code approver} approves, e.g. production until leadership signs
 * off. Quarterdeck records the approval (who, when) before the first write.
 */
public record EnvironmentLock(String approver, String reason) {
    public EnvironmentLock {
        Objects.requireNonNull(approver, "approver");
        reason = reason == null ? "" : reason;
    }
}
