package dev.quarterdeck.probe;

import dev.quarterdeck.plan.Environment;
import java.net.URI;
import java.util.Optional;
import java.util.TreeSet;

/** Where a named service's path is in an environment: its bound base URL with the path appended. */
final class ServiceUrl {
    private ServiceUrl() {}

    /**
     * Appends rather than {@link URI#resolve}s, so a base with a path prefix keeps it:
     * {@code http://host/shop} + {@code /health} is {@code http://host/shop/health}.
     */
    static Optional<URI> of(Environment environment, String service, String path) {
        return environment.service(service).map(base -> {
            String left = base.toString();
            while (left.endsWith("/")) {
                left = left.substring(0, left.length() - 1);
            }
            return URI.create(left + (path.startsWith("/") ? path : "/" + path));
        });
    }

    /**
     * The URL as it may be written in the timeline: without user-info and with the query elided, since both
     * can carry credentials and the journal must never hold a secret.
     */
    static String shown(URI url) {
        if (url.getRawUserInfo() == null && url.getRawQuery() == null) {
            return url.toString();
        }
        if (url.getHost() == null) {
            return url.getScheme() + ":(redacted)";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath()) + (url.getRawQuery() == null ? "" : "?...");
    }

    /**
     * The message for a service the environment does not bind: which variable to set when its URL comes from the
     * environment, otherwise the ones it does bind.
     */
    static String unbound(Environment environment, String service) {
        var template = environment.serviceTemplates().get(service);
        if (template != null) {
            return "environment '" + environment.name() + "' takes service '" + service + "' from " + template
                    + ": set " + String.join(" and ", template.variables()) + " to an http(s) URL";
        }
        String bound = environment.services().isEmpty()
                ? "it binds none"
                : "it binds " + String.join(", ", new TreeSet<>(environment.services().keySet()));
        return "environment '" + environment.name() + "' binds no service '" + service + "' (" + bound + ")";
    }
}
