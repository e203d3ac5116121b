package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.Action;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.PreflightChecked.Access;
import dev.quarterdeck.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Whole sessions recorded from the real release flow on a virtual clock, for the reports' golden files: the
 * same events in the same order on every run. The opening (environment, lease, last known good, permissions),
 * the router, the probes, the scrapes and the rollback lane are played here as the engine would record them;
 * everything the flow decides (stages, steps, gates, abort rules, overrides, refusals) is the flow's own.
 */
public final class RecordedSessions {
    public static final Actor CAPTAIN = new Actor("dana.okafor");
    public static final Actor ON_CALL = new Actor("li.wei");

    static final String PLAN = """
            apiVersion: quarterdeck/v1
            metadata: {name: onesource-chat, version: 3.4.0, owner: platform-engineering}
            environments:
              - name: production
                protected: true
                kubernetes:
                  context: production
                  namespace: onesource
                  deployments: {stable: onesource, canary: onesource-canary}
                traffic:
                  ingressNginx: {canaryIngress: onesource-canary, mainIngress: onesource-ingress}
                metrics:
                  prometheus:
                    url: https://prometheus.prod.example.com
                    interval: 15s
                    window: 5m
                    queries:
                      error-rate: sum(rate(http_requests_total{app="onesource",track="{{track}}",code=~"5.."}[{{window}}])) / sum(rate(http_requests_total{app="onesource",track="{{track}}"}[{{window}}]))
                      p95-latency: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{app="onesource",track="{{track}}"}[{{window}}])))
            probes:
              - {id: canary-rollout, interval: 30s, kubernetes: {rolloutComplete: onesource-canary}}
              - {id: canary-replicas, interval: 30s, kubernetes: {replicas: {deployment: onesource-canary, atLeast: 2}}}
              - {id: no-critical-alerts, interval: 30s, alerts: {labels: {app: onesource, severity: critical}}}
            checklist:
              - {id: canary-rolled-out, title: Canary deployment rolled out, phase: preflight, probe: canary-rollout}
              - {id: canary-replicas, title: Canary has two ready replicas, phase: preflight, probe: canary-replicas}
              - id: rollback-tested
                title: Rollback rehearsed on staging this week
                phase: preflight
                evidence: {kind: link, maxAge: 7d}
              - {id: on-call-notified, title: On-call team notified, phase: preflight}
              - {id: change-approved, title: Change request approved, phase: preflight, evidence: link}
              - {id: alerts-quiet, title: No critical alerts firing, phase: canary, probe: no-critical-alerts}
              - {id: dashboards-captured, title: Dashboard snapshots captured, phase: post-deploy, required: false, evidence: link}
            canary:
              mode: manual
              steps:
                - setWeight: 10
                - pause: 10m
                - gate: slo
                - setWeight: 50
                - pause: 15m
                - gate: slo
                - setWeight: 100
            gates:
              - name: slo
                holdFor: 5m
                maxFailures: 3
                conditions:
                  - {metric: error-rate, track: canary, max: 0.5%}
                  - {metric: p95-latency, track: canary, max: 1.5s}
                  - {metric: p95-latency, compare: canary-minus-stable, max: 300ms}
            abort:
              - {severity: sev1, when: {metric: error-rate, track: canary, max: 5%}, then: rollback}
              - {severity: sev2, when: {metric: error-rate, track: canary, max: 2%}, then: alert}
            rollback:
              steps:
                - setWeight: 0
                - disableCanary: {}
                - setEnv: {deployment: onesource, env: {FEATURE_DYNAMIC_PROMPTS: "0", FEATURE_SUGGESTED_ACTIONS: "0"}}
                - waitForRollout: {deployment: onesource, timeout: 2m}
            followUps:
              - {after: 1d, title: Check the error budget and support tickets}
            """;

    private static final String ROUTER = "ingress-nginx onesource/onesource-canary";

    private RecordedSessions() {}

