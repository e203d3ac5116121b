package dev.quarterdeck.probe;

import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@link ProbeSpec.Alerts} kind, the runbooks' "Alertmanager quiet": {@code PASS} when no firing alert
 * carries all of the probe's labels (no labels: when nothing fires at all), {@code FAIL} naming each
 * matching firing alert by name and labels, {@code ERROR} when Prometheus gives no usable answer.
 *
 * <p>Pending alerts, still inside their rule's {@code for:} duration, do not count: the rule's author chose
 * to wait that long before calling it a problem. The observed text still lists the matching ones, so the
 * captain sees what is about to fire.
 */
public final class AlertsProbe implements ProbeTask {
    /** How many alerts the observed text names before "and N more". */
    static final int SHOWN_ALERTS = 5;

    private final Probe probe;
    private final Map<String, String> labels;
    private final PrometheusApi api;
    private final Clock clock;

    /** @throws IllegalArgumentException when {@code probe} is not an alerts probe */
    public AlertsProbe(Probe probe, PrometheusApi api, Clock clock) {
        this.probe = Objects.requireNonNull(probe, "probe");
        if (!(probe.spec() instanceof ProbeSpec.Alerts alerts)) {
            throw new IllegalArgumentException("probe " + probe.id() + " is not an alerts probe");
        }
        this.labels = alerts.labels();
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Lists the alerts once, now, on the calling thread. */
    public ProbeSample check() {
        Instant at = clock.instant();
        PrometheusAnswer<List<PrometheusAlert>> answer;
        try {
            answer = api.alerts(probe.timeout());
        } catch (PrometheusFailure e) {
            return new ProbeSample(at, probe.id(), Outcome.ERROR, e.getMessage(), e.elapsed());
        }
        List<PrometheusAlert> matching = answer.result().stream().filter(a -> a.hasAll(labels)).toList();
        List<PrometheusAlert> firing = matching.stream().filter(PrometheusAlert::isFiring).toList();
        List<PrometheusAlert> pending = matching.stream().filter(a -> !a.isFiring()).toList();
        String pendingNote = pending.isEmpty()
                ? ""
                : "; " + pending.size() + " pending (not counted until firing): " + named(pending);
        String warned = Readings.warned(answer.warnings());
        if (firing.isEmpty()) {
            String quiet = labels.isEmpty() ? "no alert firing" : "no firing alert with " + Readings.labels(labels);
            return new ProbeSample(at, probe.id(), Outcome.PASS, quiet + pendingNote + warned, answer.elapsed());
        }
        String observed = firing.size() + " firing" + (labels.isEmpty() ? "" : " with " + Readings.labels(labels))
                + ": " + named(firing) + pendingNote + warned;
        return new ProbeSample(at, probe.id(), Outcome.FAIL, observed, answer.elapsed());
    }

    /** {@code HighErrorRate{severity="critical", track="canary"}}: the alert's name, then its other labels. */
    static String named(List<PrometheusAlert> alerts) {
        String shown = alerts.stream().limit(SHOWN_ALERTS).map(AlertsProbe::named).collect(Collectors.joining(", "));
        return alerts.size() > SHOWN_ALERTS ? shown + " and " + (alerts.size() - SHOWN_ALERTS) + " more" : shown;
    }

    private static String named(PrometheusAlert alert) {
        Map<String, String> others = new TreeMap<>(alert.labels());
        others.remove("alertname");
        String name = alert.name().isEmpty() ? "(unnamed alert)" : alert.name();
        return others.isEmpty() ? name : name + Readings.labels(others);
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
