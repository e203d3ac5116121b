package dev.quarterdeck.probe;

import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@link ProbeSpec.EnvironmentVariables} kind, the runbook's {@code release:preflight:env}: every named
 * variable is set, and not empty, where Quarterdeck runs. {@code PASS} is "3 set: RELEASE_API_BASE_URL,
 * ..."; {@code FAIL} names the missing ones, "not set: RELEASE_ADMIN_API_TOKEN; empty: RELEASE_CSRF_TOKEN".
 * Values are never read beyond "is there one": they are tokens and secrets more often than not.
 */
public final class EnvironmentVariablesProbe implements ProbeTask {
    private final Probe probe;
    private final ProbeSpec.EnvironmentVariables spec;
    private final Function<String, String> environment;
    private final Clock clock;

    /** Reading this process's environment. */
    public EnvironmentVariablesProbe(Probe probe, Clock clock) {
        this(probe, System::getenv, clock);
    }

    /**
     * @param environment looks a variable up, null when it is not set; tests pass a map's {@code get}
     * @throws IllegalArgumentException when {@code probe} is not an environment-variables probe
     */
    public EnvironmentVariablesProbe(Probe probe, Function<String, String> environment, Clock clock) {
        this.probe = Objects.requireNonNull(probe, "probe");
        if (!(probe.spec() instanceof ProbeSpec.EnvironmentVariables variables)) {
            throw new IllegalArgumentException("probe " + probe.id() + " is not an environment-variables probe");
        }
        this.spec = variables;
        this.environment = Objects.requireNonNull(environment, "environment");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks once, on the calling thread. */
    public ProbeSample check() {
        Instant at = clock.instant();
        List<String> notSet = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (String name : spec.names()) {
            String value = environment.apply(name);
            if (value == null) {
                notSet.add(name);
            } else if (value.isBlank()) {
                // Blank counts as empty: "export TOKEN= " is as unusable as no token.
                empty.add(name);
            }
        }
        if (notSet.isEmpty() && empty.isEmpty()) {
            String observed = spec.names().isEmpty()
                    ? "no variables to check"
                    : spec.names().size() + " set: " + String.join(", ", spec.names());
            return new ProbeSample(at, probe.id(), Outcome.PASS, observed, Duration.ZERO);
        }
        List<String> parts = new ArrayList<>();
        if (!notSet.isEmpty()) {
            parts.add("not set: " + String.join(", ", notSet));
        }
        if (!empty.isEmpty()) {
            parts.add("empty: " + String.join(", ", empty));
        }
        return new ProbeSample(at, probe.id(), Outcome.FAIL, String.join("; ", parts), Duration.ZERO);
    }

    @Override
    public String name() {
        return probe.id();
    }

    @Override
    public Duration interval() {
        return probe.interval();
    }

    @Override
    public Duration timeout() {
        return probe.timeout();
    }

    @Override
    public List<ProbeSample> run() {
        return List.of(check());
    }

    @Override
    public List<ProbeSample> missed(Instant at, String reason) {
        return List.of(new ProbeSample(at, probe.id(), Outcome.ERROR, reason, Duration.ZERO));
    }
}