    /**
     * onesource-chat 3.4.0 to production, 09:00 to 09:30 UTC on 2026-11-22: preflight with evidence (and a
     * webhook URL pasted into a note, to be redacted), 10 % canary, the burn-in cut short by an override, 50 %,
     * then the canary's error rate climbs from 09:21: a sev2 alert, the captain pauses, a sev1 rolls back by
     * itself in four steps. Notes from the captain and on-call along the way.
     */
    public static List<SessionEvent> canaryRolledBackAfterOverride() throws Exception {
        return new Recording().play();
    }

    /** The plan the recorded session ran. */
    public static ReleasePlan plan() throws Exception {
        return PlanLoader.parse("plans/onesource-chat.yaml", PLAN);
    }

    private static final class Recording {
        final ManualClock clock = ManualClock.at("2026-11-22T09:00:00Z");
        final List<SessionEvent> events = new ArrayList<>();
        final Deque<Runnable> pending = new ArrayDeque<>();
        final Random noise = new Random(20261122);
        final ReleasePlan plan;
        final ReleaseFlow flow;
        int weight;
        Instant lastProbes = Instant.MIN;

        Recording() throws Exception {
            plan = plan();
            flow = new ReleaseFlow(plan, "production", clock, events::add, new ReleaseFlow.Effects() {
                @Override
                public void applyWeight(int percent, Actor who, String reason) {
                    events.add(new SessionEvent.WeightRequested(clock.instant(), who, percent, reason));
                    pending.add(() -> {
                        clock.advance(Duration.ofSeconds(1));
                        weight = percent;
                        deliver(new SessionEvent.WeightApplied(clock.instant(), percent, percent, ROUTER));
                    });
                }

                @Override
                public void rollback(Actor who, String reason, boolean staged) {
                    pending.add(() -> rollbackLane(who, reason));
                }

                @Override
                public void perform(int step, Action action) {
                    pending.add(() -> flow.actionFinished(step, true, action.describe() + " done"));
                }

                @Override
                public Optional<String> writeRefusal() {
                    return Optional.empty();
                }
            }, EvidenceCheck.FILES);
        }

        List<SessionEvent> play() {
            opening();
            until("09:01:30");
            flow.markChecklistItem("rollback-tested", true, CAPTAIN, "drill on staging: weight 0 in 1 min 50 s",
                    "https://wiki.example.com/ops/onesource/rollback-drill-2026-11-19");
            until("09:02:10");
            flow.markChecklistItem("on-call-notified", true, ON_CALL, "paged #onesource-oncall through "
                    + "https://hooks.slack.com/services/T0ONESRC/B0PAGER/q8Zt3VbX1mYw7LkP2sRj9NcE", "");
            until("09:02:40");
            flow.advance(CAPTAIN, Optional.empty());
            until("09:03:00");
            flow.markChecklistItem("change-approved", true, CAPTAIN, "approved by CAB on Thursday",
                    "https://change.example.com/CHG-20417");
            settle();
            until("09:03:30");
            deliver(new SessionEvent.NoteAdded(clock.instant(), CAPTAIN,
                    "starting the canary; board: https://grafana.example.com/d/onesource-canary"));
            until("09:04:00");
            flow.advance(CAPTAIN, Optional.empty()); // step 1: 10 %
            settle();
            until("09:04:15");
            flow.advance(CAPTAIN, Optional.empty()); // step 2: pause 10 min
            settle();
            until("09:15:00");
            flow.advance(CAPTAIN, Optional.empty()); // step 3: gate slo, 5 min burn-in
            settle();
            until("09:18:00");
            flow.advance(CAPTAIN, Optional.empty()); // refused: the burn-in is not over
            until("09:18:30");
            flow.advance(CAPTAIN, Optional.of("held 30 min at 10 % on staging yesterday; the change window closes "
                    + "at 10:00"));
            settle();
            until("09:19:00");
            flow.advance(CAPTAIN, Optional.empty()); // step 5: pause 15 min at 50 %
            settle();
            until("09:22:45");
            deliver(new SessionEvent.NoteAdded(clock.instant(), CAPTAIN,
                    "sev2 on canary error rate; logs show 502s from /chat/stream on the canary pods"));
            until("09:23:00");
            flow.pause(CAPTAIN);
            settle();
            until("09:23:40");
            deliver(new SessionEvent.NoteAdded(clock.instant(), ON_CALL,
                    "on-call here; #support reports failed messages since about 09:21"));
            until("09:27:00");
            deliver(new SessionEvent.NoteAdded(clock.instant(), ON_CALL,
                    "error rate back to baseline on stable; opened INC-4711"));
            until("09:28:00");
            flow.markChecklistItem("dashboards-captured", true, CAPTAIN, "error rate and p95 panels, 09:00-09:28",
                    "https://grafana.example.com/dashboard/snapshot/Xk29aQ");
            until("09:30:00");
            deliver(new SessionEvent.NoteAdded(clock.instant(), CAPTAIN,
                    "closing the session; postmortem owner dana.okafor"));
            return List.copyOf(events);
        }

