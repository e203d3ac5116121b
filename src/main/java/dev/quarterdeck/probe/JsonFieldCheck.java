package dev.quarterdeck.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quarterdeck.plan.JsonAssertion;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Judges one {@link JsonAssertion} against a JSON answer, the way a captain reads {@code jq} output.
 * {@code ==} and {@code !=} compare JSON values exactly: numbers by value ({@code 0} equals {@code 0.0}),
 * strings only to strings, so {@code "0"} is not {@code 0}. The ordering operators take numbers only. A
 * field that is not there fails, whatever the operator: a missing {@code rolesBlocked} is not zero blocked.
 */
final class JsonFieldCheck {
    /** Found values are quoted in the timeline; a long one is cut, it only has to be recognised. */
    private static final int LONGEST_SHOWN = 80;

    private JsonFieldCheck() {}

    /**
     * Empty when the assertion holds, else what was found: {@code summary.health is "degraded", expected "ok"}.
     *
     * @throws IllegalArgumentException when the assertion itself cannot be judged (an ordering operator with a
     *     value that is not a number): the plan's fault, not the target's
     */
    static Optional<String> failure(JsonNode root, JsonAssertion assertion) {
        String field = path(assertion.path());
        JsonNode found = find(root, assertion.path());
        if (found == null) {
            return Optional.of(field + " is missing");
        }
        Object expected = assertion.expected();
        JsonAssertion.Operator operator = assertion.operator();
        boolean holds;
        if (operator == JsonAssertion.Operator.EQUALS || operator == JsonAssertion.Operator.NOT_EQUALS) {
            holds = sameValue(found, expected) == (operator == JsonAssertion.Operator.EQUALS);
        } else {
            BigDecimal bound = number(expected).orElseThrow(() -> new IllegalArgumentException(
                    "'" + assertion.source() + "' compares with " + literal(expected) + ", which is not a number"));
            if (!found.isNumber()) {
                return Optional.of(field + " is " + shown(found) + ", not a number (expected "
                        + operator.symbol() + " " + literal(expected) + ")");
            }
            int order = found.decimalValue().compareTo(bound);
            holds = holds(operator, order);
        }
        return holds
                ? Optional.empty()
                : Optional.of(field + " is " + shown(found) + ", expected " + wanted(assertion));
    }

    /** The path as the runbooks write it: {@code summary.health}, {@code items[0].state}. */
    static String path(List<String> segments) {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            if (isIndex(segment)) {
                out.append('[').append(segment).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(segment);
            }
        }
        return out.length() == 0 ? "the answer" : out.toString();
    }

    /** The node at {@code path}, or null when any step is missing. JSON null is a value, not missing. */
    private static JsonNode find(JsonNode root, List<String> path) {
        JsonNode node = root;
        for (String segment : path) {
            if (node.isArray() && isIndex(segment)) {
                node = node.get(Integer.parseInt(segment));
            } else if (node.isObject()) {
                node = node.get(segment);
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static boolean sameValue(JsonNode found, Object expected) {
        if (expected == null) {
            return found.isNull();
        }
        if (expected instanceof String) {
            return found.isTextual() && found.textValue().equals(expected);
        }
        if (expected instanceof Boolean) {
            return found.isBoolean() && found.booleanValue() == (Boolean) expected;
        }
        Optional<BigDecimal> number = number(expected);
        return number.isPresent() && found.isNumber() && found.decimalValue().compareTo(number.get()) == 0;
    }

    private static boolean holds(JsonAssertion.Operator operator, int order) {
        return switch (operator) {
            case LESS -> order < 0;
            case LESS_OR_EQUAL -> order <= 0;
            case GREATER -> order > 0;
            case GREATER_OR_EQUAL -> order >= 0;
            case EQUALS, NOT_EQUALS -> throw new IllegalArgumentException("not an ordering operator: " + operator);
        };
    }

    /** The binder gives BigDecimal; any other Number is taken by its decimal text, never through double. */
    private static Optional<BigDecimal> number(Object value) {
        if (value instanceof BigDecimal) {
            return Optional.of((BigDecimal) value);
        }
        if (value instanceof Number) {
            try {
                return Optional.of(new BigDecimal(value.toString()));
            } catch (NumberFormatException nan) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String wanted(JsonAssertion assertion) {
        return switch (assertion.operator()) {
            case EQUALS -> literal(assertion.expected());
            case NOT_EQUALS -> "anything but " + literal(assertion.expected());
            default -> assertion.operator().symbol() + " " + literal(assertion.expected());
        };
    }

    /** The expected value as JSON: {@code "ok"}, {@code 0}, {@code true}, {@code null}. */
    private static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return new TextNode((String) value).toString();
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        return value.toString();
    }

    /** A found value as JSON; objects and arrays by kind only, since they can be the whole body. */
    private static String shown(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array of " + node.size();
        }
        String text = node.isBigDecimal() ? node.decimalValue().toPlainString() : node.toString();
        return text.length() <= LONGEST_SHOWN ? text : text.substring(0, LONGEST_SHOWN) + "…";
    }

    private static boolean isIndex(String segment) {
        return !segment.isEmpty() && segment.length() <= 9 && segment.chars().allMatch(Character::isDigit);
    }
}
