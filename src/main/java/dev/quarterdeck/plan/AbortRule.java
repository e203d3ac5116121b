package dev.quarterdeck.plan;

import java.util.Objects;

/**
 * A severity rule judged on every sample: when {@code condition} is breached, Quarterdeck responds at once,
 * as incident playbooks say ("Sev1: canary error rate over 5 % → roll back now; Sev2: 1–5 % → alert").
 */
public record AbortRule(String severity, Condition.Threshold condition, Response response) {

    /** What a breach sets off. */
    public enum Response {
        /** Run the rollback plan now. */
        ROLLBACK("rollback"),
        /** Run the staged rollback (stepping the weight down with a hold at each). */
        STAGED_ROLLBACK("stagedRollback"),
        /** Raise an alert in the console and recommend a rollback; the captain decides. */
        ALERT("alert");

        private final String key;

        Response(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public AbortRule {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(response, "response");
    }
}
