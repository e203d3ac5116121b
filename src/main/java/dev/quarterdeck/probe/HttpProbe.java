package dev.quarterdeck.probe;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.quarterdeck.plan.Durations;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.JsonAssertion;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link ProbeSpec.Http} kind: the request a runbook makes with curl (method, headers, body) to an
 * absolute URL or a path on a named service, judged as the runbook judges it: the status, the time taken,
 * fields of the JSON answer ({@code summary.health == "ok"}, {@code rolesBlocked == 0}) and text the body
 * must contain.
 *
 * <p>{@code PASS} is "HTTP 200 in 12 ms". {@code FAIL} says every way the answer fell short: "HTTP 503,
 * expected 200 (in 12 ms)", "HTTP 200 in 812 ms, over the 500 ms budget", "HTTP 200 in 9 ms: summary.health
 * is "degraded", expected "ok"; the answer does not contain "pong"". {@code ERROR} is no answer to judge:
 * refused, timed out, TLS refused (the message names the URL), a service the environment does not bind, an
 * environment variable a header needs that is not set.
 *
 * <p>Header values are resolved from the environment at each call and exist only in memory: they appear in
 * no sample, message or log, and a target that echoes one back has it scrubbed from what is recorded.
 */
public final class HttpProbe implements ProbeTask {
    private final Probe probe;
    private final ProbeSpec.Http spec;
    private final HttpTransport transport;
    private final Clock clock;
    private final Function<String, String> environmentVariables;
    private final URI url;
    private final String unresolved;
    // Exact decimals, so 0.1 == 0.1 and a 20-digit id compares as written; trailing garbage is not JSON.
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * With header variables read from this process's environment.
     *
     * @throws IllegalArgumentException when {@code probe} is not an HTTP probe
     */
    public HttpProbe(Probe probe, Environment environment, HttpTransport transport, Clock clock) {
        this(probe, environment, transport, clock, System::getenv);
    }

    /**
     * @param environmentVariables looks up the {@code ${env:NAME}} references of header values at each call
     *     (null for a variable that is not set); tests pass a map's {@code get}
     * @throws IllegalArgumentException when {@code probe} is not an HTTP probe
     */
    public HttpProbe(Probe probe, Environment environment, HttpTransport transport, Clock clock,
            Function<String, String> environmentVariables) {
        this.probe = Objects.requireNonNull(probe, "probe");
        if (!(probe.spec() instanceof ProbeSpec.Http http)) {
            throw new IllegalArgumentException("probe " + probe.id() + " is not an HTTP probe");
        }
        this.spec = http;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.environmentVariables = Objects.requireNonNull(environmentVariables, "environmentVariables");
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
            return sample(at, Outcome.ERROR, unresolved, Duration.ZERO);
        }
        RequestHeaders.Resolution resolution = RequestHeaders.resolve(spec.headers(), environmentVariables);
        if (resolution.headers().isEmpty()) {
            return sample(at, Outcome.ERROR, resolution.problem().orElseThrow(), Duration.ZERO);
        }
        RequestHeaders headers = resolution.headers().get();
        HttpReply reply;
        try {
            reply = transport.send(new HttpRequest(spec.method(), url, withBodyType(headers), spec.body(),
                    probe.timeout()));
        } catch (IllegalArgumentException e) {
            // A blank method or a zero timeout: the plan's fault, reported like any other, not a crashed run.
            return sample(at, Outcome.ERROR, "cannot send the request: " + e.getMessage(), Duration.ZERO);
        } catch (HttpFailure e) {
            return sample(at, Outcome.ERROR, headers.scrub(e.getMessage()), e.elapsed());
        }
        Judgement judgement = judge(reply);
        return sample(at, judgement.outcome(), headers.scrub(judgement.observed()), reply.elapsed());
    }

    private record Judgement(Outcome outcome, String observed) {}

    private Judgement judge(HttpReply reply) {
        String took = Durations.human(reply.elapsed());
        if (reply.status() != spec.expectStatus()) {
            // An unexpected status is the finding; its body is an error page, not the answer to check.
            return new Judgement(Outcome.FAIL,
                    "HTTP " + reply.status() + ", expected " + spec.expectStatus() + " (in " + took + ")");
        }
        StringBuilder observed = new StringBuilder("HTTP " + reply.status() + " in " + took);
        boolean overBudget = spec.latencyBudget().map(budget -> reply.elapsed().compareTo(budget) > 0).orElse(false);
        if (overBudget) {
            observed.append(", over the ").append(Durations.human(spec.latencyBudget().get())).append(" budget");
        }
        List<String> shortfalls = new ArrayList<>();
        try {
            shortfalls.addAll(jsonShortfalls(reply.body()));
        } catch (IllegalArgumentException badAssertion) {
            return new Judgement(Outcome.ERROR, observed + ", but " + badAssertion.getMessage());
        }
        spec.bodyContains()
                .filter(text -> !reply.body().contains(text))
                .ifPresent(text -> shortfalls.add("the answer does not contain " + quoted(text)));
        if (!shortfalls.isEmpty()) {
            observed.append(overBudget ? "; " : ": ").append(String.join("; ", shortfalls));
        }
        return new Judgement(overBudget || !shortfalls.isEmpty() ? Outcome.FAIL : Outcome.PASS, observed.toString());
    }

    private List<String> jsonShortfalls(String body) {
        if (spec.json().isEmpty()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException notJson) {
            return List.of("the answer is not JSON");
        }
        if (root == null || root.isMissingNode()) {
            return List.of("the answer is not JSON");
        }
        List<String> shortfalls = new ArrayList<>();
        for (JsonAssertion assertion : spec.json()) {
            JsonFieldCheck.failure(root, assertion).ifPresent(shortfalls::add);
        }
        return shortfalls;
    }

    /**
     * A body without a Content-Type goes as JSON when it looks like JSON, else as text: curl's form default
     * fits no probe a runbook makes.
     */
    private Map<String, String> withBodyType(RequestHeaders headers) {
        if (spec.body().isEmpty() || headers.has("Content-Type")) {
            return headers.values();
        }
        Map<String, String> typed = new LinkedHashMap<>(headers.values());
        String body = spec.body().get().strip();
        typed.put("Content-Type", body.startsWith("{") || body.startsWith("[")
                ? "application/json" : "text/plain; charset=utf-8");
        return typed;
    }

    private static String quoted(String text) {
        String shown = text.length() <= 80 ? text : text.substring(0, 80) + "…";
        return "\"" + shown.replace("\n", "\\n") + "\"";
    }

    private ProbeSample sample(Instant at, Outcome outcome, String observed, Duration took) {
        return new ProbeSample(at, probe.id(), outcome, observed, took);
    }

    /** The URL this probe calls, when its service is bound. */
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
        String where = url == null ? "" : spec.method().strip().toUpperCase(Locale.ROOT) + " " + ServiceUrl.shown(url)
                + ": ";
        return List.of(sample(at, Outcome.ERROR, where + reason, Duration.ZERO));
    }
}
