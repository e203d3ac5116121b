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

    /** What is wrong with {@code evidence} for {@code spec} at {@code now}, given at {@code givenAt}; empty when fine. */
    Optional<String> problem(Evidence spec, String evidence, Instant givenAt, Instant now);

    /** Files on this machine's disk. */
    EvidenceCheck FILES = (spec, evidence, givenAt, now) -> {
        if (evidence == null || evidence.isBlank()) {
            return Optional.of("needs " + (spec.kind() == Evidence.Kind.LINK ? "a link" : "a file") + " as evidence");
        }
        if (spec.kind() == Evidence.Kind.LINK) {
            try {
                URI uri = new URI(evidence.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                    return Optional.of("'" + evidence + "' is not an http(s) link");
                }
            } catch (URISyntaxException e) {
                return Optional.of("'" + evidence + "' is not a link: " + e.getReason());
            }
            return spec.maxAge().filter(max -> Duration.between(givenAt, now).compareTo(max) > 0)
                    .map(max -> "the link was given " + Durations.human(Duration.between(givenAt, now))
                            + " ago; the item wants it newer than " + Durations.human(max));
        }
        Path file;
        try {
            file = Path.of(evidence.strip());
        } catch (InvalidPathException e) {
            return Optional.of("'" + evidence + "' is not a file path: " + e.getReason());
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of("no file at " + file);
        }
        if (spec.maxAge().isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            Duration age = Duration.between(modified, now);
            Duration max = spec.maxAge().get();
            return age.compareTo(max) > 0
                    ? Optional.of(file.getFileName() + " was last changed " + Durations.human(age)
                            + " ago; the item wants it newer than " + Durations.human(max))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read " + file + ": " + e.getMessage());
        }
    };
}
