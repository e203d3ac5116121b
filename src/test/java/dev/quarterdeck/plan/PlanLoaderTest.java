package dev.quarterdeck.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanLoaderTest {

    private static final String VALID = """
            apiVersion: quarterdeck/v1
            metadata:
              name: checkout
              version: 1.10
              owner: payments-team
            environments:
              - name: staging
                traffic:
                  sandbox: {}
              - name: production
                protected: true
                traffic:
                  sandbox: {url: http://127.0.0.1:8080, requestsPerSecond: 0}
                metrics:
                  scrape: {interval: 2s, window: 1m}
                services:
                  stable: http://127.0.0.1:9001
                  canary: http://127.0.0.1:9002
            probes:
              - id: canary-health
                interval: 5s
                http: {service: canary, path: /health, expectStatus: 200}
            checklist:
              - id: health
                title: Canary healthy
                phase: preflight
                probe: canary-health
              - id: notes
                title: Release notes out
                phase: post-launch
                required: false
                environments: [production]
            canary:
              steps:
                - setWeight: 10
                - pause: 90s
                - gate: slo
                - pause: {}
                - pause: {duration: 1h30m}
                - setWeight: 100
            gates:
              - name: slo
                conditions:
                  - {metric: error-rate, track: canary, max: 1%}
                  - {metric: p95-latency, max: 250ms}
                  - {metric: request-rate, track: stable, min: 5}
            rollback:
              steps:
                - setWeight: 0
            """;

    @Test
    void aValidPlanBecomesRecords() throws PlanException {
        ReleasePlan plan = PlanLoader.parse("checkout.yaml", VALID);

        assertThat(plan.metadata().version()).as("a version is text, not a float").isEqualTo("1.10");
        assertThat(plan.environments()).extracting(Environment::name).containsExactly("staging", "production");
        Environment production = plan.environment("production").orElseThrow();
        assertThat(production.isProtected()).isTrue();
        assertThat(production.traffic()).isEqualTo(new TrafficSpec.Sandbox(
                Optional.of(java.net.URI.create("http://127.0.0.1:8080")), 0));
        assertThat(production.metrics().window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(plan.environment("staging").orElseThrow().traffic())
                .isEqualTo(new TrafficSpec.Sandbox(Optional.empty(), 50));
        assertThat(plan.steps()).containsExactly(
                new CanaryStep.SetWeight(10),
                new CanaryStep.Pause(Optional.of(Duration.ofSeconds(90))),
                new CanaryStep.GateCheck("slo"),
                new CanaryStep.Pause(Optional.empty()),
                new CanaryStep.Pause(Optional.of(Duration.ofMinutes(90))),
                new CanaryStep.SetWeight(100));
        assertThat(plan.stepWeights()).containsExactly(10, 100);
        assertThat(plan.gate("slo").orElseThrow().conditions()).containsExactly(
                new Condition.Threshold(Metric.ERROR_RATE, Track.CANARY, Condition.Bound.MAX, 0.01),
                new Condition.Threshold(Metric.P95_LATENCY, Track.CANARY, Condition.Bound.MAX, 0.25),
                new Condition.Threshold(Metric.REQUEST_RATE, Track.STABLE, Condition.Bound.MIN, 5));
        assertThat(plan.checklist()).extracting(ChecklistItem::automatic).containsExactly(true, false);
        assertThat(plan.checklist().get(1).required()).isFalse();
        assertThat(plan.checklist().get(1).appliesTo("production")).isTrue();
        assertThat(plan.checklist().get(1).appliesTo("staging")).isFalse();
        assertThat(plan.checklist().get(0).appliesTo("staging")).isTrue();
        assertThat(plan.rollback().steps()).containsExactly(new Action.SetWeight(0));
    }

    @Test
    void withoutARollbackSectionRollbackStillSendsAllTrafficToStable() throws PlanException {
        ReleasePlan plan = PlanLoader.parse("p.yaml", minimal(""));
        assertThat(plan.rollback()).isEqualTo(RollbackPlan.weightToZero());
    }

    @Test
    void theBuiltInSandboxPlanLoadsFromTheClasspath() throws PlanException {
        ReleasePlan plan = PlanLoader.loadResource(PlanLoader.BUILT_IN_SANDBOX);
        assertThat(plan.environments()).singleElement()
                .satisfies(env -> assertThat(env.traffic()).isInstanceOf(TrafficSpec.Sandbox.class));
        assertThat(plan.stepWeights()).containsExactly(10, 25, 50, 100);
    }

    @Test
    void aTypoInAKeyIsAnErrorWithASuggestion() {
        String plan = minimal("""
                gates:
                  - name: slo
                    conditons:
                      - {metric: error-rate, max: 1%}
                """);
        assertThat(problems(plan)).containsExactlyInAnyOrder(
                "p.yaml:10:5: gate 'slo' needs at least one condition under 'conditions', such as "
                        + "{metric: error-rate, track: canary, max: 1%}",
                "p.yaml:11:5: unknown key 'conditons' in gate 'slo': did you mean 'conditions'? "
                        + "(expected one of: name, holdFor, maxFailures, window, conditions)");
    }

    @Test
    void weightsOutsideZeroToHundredAreErrors() {
        String plan = minimal("""
                canary:
                  steps:
                    - setWeight: 101
                    - setWeight: -5
                    - setWeight: ten
                """);
        assertThat(problems(plan)).containsExactly(
                "p.yaml:11:18: setWeight must be a whole number from 0 to 100, found '101'",
                "p.yaml:12:18: setWeight must be a whole number from 0 to 100, found '-5'",
                "p.yaml:13:18: setWeight must be a whole number from 0 to 100, found 'ten'");
    }

    @Test
    void durationsThatDoNotParseAreErrors() {
        String plan = minimal("""
                canary:
                  steps:
                    - pause: 5 minutes
                    - pause: {duration: 1y}
                """);
        assertThat(problems(plan)).containsExactly(
                "p.yaml:11:14: pause: '5 minutes' is not a duration; " + Quantities.DURATION_HINT,
                "p.yaml:12:25: 'duration' of pause: '1y' is not a duration; " + Quantities.DURATION_HINT);
    }

    @Test
    void referencesToGatesProbesAndEnvironmentsThatDoNotExistAreErrors() {
        String plan = minimal("""
                checklist:
                  - id: smoke
                    title: Smoke passes
                    phase: preflight
                    probe: smoke-test
                    environments: [production]
                canary:
                  steps:
                    - gate: slo
                """);
        assertThat(problems(plan)).containsExactly(
                "p.yaml:13:12: checklist item 'smoke' refers to probe 'smoke-test', which does not exist in "
                        + "'probes' (none are defined)",
                "p.yaml:14:20: checklist item 'smoke' refers to environment 'production', which does not exist "
                        + "in 'environments' (defined: sandbox)",
                "p.yaml:17:13: this canary step refers to gate 'slo', which does not exist in 'gates' "
                        + "(none are defined)");
    }

    @Test
    void missingRequiredKeysPointAtTheirMapping() {
        String plan = """
                apiVersion: quarterdeck/v1
                metadata:
                  name: x
                environments: []
                """;
        assertThat(problems(plan)).containsExactly(
                "p.yaml:1:1: the plan needs at least one environment under 'environments'",
                "p.yaml:3:3: metadata is missing 'version': expected the version being released, such as 1.5.0",
                "p.yaml:3:3: metadata is missing 'owner': expected who owns the release, a person or a team");
    }

    @Test
    void wrongShapesAndValuesNameWhatWasExpected() {
        String plan = """
                apiVersion: quarterdeck/v2
                metadata: [a, b]
                environments:
                  - name: prod env
                    protected: yes
                    traffic: {sandbox: {url: ftp://example.com}, nginx: {}}
                gates:
                  - name: slo
                    conditions:
                      - {metric: error-rate, track: blue, max: 1%, min: 0}
                      - {metric: p99-latency, max: 2 seconds}
                """;
        assertThat(problems(plan)).containsExactly(
                "p.yaml:1:13: apiVersion 'quarterdeck/v2' is not supported: this Quarterdeck reads 'quarterdeck/v1'",
                "p.yaml:2:11: metadata must be a mapping of keys to values, found a list",
                "p.yaml:4:11: 'prod env' is not a valid name: use letters, digits, '.', '_' and '-', starting with "
                        + "a letter or digit, at most 63 characters",
                "p.yaml:5:16: 'protected' of environment 'prod env' must be true or false, found 'yes'",
                "p.yaml:6:30: 'url' of the sandbox router of environment 'prod env' must be an http(s) URL such as "
                        + "https://api.example.com, found 'ftp://example.com'",
                "p.yaml:6:50: unknown key 'nginx' in traffic of environment 'prod env' (expected one of: sandbox, "
                        + "ingressNginx, gatewayApi, kong, none)",
                "p.yaml:10:9: a condition of gate 'slo' has max and min: choose exactly one of max, min",
                "p.yaml:10:37: track of a condition of gate 'slo' must be 'canary' or 'stable', found 'blue'",
                "p.yaml:11:36: 'max' of p99-latency in gate 'slo': '2 seconds' is not a duration; "
                        + Quantities.DURATION_HINT);
    }

    @Test
    void duplicatesAreErrorsThatPointAtBothPlaces() {
        String plan = minimal("""
                gates:
                  - name: slo
                    conditions: [{metric: error-rate, max: 1%}]
                  - name: slo
                    conditions: [{metric: error-rate, max: 2%}]
                    name: again
                """);
        assertThat(problems(plan)).containsExactly(
                "p.yaml:12:5: duplicate gate 'slo' (first defined at 10:5)",
                "p.yaml:14:5: duplicate key 'name' (first written at 12:5)");
    }

    @Test
    void aProbeMayOnlyCheckAServiceItsEnvironmentsBind() {
        String plan = """
                apiVersion: quarterdeck/v1
                metadata: {name: x, version: "1", owner: me}
                environments:
                  - name: remote
                    traffic: {sandbox: {url: "http://127.0.0.1:8080"}}
                    services: {stable: "http://127.0.0.1:1", canary: "http://127.0.0.1:2"}
                  - name: local
                    traffic: {sandbox: {}}
                probes:
                  - id: web
                    http: {service: router}
                """;
        assertThat(problems(plan)).containsExactly(
                "p.yaml:11:21: probe 'web' checks service 'router', which environment 'remote' does not bind "
                        + "(it has: canary, stable)");
    }

    @Test
    void yamlSyntaxErrorsAndAliasesAreReportedWithTheirPlace() {
        assertThat(problems("apiVersion: quarterdeck/v1\nmetadata:\n  name: x\n version: 2\n"))
                .singleElement().asString()
                .startsWith("p.yaml:4:2: YAML syntax error:");
        assertThat(problems(minimal("") + "extra: &a 1\nother: *a\n"))
                .contains("p.yaml:10:8: YAML aliases ('*a') are not supported in plans: write the value out");
        assertThat(problems("")).containsExactly("p.yaml:1:1: the plan is empty: expected a mapping with "
                + "'apiVersion', 'metadata', 'environments' and the rest");
    }

    private static String minimal(String more) {
        return """
                apiVersion: quarterdeck/v1
                metadata:
                  name: x
                  version: "1"
                  owner: me
                environments:
                  - name: sandbox
                    traffic: {sandbox: {}}
                """ + more;
    }

    private static List<String> problems(String text) {
        try {
            PlanLoader.parse("p.yaml", text);
        } catch (PlanException e) {
            return e.problems().stream().map(PlanProblem::toString).toList();
        }
        throw new AssertionError("expected the plan to be rejected:\n" + text);
    }

    @Test
    void aPlanWithProblemsIsNeverReturned() {
        assertThatThrownBy(() -> PlanLoader.parse("p.yaml", minimal("bogus: 1\n")))
                .isInstanceOf(PlanException.class)
                .hasMessage("p.yaml:9:1: unknown key 'bogus' in the plan (expected one of: apiVersion, metadata, "
                        + "environments, probes, checklist, strict, canary, gates, rollback, abort, followUps)");
    }
}
