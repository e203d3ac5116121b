package dev.quarterdeck.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The release flow in a plan: mode, actions as steps, gates with burn-in, abort rules, follow-ups, evidence. */
class ReleaseFlowPlansTest {

    @Test
    void theReleaseFlowLoads() throws Exception {
        ReleasePlan plan = PlanLoader.load(Path.of("src/test/resources/plans/every-kind.yaml"));

        assertThat(plan.mode()).isEqualTo(Mode.ASSISTED);
        assertThat(plan.strict()).isTrue();
        assertThat(plan.steps()).containsExactly(
                new CanaryStep.Perform(new Action.SetImage("checkout-canary", Optional.of("api"),
                        "gcr.io/shop/checkout:2.4.0")),
                new CanaryStep.Perform(new Action.WaitForRollout("checkout-canary", Duration.ofMinutes(5))),
                new CanaryStep.SetWeight(10),
                new CanaryStep.GateCheck("burn-in"),
                new CanaryStep.Perform(new Action.SetEnv("checkout", Optional.empty(),
                        Map.of("FEATURE_DYNAMIC_PROMPTS", "1"))),
                new CanaryStep.SetWeight(100));
        assertThat(plan.gate("burn-in")).contains(new Gate("burn-in", Duration.ofMinutes(30), 2,
                Duration.ofMinutes(10), List.of(
                        new Condition.Threshold(Metric.ERROR_RATE, Track.CANARY, Condition.Bound.MAX, 0.01),
                        new Condition.Comparison(Metric.P95_LATENCY, Condition.Comparison.Kind.CANARY_MINUS_STABLE,
                                Condition.Bound.MAX, 0.1),
                        new Condition.Comparison(Metric.ERROR_RATE, Condition.Comparison.Kind.CANARY_OVER_STABLE,
                                Condition.Bound.MAX, 2),
                        new Condition.Judgement(Metric.P95_LATENCY, 0.95))));
        assertThat(plan.abortRules()).containsExactly(
                new AbortRule("sev1", new Condition.Threshold(Metric.ERROR_RATE, Track.CANARY, Condition.Bound.MAX,
                        0.05), AbortRule.Response.ROLLBACK),
                new AbortRule("sev2", new Condition.Threshold(Metric.ERROR_RATE, Track.CANARY, Condition.Bound.MAX,
                        0.01), AbortRule.Response.ALERT));
        assertThat(plan.followUps()).containsExactly(
                new FollowUp(Duration.ofDays(1), "Observe 24 h of metrics and the error budget", Optional.empty()),
                new FollowUp(Duration.ofHours(48), "48 h soak held the SLOs", Optional.of("burn-in")));
        assertThat(plan.rollback().staged()).contains(new RollbackPlan.Staged(List.of(75, 50, 25, 10, 0),
                Duration.ofMinutes(5)));
        assertThat(plan.rollback().stagedSteps().orElseThrow()).startsWith(
                new Action.SetWeight(75), new Action.Hold(Duration.ofMinutes(5)), new Action.SetWeight(50));
        assertThat(plan.checklist()).extracting(ChecklistItem::evidence).containsExactly(
                Optional.of(new Evidence(Evidence.Kind.FILE, Optional.of(Duration.ofDays(7)))),
                Optional.of(new Evidence(Evidence.Kind.LINK, Optional.empty())));
    }

    @Test
    void releaseFlowMistakesAreReportedWhereTheyWereWritten() {
        assertThat(problems("""
                apiVersion: quarterdeck/v1
                metadata: {name: x, version: "1", owner: me}
                environments:
                  - name: sandbox
                    traffic: {sandbox: {}}
                probes:
                  - id: health
                    http: {service: canary, path: /health}
                checklist:
                  - id: health
                    title: Healthy
                    phase: preflight
                    probe: health
                    evidence: file
                canary:
                  mode: yolo
                  steps:
                    - setWieght: 10
                gates:
                  - name: slo
                    conditions:
                      - {metric: p95-latency, judge: mann-whitney, max: 1s}
                      - {metric: p95-latency, compare: canary-minus-stable, track: canary, max: 100ms}
                abort:
                  - {severity: sev1, when: {metric: error-rate, max: 5%}, then: stagedRollback}
                followUps:
                  - {after: 1d, title: soak, gate: soak}
                rollback:
                  steps: [{setWeight: 0}]
                  staged: {weights: [50, 75, 10], hold: 5m}
                """)).containsExactly(
                "p.yaml:14:15: checklist item 'health' is automatic (probe 'health'): evidence is for items a person "
                        + "ticks",
                "p.yaml:16:9: 'mode' of the canary must be manual, assisted or automatic, found 'yolo'",
                "p.yaml:18:7: unknown key 'setWieght' in a canary step: did you mean 'setWeight'? (expected one of: "
                        + "pause, gate, setWeight, disableCanary, setImage, rolloutUndo, waitForRollout, setEnv, "
                        + "scale, suspendCronJob, resumeCronJob, runProbes, approval, hold)",
                "p.yaml:22:57: a Mann-Whitney judgement in gate 'slo' compares canary with stable by itself: it "
                        + "takes no 'max'",
                "p.yaml:23:68: a comparison in gate 'slo' judges canary against stable: it has no 'track'",
                "p.yaml:27:36: this follow-up refers to gate 'soak', which does not exist in 'gates' (defined: slo)",
                "p.yaml:30:11: the staged rollback's 'weights' must step down to 0, such as [75, 50, 25, 10, 0]",
                "p.yaml:30:11: the staged rollback's weights must go down, but 75 follows 50");
    }

