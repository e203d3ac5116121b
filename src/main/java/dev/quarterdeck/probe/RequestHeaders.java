package dev.quarterdeck.probe;

import dev.quarterdeck.plan.ValueTemplate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A probe's headers with their {@code ${env:NAME}} references resolved, at the moment of the call and only
 * in memory. Remembers the values the variables had, so anything headed for the timeline can be scrubbed of
 * them should a target echo one back.
 */
final class RequestHeaders {
    /** Shorter values are not scrubbed: replacing "1" or "yes" everywhere would garble the timeline. */
    private static final int SHORTEST_SCRUBBED = 6;
    private static final String SCRUBBED = "(secret)";

    private final Map<String, String> values;
    private final List<String> secrets;

    private RequestHeaders(Map<String, String> values, List<String> secrets) {
        this.values = Collections.unmodifiableMap(values);
        // Longest first, so a value that contains another is replaced whole.
        this.secrets = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /**
     * Resolves every header, or says which variable is missing: "environment variable RELEASE_ADMIN_API_TOKEN
     * is not set". An empty variable counts as missing: an empty token is never what the plan meant.
     */
    static Resolution resolve(Map<String, ValueTemplate> templates, Function<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        for (Map.Entry<String, ValueTemplate> header : templates.entrySet()) {
            ValueTemplate template = header.getValue();
            for (String variable : template.variables()) {
                String value = environment.apply(variable);
                if (value == null || value.isEmpty()) {
                    return new Resolution(Optional.empty(), Optional.of("environment variable " + variable
                            + (value == null ? " is not set" : " is empty")));
                }
                // The variable's own value, not the whole header: a target may echo the token without "Bearer ".
                secrets.add(value);
            }
            values.put(header.getKey(), template.resolve(environment).orElseThrow());
        }
        return new Resolution(Optional.of(new RequestHeaders(values, secrets)), Optional.empty());
    }

    /** Either the headers, or why they could not be resolved. */
    record Resolution(Optional<RequestHeaders> headers, Optional<String> problem) {}

    Map<String, String> values() {
        return values;
    }

    boolean has(String name) {
        return values.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    /** {@code text} with every value a header variable had replaced by "(secret)", longest first. */
    String scrub(String text) {
        String out = text;
        for (String secret : secrets) {
            if (secret.length() >= SHORTEST_SCRUBBED) {
                out = out.replace(secret, SCRUBBED);
            }
        }
        return out;
    }
}
