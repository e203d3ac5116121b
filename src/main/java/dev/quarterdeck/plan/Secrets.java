package dev.quarterdeck.plan;

import java.util.Optional;

/**
 * Values that are secrets: tokens and authorization headers. A plan names the environment variable that holds
 * one, {@code ${env:KONG_ADMIN_TOKEN}}; a literal secret in a plan file is refused, since plans are shared and
 * committed.
 */
final class Secrets {
    private Secrets() {}

    /** A value that must come from the environment. */
    static Optional<ValueTemplate> template(YamlNode node, String where, Problems problems) {
        return Fields.scalar(node, where, "a reference to an environment variable, such as ${env:TOKEN}", problems)
                .flatMap(text -> {
                    ValueTemplate value = ValueTemplate.of(text);
                    if (!value.referencesEnvironment()) {
                        problems.add(node.location(), where + " holds a secret written into the plan: reference an "
                                + "environment variable instead, such as ${env:" + suggestedVariable(where) + "}");
                        return Optional.empty();
                    }
                    return Optional.of(value);
                });
    }

    /** Header names whose values are credentials and so must come from the environment. */
    static boolean sensitiveHeader(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.equals("authorization") || n.equals("proxy-authorization") || n.equals("cookie")
                || n.contains("token") || n.contains("secret") || n.contains("api-key") || n.contains("apikey")
                || n.equals("kong-admin-token");
    }

    private static String suggestedVariable(String where) {
        return where.toLowerCase(java.util.Locale.ROOT).contains("kong") ? "KONG_ADMIN_TOKEN" : "TOKEN";
    }
}
