package dev.quarterdeck.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launch gate's {@code release:preflight:env}: every RELEASE_* variable is there, and none is shown. */
class EnvironmentVariablesProbeTest {
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final List<String> RELEASE_CONTEXT = List.of("RELEASE_API_BASE_URL", "RELEASE_ADMIN_API_TOKEN",
            "RELEASE_CSRF_TOKEN");

    private final ManualClock clock = new ManualClock(T0);

    private ProbeSample check(Map<String, String> environment) {
        Probe probe = new Probe("release-env", Duration.ofMinutes(1), Duration.ofSeconds(1),
                new ProbeSpec.EnvironmentVariables(RELEASE_CONTEXT));
        return new EnvironmentVariablesProbe(probe, environment::get, clock).check();
    }

    @Test
    void passesWhenAllAreSet() {
        ProbeSample sample = check(Map.of("RELEASE_API_BASE_URL", "https://api.example",
                "RELEASE_ADMIN_API_TOKEN", "adm-7Qx2Lk9Pz4Rw", "RELEASE_CSRF_TOKEN", "csrf-Hh83kd02Lq"));

        assertThat(sample.outcome()).isEqualTo(Outcome.PASS);
        assertThat(sample.probe()).isEqualTo("release-env");
        assertThat(sample.at()).isEqualTo(T0);
        assertThat(sample.observed())
                .isEqualTo("3 set: RELEASE_API_BASE_URL, RELEASE_ADMIN_API_TOKEN, RELEASE_CSRF_TOKEN")
                .doesNotContain("api.example").doesNotContain("adm-7Qx2Lk9Pz4Rw");
    }

    @Test
    void failsNamingTheMissingOnes() {
        ProbeSample sample = check(Map.of("RELEASE_API_BASE_URL", "https://api.example"));

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).isEqualTo("not set: RELEASE_ADMIN_API_TOKEN, RELEASE_CSRF_TOKEN")
                .doesNotContain("api.example");
    }

    @Test
    void anEmptyOrBlankValueIsNotSetEnough() {
        ProbeSample sample = check(Map.of("RELEASE_API_BASE_URL", "https://api.example",
                "RELEASE_ADMIN_API_TOKEN", "", "RELEASE_CSRF_TOKEN", "  "));

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).isEqualTo("empty: RELEASE_ADMIN_API_TOKEN, RELEASE_CSRF_TOKEN");
    }

    @Test
    void missingAndEmptyAreToldApart() {
        ProbeSample sample = check(Map.of("RELEASE_ADMIN_API_TOKEN", ""));

        assertThat(sample.observed())
                .isEqualTo("not set: RELEASE_API_BASE_URL, RELEASE_CSRF_TOKEN; empty: RELEASE_ADMIN_API_TOKEN");
    }

    @Test
    void aMissedBeatIsAnError() {
        Probe probe = new Probe("release-env", Duration.ofMinutes(1), Duration.ofSeconds(1),
                new ProbeSpec.EnvironmentVariables(RELEASE_CONTEXT));

        assertThat(new EnvironmentVariablesProbe(probe, name -> null, clock).missed(T0, "no free I/O thread"))
                .singleElement().satisfies(s -> assertThat(s.outcome()).isEqualTo(Outcome.ERROR));
    }

    @Test
    void onlyTakesEnvironmentVariableProbes() {
        Probe http = new Probe("health", Duration.ofSeconds(5), Duration.ofSeconds(1),
                new ProbeSpec.Http("api", "/health", 200));

        assertThatThrownBy(() -> new EnvironmentVariablesProbe(http, name -> null, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("health");
    }
}
