package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the keys of one mapping in a plan. Every key asked for is known; {@link #rejectUnknown()} then
 * reports the rest, with a suggestion when a key looks like a typo of a known one — a typo must never
 * pass silently.
 */
final class Fields {
    private final YamlNode.Mapping mapping;
    private final String what;
    private final Problems problems;
    private final Set<String> known;

    private Fields(YamlNode.Mapping mapping, String what, Problems problems, Set<String> known) {
        this.mapping = mapping;
        this.what = what;
        this.problems = problems;
        this.known = known;
    }

    /** The same fields, called {@code what} in messages from now on (once an item's name is known). */
    Fields as(String newWhat) {
        return new Fields(mapping, newWhat, problems, known);
    }

    /** The fields of {@code node} when it is a mapping; otherwise reports what was expected. */
    static Optional<Fields> of(YamlNode node, String what, Problems problems) {
        if (node instanceof YamlNode.Mapping m) {
            return Optional.of(new Fields(m, what, problems, new LinkedHashSet<>()));
        }
        problems.add(node.location(), what + " must be a mapping of keys to values, found " + node.describe());
        return Optional.empty();
    }

    Location location() {
        return mapping.location();
    }

    String what() {
        return what;
    }

    /** The text under {@code key} if it is one, without reporting anything: for naming an item in messages. */
    String peek(String key) {
        YamlNode.Mapping.Entry entry = mapping.entries().get(key);
        return entry != null && entry.value() instanceof YamlNode.Scalar s && !s.isNull() ? s.text() : "?";
    }

    boolean has(String key) {
        known.add(key);
        return mapping.entries().containsKey(key);
    }

    Optional<YamlNode> optional(String key) {
        known.add(key);
        YamlNode.Mapping.Entry entry = mapping.entries().get(key);
        if (entry == null || (entry.value() instanceof YamlNode.Scalar s && s.isNull())) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    Optional<YamlNode> required(String key, String expected) {
        Optional<YamlNode> node = optional(key);
        if (node.isEmpty()) {
            problems.add(mapping.location(), what + " is missing '" + key + "': expected " + expected);
        }
        return node;
    }

    Optional<String> text(String key) {
        return optional(key).flatMap(n -> scalar(n, "'" + key + "' of " + what, "a text value"));
    }

    Optional<String> requiredText(String key, String expected) {
        return required(key, expected).flatMap(n -> scalar(n, "'" + key + "' of " + what, expected));
    }

    boolean flag(String key, boolean otherwise) {
        return optional(key).flatMap(n -> scalar(n, "'" + key + "' of " + what, "true or false").flatMap(t -> {
            switch (t) {
                case "true":
                    return Optional.of(true);
                case "false":
                    return Optional.of(false);
                default:
                    problems.add(n.location(), "'" + key + "' of " + what + " must be true or false, found '" + t + "'");
                    return Optional.empty();
            }
        })).orElse(otherwise);
    }

    Optional<Integer> integer(String key, int min, int max) {
        return optional(key).flatMap(n -> integer(n, "'" + key + "' of " + what, min, max, problems));
    }

    Optional<Duration> duration(String key) {
        return optional(key).flatMap(n -> duration(n, "'" + key + "' of " + what, problems));
    }

    /** The list under {@code key}, or an empty list when absent; reports a value that is not a list. */
    List<YamlNode> list(String key) {
        Optional<YamlNode> node = optional(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (node.get() instanceof YamlNode.Sequence s) {
            return s.items();
        }
        problems.add(node.get().location(), "'" + key + "' of " + what + " must be a list, found "
                + node.get().describe());
        return List.of();
    }

    /** Reports every key that no reader asked for. Call after reading all fields. */
    void rejectUnknown() {
        for (YamlNode.Mapping.Entry entry : mapping.entries().values()) {
            String key = entry.key().name();
            if (!known.contains(key)) {
                problems.add(entry.key().location(), "unknown key '" + key + "' in " + what
                        + suggestion(key) + " (expected one of: " + String.join(", ", known) + ")");
            }
        }
    }

    /** Exactly one of {@code choices} must be present: the variant of a tagged union. */
    Optional<String> oneOf(List<String> choices) {
        List<String> present = new ArrayList<>();
        for (String choice : choices) {
            if (has(choice)) {
                present.add(choice);
            }
        }
        if (present.size() == 1) {
            return Optional.of(present.get(0));
        }
        if (present.isEmpty()) {
            // An unknown key may be the misspelt variant: let rejectUnknown name it with a suggestion.
            boolean hasOtherKeys = mapping.entries().keySet().stream().anyMatch(k -> !known.contains(k));
            if (!hasOtherKeys) {
                problems.add(mapping.location(), what + " needs one of: " + String.join(", ", choices));
            }
        } else {
            problems.add(mapping.location(), what + " has " + String.join(" and ", present)
                    + ": choose exactly one of " + String.join(", ", choices));
        }
        return Optional.empty();
    }

    private Optional<String> scalar(YamlNode node, String where, String expected) {
        return scalar(node, where, expected, problems);
    }

    static Optional<String> scalar(YamlNode node, String where, String expected, Problems problems) {
        if (node instanceof YamlNode.Scalar s && !s.isNull()) {
            return Optional.of(s.text());
        }
        problems.add(node.location(), where + " must be " + expected + ", found " + node.describe());
        return Optional.empty();
    }

    static Optional<Integer> integer(YamlNode node, String where, int min, int max, Problems problems) {
        String expected = "a whole number from " + min + " to " + max;
        return scalar(node, where, expected, problems).flatMap(t -> {
            try {
                int value = Integer.parseInt(t.trim());
                if (value >= min && value <= max) {
                    return Optional.of(value);
                }
            } catch (NumberFormatException notAWholeNumber) {
                // reported below, with what was expected
            }
            problems.add(node.location(), where + " must be " + expected + ", found '" + t + "'");
            return Optional.empty();
        });
    }

    static Optional<Duration> duration(YamlNode node, String where, Problems problems) {
        return scalar(node, where, "a duration", problems).flatMap(t -> {
            Optional<Duration> d = Quantities.duration(t);
            if (d.isEmpty()) {
                problems.add(node.location(), where + ": '" + t + "' is not a duration; " + Quantities.DURATION_HINT);
            }
            return d;
        });
    }

    /** Reads a list of items, each with its own reader; items that fail are left out (their problems recorded). */
    static <T> List<T> each(List<YamlNode> items, Function<YamlNode, Optional<T>> reader) {
        List<T> out = new ArrayList<>();
        for (YamlNode item : items) {
            reader.apply(item).ifPresent(out::add);
        }
        return out;
    }

    private String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(1, Math.min(3, key.length() / 3));
        return best != null && bestDistance <= allowed ? ": did you mean '" + best + "'?" : "";
    }

    /** Levenshtein distance, for "did you mean". */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
