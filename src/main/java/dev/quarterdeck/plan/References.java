package dev.quarterdeck.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names a plan defines (environments, probes, gates, checklist items) and the places that refer to them.
 * References are checked after the whole plan is read, so the order of sections does not matter.
 */
final class References {
    enum Kind {
        ENVIRONMENT("environment", "environments"),
        PROBE("probe", "probes"),
        GATE("gate", "gates"),
        CHECKLIST_ITEM("checklist item", "checklist");

        final String noun;
        final String section;

        Kind(String noun, String section) {
            this.noun = noun;
            this.section = section;
        }
    }

    private record Use(Kind kind, String name, Location at, String from) {}

    private final Map<Kind, Map<String, Location>> defined = new LinkedHashMap<>();
    private final List<Use> uses = new ArrayList<>();
    private final Problems problems;

    References(Problems problems) {
        this.problems = problems;
        for (Kind kind : Kind.values()) {
            defined.put(kind, new LinkedHashMap<>());
        }
    }

    /** Records a definition; a second one with the same name is a problem. */
    void define(Kind kind, String name, Location at) {
        Location first = defined.get(kind).putIfAbsent(name, at);
        if (first != null) {
            problems.add(at, "duplicate " + kind.noun + " '" + name + "' (first defined at " + first + ")");
        }
    }

    void use(Kind kind, String name, Location at, String from) {
        uses.add(new Use(kind, name, at, from));
    }

    void check() {
        for (Use use : uses) {
            Map<String, Location> names = defined.get(use.kind);
            if (!names.containsKey(use.name)) {
                String known = names.isEmpty() ? "none are defined" : "defined: " + String.join(", ", names.keySet());
                problems.add(use.at, use.from + " refers to " + use.kind.noun + " '" + use.name
                        + "', which does not exist in '" + use.kind.section + "' (" + known + ")");
            }
        }
    }
}