        /** What the engine records when a session opens, as a real ingress-nginx environment answers. */
        private void opening() {
            deliver(new SessionEvent.SessionStarted(clock.instant(), "onesource-chat", "3.4.0", "production",
                    CAPTAIN));
            deliver(PlanSummary.of(plan, "production", clock.instant()));
            clock.advance(Duration.ofSeconds(1));
            deliver(new SessionEvent.EnvironmentDescribed(clock.instant(), "production", "ingressNginx",
                    "production", "https://k8s.prod.example.com:6443", "onesource", "dana.okafor@prod",
                    Map.of("stable", "registry.example.com/onesource:3.3.2",
                            "canary", "registry.example.com/onesource:3.4.0"),
                    "dana.okafor@laptop-42"));
            deliver(new SessionEvent.LeaseChanged(clock.instant(), "dana.okafor@laptop-42", true, clock.instant(),
                    clock.instant().plusSeconds(30), "held by this console until " + clock.instant().plusSeconds(30)));
            deliver(new SessionEvent.LastKnownGoodRecorded(clock.instant(), "onesource",
                    Map.of("app", "registry.example.com/onesource:3.3.2"),
                    Map.of("FEATURE_DYNAMIC_PROMPTS", "1", "FEATURE_SUGGESTED_ACTIONS", "1")));
            deliver(new SessionEvent.PreflightChecked(clock.instant(), List.of(
                    new Access("patch ingresses.networking.k8s.io in onesource", "move canary traffic", true, "",
                            true),
                    new Access("patch deployments.apps in onesource", "set images, env and replicas", true, "",
                            false),
                    new Access("get deployments.apps in onesource", "wait for rollouts", true, "", false))));
            deliver(new SessionEvent.EnvironmentChecked(clock.instant(), "router", true,
                    ROUTER + " is set up as the plan says"));
            deliver(new SessionEvent.WeightApplied(clock.instant(), 0, SessionEvent.WeightApplied.PLAIN_READ,
                    ROUTER));
            clock.advance(Duration.ofSeconds(4));
            deliver(new SessionEvent.ProtectedEnvironmentConfirmed(clock.instant(), CAPTAIN, "production"));
            probes();
            flow.tick();
            settle();
        }

        /** The rollback lane: four steps, weight 0 read back after the first. */
        private void rollbackLane(Actor who, String reason) {
            List<String> steps = plan.rollback().steps().stream().map(Action::describe).toList();
            deliver(new SessionEvent.RollbackStarted(clock.instant(), who, reason, steps.size()));
            step(0, steps, Duration.ofSeconds(1), () -> {
                weight = 0;
                deliver(new SessionEvent.WeightApplied(clock.instant(), 0, 0, ROUTER));
                return "read back 0 % from " + ROUTER;
            });
            step(1, steps, Duration.ofSeconds(1), () -> "onesource-canary: canary annotation set to \"false\"");
            step(2, steps, Duration.ofSeconds(2), () -> "onesource: FEATURE_DYNAMIC_PROMPTS=0, "
                    + "FEATURE_SUGGESTED_ACTIONS=0 (generation 41)");
            step(3, steps, Duration.ofSeconds(12), () -> {
                deliver(new SessionEvent.RollbackStepProgress(clock.instant(), 3,
                        "1 of 3 updated replicas are available"));
                clock.advance(Duration.ofSeconds(11));
                deliver(new SessionEvent.RollbackStepProgress(clock.instant(), 3,
                        "2 of 3 updated replicas are available"));
                clock.advance(Duration.ofSeconds(13));
                return "3 of 3 updated replicas are available";
            });
            deliver(new SessionEvent.RollbackFinished(clock.instant(), true, 0, "4 of 4 steps done"));
        }