    @Test
    void anAbortRuleThatAsksForAStagedRollbackNeedsOne() {
        assertThat(problems("""
                apiVersion: quarterdeck/v1
                metadata: {name: x, version: "1", owner: me}
                environments:
                  - name: sandbox
                    traffic: {sandbox: {}}
                abort:
                  - {severity: sev2, when: {metric: error-rate, max: 1%}, then: stagedRollback}
                """)).containsExactly("p.yaml:7:65: abort rule 'sev2' asks for a staged rollback, but the rollback "
                + "section has no 'staged' weights");
    }

    @Test
    void anApprovalSaysWhetherADeclineStopsTheRunOrSkipsTheStep() throws Exception {
        ReleasePlan plan = PlanLoader.parse("p.yaml", """
                apiVersion: quarterdeck/v1
                metadata: {name: x, version: "1", owner: me}
                environments:
                  - name: sandbox
                    traffic: {sandbox: {}}
                rollback:
                  steps:
                    - setWeight: 0
                    - approval: {approver: db-owner, title: Roll back the database, ifDeclined: skip}
                    - approval: {approver: release-captain, title: Deployments frozen, ifDeclined: stop}
                    - approval: {approver: release-captain, title: Smoke checks pass}
                """);

        assertThat(plan.rollback().steps()).containsExactly(new Action.SetWeight(0),
                new Action.Approval("db-owner", "Roll back the database", true),
                new Action.Approval("release-captain", "Deployments frozen", false),
                new Action.Approval("release-captain", "Smoke checks pass", false));
        assertThat(plan.rollback().steps().get(1).describe())
                .isEqualTo("approval by db-owner: Roll back the database (skipped if declined)");
        assertThat(problems("""
                apiVersion: quarterdeck/v1
                metadata: {name: x, version: "1", owner: me}
                environments:
                  - name: sandbox
                    traffic: {sandbox: {}}
                rollback:
                  steps:
                    - approval: {approver: db-owner, title: Roll back the database, ifDeclined: ignore}
                """)).containsExactly("p.yaml:8:81: 'ifDeclined' of approval in the rollback must be stop (the run "
                + "stops there) or skip (only this step is left out), found 'ignore'");
    }

    @Test
    void anEnvironmentWithoutACanaryRouterReleasesByItsSteps() throws Exception {
        ReleasePlan plan = PlanLoader.parse("p.yaml", """
                apiVersion: quarterdeck/v1
                metadata: {name: x, version: "1", owner: me}
                environments:
                  - name: production
                    kubernetes: {namespace: hub}
                    traffic: {none: {}}
                canary:
                  steps:
                    - approval: {approver: release-captain, title: Deploy workflow run for production}
                    - waitForRollout: {deployment: api, timeout: 3m}
                rollback:
                  steps:
                    - setImage: {deployment: api, image: last-known-good}
                """);

        assertThat(plan.environment("production").orElseThrow().traffic()).isEqualTo(new TrafficSpec.None());
        assertThat(plan.environment("production").orElseThrow().traffic().kind()).isEqualTo("none");
        assertThat(plan.stepWeights()).isEmpty();
    }

    @Test
    void anEnvironmentWithoutACanaryRouterRefusesWhatMovesTraffic() {
        assertThat(problems("""
                apiVersion: quarterdeck/v1
                metadata: {name: x, version: "1", owner: me}
                environments:
                  - name: production
                    kubernetes: {namespace: hub}
                    traffic: {none: {weight: 10}}
                canary:
                  steps:
                    - setWeight: 10
                    - disableCanary: {}
                rollback:
                  steps: [{setWeight: 0}]
                  staged: {weights: [50, 0], hold: 5m}
                """)).containsExactly(
                "p.yaml:6:22: 'none' (no canary router) of environment 'production' takes no settings, found "
                        + "'weight': write none: {}",
                "p.yaml:9:18: this step moves canary traffic, but environment 'production' has no canary router "
                        + "(traffic: none)",
                "p.yaml:10:22: this step moves canary traffic, but environment 'production' has no canary router "
                        + "(traffic: none)",
                "p.yaml:12:23: this step moves canary traffic, but environment 'production' has no canary router "
                        + "(traffic: none)",
                "p.yaml:13:11: this step moves canary traffic, but environment 'production' has no canary router "
                        + "(traffic: none)");
        assertThat(problems("""
                apiVersion: quarterdeck/v1
                metadata: {name: x, version: "1", owner: me}
                environments:
                  - name: sandbox
                    traffic: {sandbox: {}}
                  - name: production
                    traffic:
                      none: {}
                """)).containsExactly("p.yaml:8:7: environment 'production' has no canary router, so the default "
                + "rollback (canary weight to 0) cannot run there: say what rolling back does under 'rollback', such "
                + "as {rolloutUndo: api}");
    }

    private static List<String> problems(String text) {
        try {
            PlanLoader.parse("p.yaml", text);
        } catch (PlanException e) {
            return e.problems().stream().map(PlanProblem::toString).toList();
        }
        throw new AssertionError("expected the plan to be rejected");
    }
}
