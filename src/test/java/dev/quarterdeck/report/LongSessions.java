package dev.quarterdeck.report;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Mode;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.GateJudged.ConditionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Long sessions, made rather than recorded: a canary walked to 100 % and then soaked, every track's error rate
 * and p95 sampled once a second, probes and lease renewals every 10 s, a gate judged every 10 s. One canary p95
 * spike of three seconds, at 14:00:00, for a chart to show. For the export test and the benchmark.
 */
public final class LongSessions {
    public static final Instant START = Instant.parse("2026-11-22T00:00:00Z");
    /** When the canary's p95 spikes to {@link #SPIKE_SECONDS}, for three samples. */
    public static final Instant SPIKE = START.plus(Duration.ofHours(14));
    public static final double SPIKE_SECONDS = 3.2;

    private LongSessions() {}

    /** {@code hours} of a session sampled every second: 4 samples a second, about 4.4 per second in all. */
    public static List<SessionEvent> sampledEverySecond(int hours) {
        Actor captain = new Actor("dana.okafor");
        Random noise = new Random(7);
        List<SessionEvent> events = new ArrayList<>(hours * 3600 * 5);
        events.add(new SessionEvent.SessionStarted(START, "onesource-chat", "3.5.0", "production", captain));
        events.add(new SessionEvent.PlanLoaded(START, "onesource-chat", "3.5.0", "platform-engineering",
                "plans/onesource-chat.yaml", Mode.AUTOMATIC, List.of(
                        new SessionEvent.PlanLoaded.PlannedItem("on-call-notified", "On-call team notified",
                                "preflight", true, "", "")),
                List.of("set canary weight to 10%", "set canary weight to 50%", "set canary weight to 100%"),
                List.of("slo: canary error-rate ≤ 0.5% and canary p95-latency ≤ 1.5 s, held for 30 min"),
                List.of("set canary weight to 0%"), List.of("T0 + 1 d: 24 h soak held the SLOs (gate slo must hold)")));
        events.add(new SessionEvent.EnvironmentDescribed(START, "production", "ingressNginx", "production",
                "https://k8s.prod.example.com:6443", "onesource", "dana.okafor@prod",
                Map.of("stable", "registry.example.com/onesource:3.4.0", "canary",
                        "registry.example.com/onesource:3.5.0"), "dana.okafor@laptop-42"));
        events.add(new SessionEvent.ChecklistItemMarked(START.plusSeconds(30), captain, "on-call-notified", true,
                "paged", ""));
        events.add(new SessionEvent.StageChanged(START.plusSeconds(30), ReleaseStage.READY, -1, Actor.quarterdeck(),
                "every required preflight item passed"));
        int[] weights = {10, 50, 100};
        long seconds = hours * 3600L;
        for (long s = 1; s <= seconds; s++) {
            Instant at = START.plusSeconds(s);
            int step = (int) Math.min(2, s / 3600);
            if (s % 3600 == 60 && s / 3600 <= 2) {
                events.add(new SessionEvent.StepStarted(at, step, "set canary weight to " + weights[step] + "%",
                        Actor.quarterdeck()));
                events.add(new SessionEvent.StageChanged(at, ReleaseStage.CANARY, step, Actor.quarterdeck(),
                        "automatic mode"));
                events.add(new SessionEvent.WeightRequested(at, Actor.quarterdeck(), weights[step], "step"));
                events.add(new SessionEvent.WeightApplied(at.plusMillis(800), weights[step], weights[step],
                        "ingress-nginx onesource/onesource-canary"));
                if (weights[step] == 100) {
                    events.add(new SessionEvent.StageChanged(at.plusMillis(800), ReleaseStage.PROMOTED, step,
                            Actor.quarterdeck(), "the router reads back 100% canary"));
                }
            }
            boolean spike = !at.isBefore(SPIKE) && at.isBefore(SPIKE.plusSeconds(3));
            events.add(sample(at, Track.STABLE, Metric.ERROR_RATE, 0.0015 + noise.nextDouble() * 0.0006));
            events.add(sample(at, Track.CANARY, Metric.ERROR_RATE, 0.0017 + noise.nextDouble() * 0.0006));
            events.add(sample(at, Track.STABLE, Metric.P95_LATENCY, 0.40 + noise.nextDouble() * 0.05));
            events.add(sample(at, Track.CANARY, Metric.P95_LATENCY, spike ? SPIKE_SECONDS
                    : 0.42 + noise.nextDouble() * 0.05));
            if (s % 10 == 0) {
                events.add(new SessionEvent.ProbeSample(at, "canary-rollout", Outcome.PASS, "3 of 3 available",
                        Duration.ofMillis(30)));
                events.add(new SessionEvent.ProbeSample(at, "no-critical-alerts", Outcome.PASS, "no alert firing",
                        Duration.ofMillis(50)));
                events.add(new SessionEvent.LeaseChanged(at, "dana.okafor@laptop-42", true, at, at.plusSeconds(30),
                        "renewed"));
                events.add(new SessionEvent.GateJudged(at, "slo", s < 1800 ? GateVerdict.HOLDING : GateVerdict.PASS,
                        List.of(new ConditionResult("canary error-rate ≤ 0.5%", Outcome.PASS, 0.002, 0.005, 0.002,
                                Double.NaN, "canary error-rate 0.2% within 0.5%")),
                        Duration.ofSeconds(Math.min(s, 1800)), Duration.ofMinutes(30), 0, 3));
            }
        }
        events.add(new SessionEvent.NoteAdded(START.plusSeconds(seconds), captain, "a day at 100 %, closing"));
        return events;
    }

    private static SessionEvent.MetricSample sample(Instant at, Track track, Metric metric, double value) {
        return new SessionEvent.MetricSample(at, track, metric, value, Outcome.PASS, "");
    }
}
