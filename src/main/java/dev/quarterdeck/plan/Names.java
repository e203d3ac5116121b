package dev.quarterdeck.plan;

import java.util.Optional;
import java.util.regex.Pattern;

/** The names a plan gives to environments, probes, gates and checklist items. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private Names() {}

    /** Reads a required name, reporting one that is missing or not of letters, digits, '.', '_' and '-'. */
    static Optional<String> read(Fields fields, String key, Problems problems) {
        Optional<YamlNode> node = fields.required(key, "a name");
        return node.flatMap(n -> Fields.scalar(n, "'" + key + "' of " + fields.what(), "a name", problems)
                .flatMap(name -> {
                    if (NAME.matcher(name).matches()) {
                        return Optional.of(name);
                    }
                    problems.add(n.location(), "'" + name + "' is not a valid " + key + ": use letters, digits, "
                            + "'.', '_' and '-', starting with a letter or digit, at most 63 characters");
                    return Optional.empty();
                }));
    }
}
