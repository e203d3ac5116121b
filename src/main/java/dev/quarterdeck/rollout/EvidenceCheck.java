package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.Durations;
import dev.quarterdeck.plan.Evidence;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether what a captain ticked an item with is the evidence the item asks for: a link is an http(s) URL; a
 * file exists and, when the item sets a {@code maxAge}, was modified no longer ago than that ("drill log newer
 * than 7 days"). A link's age is the tick's: it goes stale {@code maxAge} after it was given.
 */
public interface EvidenceCheck {

    /**
     * What was learnt of evidence when it was given: what is wrong with it whatever the time, or else since when
     * its age counts (a link's tick, a file's last change) and how that age is told. Looked at once per tick of
     * the item; its going stale later is a matter of time alone, so no file is read again for it.
     */
    record Inspected(Optional<String> problem, Instant since, String aged) {
        static Inspected wrong(String problem) {
            return new Inspected(Optional.of(problem), Instant.EPOCH, "");
        }

        /** What is wrong with the evidence for {@code spec} at {@code now}; empty when it holds. */
        public Optional<String> problemAt(Evidence spec, Instant now) {
            if (problem.isPresent()) {
                return problem;
            }
            Duration age = Duration.between(since, now);
            return spec.maxAge().filter(max -> age.compareTo(max) > 0)
                    .map(max -> aged + " " + Durations.human(age) + " ago; the item wants it newer than "
                            + Durations.human(max));
        }
    }

    /** Looks at {@code evidence} for {@code spec}, given at {@code givenAt}. */
    Inspected inspect(Evidence spec, String evidence, Instant givenAt);

    /** What is wrong with {@code evidence} for {@code spec} at {@code now}, given at {@code givenAt}; empty when fine. */
    default Optional<String> problem(Evidence spec, String evidence, Instant givenAt, Instant now) {
        return inspect(spec, evidence, givenAt).problemAt(spec, now);
    }

    /** Files on this machine's disk. */
    EvidenceCheck FILES = (spec, evidence, givenAt) -> {
        if (evidence == null || evidence.isBlank()) {
            return Inspected.wrong("needs " + (spec.kind() == Evidence.Kind.LINK ? "a link" : "a file")
                    + " as evidence");
        }
        if (spec.kind() == Evidence.Kind.LINK) {
            try {
                URI uri = new URI(evidence.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                    return Inspected.wrong("'" + evidence + "' is not an http(s) link");
                }
            } catch (URISyntaxException e) {
                return Inspected.wrong("'" + evidence + "' is not a link: " + e.getReason());
            }
            return new Inspected(Optional.empty(), givenAt, "the link was given");
        }
        Path file;
        try {
            file = Path.of(evidence.strip());
        } catch (InvalidPathException e) {
            return Inspected.wrong("'" + evidence + "' is not a file path: " + e.getReason());
        }
        if (!Files.isRegularFile(file)) {
            return Inspected.wrong("no file at " + file);
        }
        if (spec.maxAge().isEmpty()) {
            return new Inspected(Optional.empty(), givenAt, "");
        }
        try {
            return new Inspected(Optional.empty(), Files.getLastModifiedTime(file).toInstant(),
                    file.getFileName() + " was last changed");
        } catch (IOException e) {
            return Inspected.wrong("cannot read " + file + ": " + e.getMessage());
        }
    };
}
