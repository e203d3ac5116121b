package dev.quarterdeck.plan;

import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where each node was written, so every plan error can point at
 * its line and column. Scalars keep their source text: the binder decides what a value means (so
 * {@code version: 1.10} stays "1.10" and {@code yes} is not silently a boolean).
 */
sealed interface YamlNode {

    Location location();

    /** What this node is, for messages: "a mapping", "a list", "the text 'abc'". */
    String describe();

    record Scalar(String text, boolean isNull, Location location) implements YamlNode {
        @Override
        public String describe() {
            return isNull ? "nothing" : "'" + text + "'";
        }
    }

    /** A key of a mapping, where the key itself was written. */
    record Key(String name, Location location) {}

    record Mapping(Map<String, Entry> entries, Location location) implements YamlNode {
        record Entry(Key key, YamlNode value) {}

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(List<YamlNode> items, Location location) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }
    }
}
