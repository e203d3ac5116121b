package dev.quarterdeck.plan;

import java.util.Objects;

/** What a probe checks. One variant per probe kind. */
public sealed interface ProbeSpec {

    /** An HTTP GET of {@code path} on a named service, passing when the status is {@code expectStatus}. */
    record Http(String service, String path, int expectStatus) implements ProbeSpec {
        public Http {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(path, "path");
        }
    }
}
