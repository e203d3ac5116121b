package dev.quarterdeck.probe;

import dev.quarterdeck.plan.Condition;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link ProbeSpec.PrometheusQuery} kind: one PromQL instant query that must give exactly one number
 * (a vector of one series, or a scalar), judged against the probe's bound: {@code PASS} "0.8 % (max 1 %)",
 * {@code FAIL} "20 % (max 1 %)".
 *
 * <ul>
 *   <li>{@code NO_DATA}: no series ("query returned no series") or NaN, such as an error rate over a window
 *       without requests. Never a pass: a canary that served nothing has not proven anything.
 *   <li>{@code ERROR}: several series ("3 series; the condition needs one"), a matrix or a string, or no
 *       usable answer from Prometheus (the message names the server and, where Prometheus gave one, its
 *       {@code errorType} and {@code error}).
 *   <li>{@code +Inf} and {@code -Inf} are compared as values, and the observed text says so: a p95 past the
 *       histogram's last finite bucket is {@code +Inf} and fails a maximum.
 * </ul>
 */
public final class PrometheusQueryProbe implements ProbeTask {
    private final Probe probe;
    private final ProbeSpec.PrometheusQuery spec;
    private final Metric.Unit unit;
    private final PrometheusApi api;
    private final Clock clock;

    /**
     * Values and the threshold read as plain numbers ({@code 0.008 (max 0.01)}), since the probe's spec does
     * not say what the query measures.
     *
     * @throws IllegalArgumentException when {@code probe} is not a Prometheus query probe
     */
    public PrometheusQueryProbe(Probe probe, PrometheusApi api, Clock clock) {
        this(probe, Optional.empty(), api, clock);
    }

    /**
     * @param unit what the query measures, so values read as {@code 0.8 %} or {@code 250 ms}
     * @throws IllegalArgumentException when {@code probe} is not a Prometheus query probe
     */
    public PrometheusQueryProbe(Probe probe, Optional<Metric.Unit> unit, PrometheusApi api, Clock clock) {
        this.probe = Objects.requireNonNull(probe, "probe");
        if (!(probe.spec() instanceof ProbeSpec.PrometheusQuery query)) {
            throw new IllegalArgumentException("probe " + probe.id() + " is not a Prometheus query probe");
        }
        this.spec = query;
        this.unit = unit.orElse(null);
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs the query once, now, on the calling thread. */
    public ProbeSample check() {
        Instant at = clock.instant();
        PrometheusAnswer<PrometheusResult> answer;
        try {
            answer = api.query(spec.query(), at, probe.timeout());
        } catch (PrometheusFailure e) {
            return new ProbeSample(at, probe.id(), Outcome.ERROR, e.getMessage(), e.elapsed());
        }
        String warned = Readings.warned(answer.warnings());
        QueryReading reading = QueryReading.of(answer.result());
        if (reading instanceof QueryReading.NoData noData) {
            return new ProbeSample(at, probe.id(), Outcome.NO_DATA, noData.reason() + warned, answer.elapsed());
        }
        if (reading instanceof QueryReading.Unusable unusable) {
            return new ProbeSample(at, probe.id(), Outcome.ERROR, unusable.reason() + warned, answer.elapsed());
        }
        QueryReading.Value value = (QueryReading.Value) reading;
        // The gates' rule (Condition.holdsFor): a maximum holds up to and including the threshold.
        boolean holds = spec.bound() == Condition.Bound.MAX
                ? value.value() <= spec.threshold()
                : value.value() >= spec.threshold();
        String observed = Readings.value(value.value(), unit) + " (" + bound() + ")"
                + (value.infinite() ? "; " + Readings.value(value.value(), null) + " compared as a value" : "")
                + warned;
        return new ProbeSample(at, probe.id(), holds ? Outcome.PASS : Outcome.FAIL, observed, answer.elapsed());
    }

    private String bound() {
        return (spec.bound() == Condition.Bound.MAX ? "max " : "min ") + Readings.value(spec.threshold(), unit);
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
        return List.of(new ProbeSample(at, probe.id(), Outcome.ERROR,
                "Prometheus at " + api.shownUrl() + ": " + reason, Duration.ZERO));
    }
}
