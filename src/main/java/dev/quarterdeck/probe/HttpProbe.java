package dev.quarterdeck.probe;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link ProbeSpec.Http} kind: GET a path on a named service and compare the status. {@code PASS} is
 * "HTTP 200 in 12 ms"; {@code FAIL} a wrong status, "HTTP 503, expected 200"; {@code ERROR} no answer
 * (refused, timed out: the message names the URL) or a service the environment does not bind.
 */
public final class HttpProbe implements ProbeTask {
    private final Probe probe;
    private final ProbeSpec.Http spec;
    private final HttpTransport transport;
    private final Clock clock;
    private final URI url;
    private final String unresolved;

    /**
     * @throws IllegalArgumentException when {@code probe} is not an HTTP probe
     */
    public HttpProbe(Probe probe, Environment environment, HttpTransport transport, Clock clock) {
        this.probe = Objects.requireNonNull(probe, "probe");
        if (!(probe.spec() instanceof ProbeSpec.Http http)) {
            throw new IllegalArgumentException("probe " + probe.id() + " is not an HTTP probe");
        }
        this.spec = http;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
        // Resolved once: the environment is fixed for a session. A bad binding is reported on every run,
        // not thrown here, so one misbound probe cannot stop the others from being wired.
        URI resolved = null;
        String problem = null;
        String service = http.service().orElse(null);
        if (service == null) {
            resolved = http.url().orElseThrow();
        } else {
            try {
                resolved = ServiceUrl.of(environment, service, http.path()).orElse(null);
                if (resolved == null) {
                    problem = ServiceUrl.unbound(environment, service);
                }
            } catch (IllegalArgumentException e) {
                problem = "service '" + service + "' with path '" + http.path() + "' is not a valid URL: "
                        + e.getMessage();
            }
        }
        this.url = resolved;
        this.unresolved = problem;
    }

    /** Runs the probe once, on the calling thread. */
    public ProbeSample check() {
        Instant at = clock.instant();
        if (url == null) {
            return new ProbeSample(at, probe.id(), Outcome.ERROR, unresolved, Duration.ZERO);
        }
        try {
            HttpReply reply = transport.get(url, probe.timeout());
            String took = Durations.human(reply.elapsed());
            if (reply.status() == spec.expectStatus()) {
                return new ProbeSample(at, probe.id(), Outcome.PASS, "HTTP " + reply.status() + " in " + took,
                        reply.elapsed());
            }
            return new ProbeSample(at, probe.id(), Outcome.FAIL,
                    "HTTP " + reply.status() + ", expected " + spec.expectStatus() + " (in " + took + ")",
                    reply.elapsed());
        } catch (HttpFailure e) {
            return new ProbeSample(at, probe.id(), Outcome.ERROR, e.getMessage(), e.elapsed());
        }
    }

    /** The URL this probe GETs, when its service is bound. */
    public Optional<URI> url() {
        return Optional.ofNullable(url);
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
        String where = url == null ? "" : "GET " + ServiceUrl.shown(url) + ": ";
        return List.of(new ProbeSample(at, probe.id(), Outcome.ERROR, where + reason, Duration.ZERO));
    }
}
