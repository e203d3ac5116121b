package dev.quarterdeck.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses JSON field assertions as runbooks write them: {@code summary.health == "ok"}, {@code rolesBlocked == 0},
 * {@code items[0].state != "failed"}, {@code latency.p95 < 1.5}.
 */
final class JsonAssertions {
    private static final Pattern FORM = Pattern.compile(
            "\\s*(?<path>[A-Za-z_$][\\w$-]*(?:\\[\\d+])*(?:\\.[A-Za-z_$][\\w$-]*(?:\\[\\d+])*)*)\\s*"
                    + "(?<op>==|!=|<=|>=|<|>)\\s*(?<value>.+?)\\s*");
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_$][\\w$-]*)|\\[(\\d+)]");
    static final String HINT = "write it as field.path OP value, such as summary.health == \"ok\" or rolesBlocked == 0";

    private JsonAssertions() {}

    /** The assertion, or empty with the problem reported at {@code at}. */
    static Optional<JsonAssertion> parse(String text, Location at, String where, Problems problems) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            problems.add(at, where + ": '" + text + "' is not a field assertion; " + HINT);
            return Optional.empty();
        }
        List<String> path = new ArrayList<>();
        Matcher segment = SEGMENT.matcher(m.group("path"));
        while (segment.find()) {
            path.add(segment.group(1) != null ? segment.group(1) : segment.group(2));
        }
        JsonAssertion.Operator operator = operator(m.group("op"));
        Optional<Object> expected = literal(m.group("value").trim());
        if (expected.isEmpty()) {
            problems.add(at, where + ": the value in '" + text + "' must be a JSON literal: a \"quoted string\", a "
                    + "number, true, false or null");
            return Optional.empty();
        }
        Object value = expected.get() == NULL ? null : expected.get();
        boolean ordering = operator != JsonAssertion.Operator.EQUALS && operator != JsonAssertion.Operator.NOT_EQUALS;
        if (ordering && !(value instanceof BigDecimal)) {
            problems.add(at, where + ": '" + operator.symbol() + "' compares numbers; '" + m.group("value").trim()
                    + "' is not a number");
            return Optional.empty();
        }
        return Optional.of(new JsonAssertion(path, operator, value, text.trim()));
    }

    private static final Object NULL = new Object();

    private static Optional<Object> literal(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return Optional.of(text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        switch (text) {
            case "true":
                return Optional.of(Boolean.TRUE);
            case "false":
                return Optional.of(Boolean.FALSE);
            case "null":
                return Optional.of(NULL);
            default:
                return Quantities.number(text).map(n -> new BigDecimal(text));
        }
    }

    private static JsonAssertion.Operator operator(String symbol) {
        for (JsonAssertion.Operator op : JsonAssertion.Operator.values()) {
            if (op.symbol().equals(symbol)) {
                return op;
            }
        }
        throw new IllegalArgumentException(symbol);
    }
}
