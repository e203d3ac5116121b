package dev.quarterdeck.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** URLs as plans write them. */
final class Urls {
    private Urls() {}

    /** An absolute http(s) URL with a host; anything else is reported at the node. */
    static Optional<URI> http(YamlNode node, String where, Problems problems) {
        return Fields.scalar(node, where, "an http(s) URL", problems).flatMap(text -> {
            try {
                URI uri = new URI(text.trim());
                if (uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        && uri.getHost() != null) {
                    if (uri.getRawUserInfo() != null) {
                        problems.add(node.location(), where + " carries credentials in the URL: put them in an "
                                + "environment variable and reference it, such as ${env:TOKEN}, in a header or token");
                        return Optional.empty();
                    }
                    return Optional.of(uri);
                }
            } catch (URISyntaxException malformed) {
                // reported below with what was expected
            }
            problems.add(node.location(), where + " must be an http(s) URL such as https://api.example.com, found '"
                    + text + "'");
            return Optional.empty();
        });
    }
}
