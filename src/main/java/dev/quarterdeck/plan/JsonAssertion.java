package dev.quarterdeck.plan;

import java.util.List;
import java.util.Objects;

/**
 * A condition on a field of a JSON answer, written as the runbooks write it: {@code summary.health == "ok"},
 * {@code rolesBlocked == 0}, {@code items[0].state != "failed"}. {@code expected} is a JSON literal (a quoted
 * string, a number, true, false or null).
 */
public record JsonAssertion(List<String> path, Operator operator, Object expected, String source) {

    /** How the field is compared. Ordering operators apply to numbers only. */
    public enum Operator {
        EQUALS("=="),
        NOT_EQUALS("!="),
        LESS("<"),
        LESS_OR_EQUAL("<="),
        GREATER(">"),
        GREATER_OR_EQUAL(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public JsonAssertion {
        path = List.copyOf(path);
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return source;
    }
}