        private void step(int index, List<String> steps, Duration took, java.util.function.Supplier<String> work) {
            deliver(new SessionEvent.RollbackStepStarted(clock.instant(), index, steps.get(index)));
            clock.advance(took);
            String detail = work.get();
            deliver(new SessionEvent.RollbackStepFinished(clock.instant(), index, steps.get(index), true, detail));
        }

        /** Samples every 15 s (and probes every 30 s) up to {@code time}, the flow ticking after each. */
        private void until(String time) {
            Instant end = Instant.parse("2026-11-22T" + time + "Z");
            Instant next = Instant.ofEpochSecond((clock.instant().getEpochSecond() / 15 + 1) * 15);
            while (!next.isAfter(end)) {
                clock.set(next.isAfter(clock.instant()) ? next : clock.instant());
                scrape();
                if (Duration.between(lastProbes, clock.instant()).toSeconds() >= 30) {
                    probes();
                }
                flow.tick();
                settle();
                next = Instant.ofEpochSecond((clock.instant().getEpochSecond() / 15 + 1) * 15);
            }
            if (clock.instant().isBefore(end)) {
                clock.set(end);
            }
        }

        private void scrape() {
            Instant now = clock.instant();
            double faultMinutes = Math.max(0, Duration.between(Instant.parse("2026-11-22T09:21:00Z"), now)
                    .toSeconds() / 60.0);
            sample(Metric.ERROR_RATE, Track.STABLE, 0.0016 + jitter(0.0004));
            sample(Metric.P95_LATENCY, Track.STABLE, 0.41 + jitter(0.03));
            if (weight == 0) {
                sample(Metric.ERROR_RATE, Track.CANARY, Double.NaN);
                sample(Metric.P95_LATENCY, Track.CANARY, Double.NaN);
            } else {
                sample(Metric.ERROR_RATE, Track.CANARY, 0.0019 + jitter(0.0005) + faultMinutes / 5 * 0.07);
                sample(Metric.P95_LATENCY, Track.CANARY, 0.44 + jitter(0.04) + faultMinutes / 5 * 1.1);
            }
        }

        private void sample(Metric metric, Track track, double value) {
            deliver(new SessionEvent.MetricSample(clock.instant(), track, metric, value,
                    Double.isNaN(value) ? Outcome.NO_DATA : Outcome.PASS,
                    Double.isNaN(value) ? "no requests to the " + track.label() + " in the last 5 min" : ""));
        }

        private double jitter(double amplitude) {
            return (noise.nextDouble() * 2 - 1) * amplitude;
        }

        private void probes() {
            lastProbes = clock.instant();
            Instant now = clock.instant();
            boolean alerting = !now.isBefore(Instant.parse("2026-11-22T09:23:30Z"))
                    && now.isBefore(Instant.parse("2026-11-22T09:27:00Z"));
            deliver(new SessionEvent.ProbeSample(now, "canary-rollout", Outcome.PASS,
                    "onesource-canary: 3 of 3 updated replicas available", Duration.ofMillis(38)));
            deliver(new SessionEvent.ProbeSample(now, "canary-replicas", Outcome.PASS, "3 ready (at least 2)",
                    Duration.ofMillis(35)));
            deliver(new SessionEvent.ProbeSample(now, "no-critical-alerts", alerting ? Outcome.FAIL : Outcome.PASS,
                    alerting ? "1 alert firing: OnesourceCanaryErrorRate" : "no alert firing",
                    Duration.ofMillis(61)));
        }

        private void settle() {
            while (!pending.isEmpty()) {
                pending.poll().run();
            }
        }

        private void deliver(SessionEvent event) {
            events.add(event);
            flow.observe(event);
        }
    }
}
