package dev.quarterdeck.session;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.ValueTemplate;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environment variables a plan takes secrets from. A {@link ValueTemplate} that names one is a secret by
 * the plan's own rule ("treat it as a secret"); the variables an environment-variables probe checks are
 * never shown either. Found by walking the plan's records, so a secret field added to the plan later (a
 * Prometheus token, a webhook) is found without a change here: a template is a secret unless it sits in one
 * of the places listed in {@link #NOT_SECRET}.
 *
 * <p>Not secrets: the service base URLs an environment takes from variables. They are addresses, bound only
 * when they hold no credentials, and they appear in every probe's record; registering them would blank out
 * the record. Credentials written into any URL are taken out by their shape all the same.
 */
final class PlanSecrets {
    /** Record components whose templates are not secrets, as "Record.component". */
    static final Set<String> NOT_SECRET = Set.of(Environment.class.getSimpleName() + ".serviceTemplates");

    private PlanSecrets() {}

    static Set<String> variables(ReleasePlan plan) {
        Set<String> names = new TreeSet<>();
        walk(plan, names, Collections.newSetFromMap(new IdentityHashMap<>()));
        return names;
    }

    private static void walk(Object value, Set<String> names, Set<Object> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Enum<?>
                || !seen.add(value)) {
            return;
        }
        if (value instanceof ValueTemplate template) {
            names.addAll(template.variables());
        } else if (value instanceof ProbeSpec.EnvironmentVariables variables) {
            names.addAll(variables.names());
        } else if (value instanceof Optional<?> optional) {
            optional.ifPresent(v -> walk(v, names, seen));
        } else if (value instanceof Collection<?> items) {
            items.forEach(v -> walk(v, names, seen));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> walk(v, names, seen));
        } else if (value.getClass().isRecord()) {
            RecordShape shape = RecordShape.of(value.getClass());
            for (RecordShape.Component c : shape.components()) {
                if (!NOT_SECRET.contains(value.getClass().getSimpleName() + "." + c.name())) {
                    walk(shape.get(value, c), names, seen);
                }
            }
        }
    }
}
