package dev.quarterdeck.plan;

import java.util.ArrayList;
import java.util.List;

/** {@code environments: [production]}: limits an item, probe or step to some environments; names must exist. */
final class Scope {
    private Scope() {}

    static List<String> environments(Fields f, String what, References references, Problems problems) {
        List<String> names = new ArrayList<>();
        for (YamlNode item : f.list("environments")) {
            Fields.scalar(item, "'environments' of " + what, "an environment name", problems).ifPresent(name -> {
                references.use(References.Kind.ENVIRONMENT, name, item.location(), what);
                names.add(name);
            });
        }
        return names;
    }
}
