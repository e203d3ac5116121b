package dev.quarterdeck.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value written in a plan that may name environment variables, {@code Bearer ${env:ADMIN_TOKEN}}, so a
 * plan never has to hold a secret. The resolved value exists only in memory, at the moment of use; the
 * template is what the journal and reports may show.
 */
public record ValueTemplate(String text) {
    static final Pattern REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    public ValueTemplate {
        Objects.requireNonNull(text, "text");
    }

    public static ValueTemplate of(String text) {
        return new ValueTemplate(text);
    }

    /** The environment variables this value needs, in order of appearance. */
    public List<String> variables() {
        List<String> names = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** True when the value comes (at least in part) from the environment: treat it as a secret. */
    public boolean referencesEnvironment() {
        return REFERENCE.matcher(text).find();
    }

    /**
     * The value with every reference replaced; empty when a variable is not set, so a missing secret is never
     * sent as an empty string.
     */
    public Optional<String> resolve(Function<String, String> environment) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = environment.apply(m.group(1));
            if (value == null) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    @Override
    public String toString() {
        return text;
    }
}
