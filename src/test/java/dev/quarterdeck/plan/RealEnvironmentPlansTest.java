package dev.quarterdeck.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Plans for real environments: Kubernetes routers, Kong, Prometheus, the richer probes and rollback steps. */
class RealEnvironmentPlansTest {

    @Test
    void everyKindOfRouterProbeAndRollbackStepLoads() throws Exception {
        ReleasePlan plan = PlanLoader.load(Path.of("src/test/resources/plans/every-kind.yaml"));

        Environment staging = plan.environment("staging").orElseThrow();
        assertThat(staging.traffic()).isEqualTo(new TrafficSpec.IngressNginx("checkout-canary", Optional.of("checkout"),
                Optional.of("X-Canary"), Optional.of("always"), Optional.of("canary"), 100));
        assertThat(staging.kubernetes().orElseThrow().deployments()).containsEntry("canary", "checkout-canary");
        assertThat(((MetricsSpec.Prometheus) staging.metrics()).query(Metric.ERROR_RATE, Track.CANARY, "5m"))
                .isEqualTo("sum(rate(http_requests_total{track=\"canary\",code=~\"5..\"}[5m])) / "
                        + "sum(rate(http_requests_total{track=\"canary\"}[5m]))");
        Environment production = plan.environment("production").orElseThrow();
        assertThat(production.lock()).contains(new EnvironmentLock("leadership",
                "Production waits for leadership's sign-off"));
        assertThat(production.traffic()).isEqualTo(new TrafficSpec.GatewayApi("checkout", java.util.OptionalInt.of(0),
                "checkout-stable", "checkout-canary"));
        Environment edge = plan.environment("edge").orElseThrow();
        assertThat(edge.traffic()).isInstanceOfSatisfying(TrafficSpec.Kong.class, k ->
                assertThat(k.token()).contains(ValueTemplate.of("${env:KONG_ADMIN_TOKEN}")));
        assertThat(edge.services()).containsOnlyKeys("stable", "canary");
        assertThat(edge.serviceTemplates()).containsExactly(Map.entry("admin", ValueTemplate.of("${env:EDGE_ADMIN_URL}")));

        ProbeSpec.Http health = (ProbeSpec.Http) plan.probe("admin-health").orElseThrow().spec();
        assertThat(health.headers().get("Authorization").variables()).containsExactly("RELEASE_ADMIN_API_TOKEN");
        assertThat(health.json()).containsExactly(
                new JsonAssertion(List.of("summary", "health"), JsonAssertion.Operator.EQUALS, "ok",
                        "summary.health == \"ok\""),
                new JsonAssertion(List.of("rolesBlocked"), JsonAssertion.Operator.EQUALS, new BigDecimal("0"),
                        "rolesBlocked == 0"));
        assertThat(plan.probe("cron").orElseThrow().spec()).isEqualTo(new ProbeSpec.Kubernetes(
                new ProbeSpec.KubernetesCheck.CronJobSuspended("billing-drill", true)));
        assertThat(plan.probe("canary-errors").orElseThrow().spec()).isEqualTo(new ProbeSpec.PrometheusQuery(
                "sum(rate(errors{track=\"canary\"}[5m]))", Condition.Bound.MAX, 0.01));
        assertThat(plan.rollback().steps()).hasSize(11)
                .contains(new Action.SetImage("checkout", Optional.of("api"), "last-known-good"),
                        new Action.SuspendCronJob("billing-reconcile", false),
                        new Action.Approval("db-owner", "Restore the database from the latest logical dump", true));
    }

    @Test
    void serviceUrlsFromEnvironmentVariablesAreBoundWhenASessionStarts() throws Exception {
        ReleasePlan plan = PlanLoader.parse("p.yaml", """
                apiVersion: quarterdeck/v1
                metadata: {name: x, version: "1", owner: me}
                environments:
                  - name: production
                    traffic: {none: {}}
                    services:
                      api: ${env:RELEASE_API_BASE_URL}
                      web: "https://${env:WEB_HOST}/app"
                      docs: https://docs.example.com
                      admin: ${env:ADMIN_URL}
                probes:
                  - id: api-health
                    http: {service: api, path: /health}
                rollback:
                  steps: [{approval: {approver: release-captain, title: API back on the previous artifact}}]
                """);
        Environment declared = plan.environment("production").orElseThrow();
        assertThat(declared.services()).containsOnlyKeys("docs");
        assertThat(declared.serviceTemplates()).containsOnlyKeys("api", "web", "admin");

        Environment bound = declared.bindVariables(Map.of("RELEASE_API_BASE_URL", "http://127.0.0.1:4100",
                "WEB_HOST", "web.example.com", "ADMIN_URL", "https://ops:s3cret@admin.example.com")::get);

        assertThat(bound.service("api")).contains(URI.create("http://127.0.0.1:4100"));
        assertThat(bound.service("web")).contains(URI.create("https://web.example.com/app"));
        assertThat(bound.service("docs")).contains(URI.create("https://docs.example.com"));
        assertThat(bound.service("admin")).as("credentials in a URL are never used").isEmpty();
        assertThat(bound.serviceTemplates()).containsOnlyKeys("admin");
        assertThat(declared.bindVariables(Map.<String, String>of()::get).services()).containsOnlyKeys("docs");
        assertThat(declared.bindVariables(Map.of("RELEASE_API_BASE_URL", "api.example.com")::get).service("api"))
                .as("not an http(s) URL").isEmpty();
    }

    @Test
    void aServiceFromTheEnvironmentCountsAsBoundWhenThePlanIsChecked() {
        assertThat(problems("""
                apiVersion: quarterdeck/v1
                metadata: {name: x, version: "1", owner: me}
                environments:
                  - name: production
                    traffic: {none: {}}
                    services: {api: "${env:RELEASE_API_BASE_URL}", web: "not a url"}
                probes:
                  - id: web-home
                    http: {service: www, path: /}
                rollback:
                  steps: [{approval: {approver: release-captain, title: Web back on the previous artifact}}]
                """)).containsExactly(
                "p.yaml:6:57: service 'web' of environment 'production' must be an http(s) URL such as "
                        + "https://api.example.com, found 'not a url'",
                "p.yaml:9:21: probe 'web-home' checks service 'www', which environment 'production' does not bind "
                        + "(it has: api)");
    }

    @Test
    void secretsWrittenIntoAPlanAreRefused() {
        assertThat(problems("""
                apiVersion: quarterdeck/v1
                metadata: {name: x, version: "1", owner: me}
                environments:
                  - name: edge
                    traffic:
                      kong: {adminUrl: "http://kong:8001", upstream: u, stableTarget: a, canaryTarget: b, token: s3cr3t}
                    services: {stable: "http://a:1", canary: "https://user:pw@b:2"}
                probes:
                  - id: admin
                    http:
                      url: https://api.example.com/health
                      headers: {Authorization: Bearer abc123, X-Request-Source: quarterdeck}
                """)).containsExactly(
                "p.yaml:6:98: 'token' of the Kong router of environment 'edge' holds a secret written into the plan: "
                        + "reference an environment variable instead, such as ${env:KONG_ADMIN_TOKEN}",
                "p.yaml:7:46: service 'canary' of environment 'edge' carries credentials in the URL: put them in an "
                        + "environment variable and reference it, such as ${env:TOKEN}, in a header or token",
                "p.yaml:12:32: header 'Authorization' of probe 'admin' holds a secret written into the plan: "
                        + "reference an environment variable instead, such as ${env:TOKEN}");
    }

    @Test
    void whatProbesGatesAndStepsNeedOfTheirEnvironmentsIsChecked() {
        assertThat(problems("""
                apiVersion: quarterdeck/v1
                metadata: {name: x, version: "1", owner: me}
                environments:
                  - name: sandbox
                    traffic: {sandbox: {}}
                  - name: prod
                    kubernetes: {namespace: shop}
                    traffic: {gatewayApi: {route: r, stableBackend: s, canaryBackend: c}}
                    metrics: {prometheus: {url: "http://prom:9090", queries: {error-rate: "up"}}}
                probes:
                  - id: errors
                    prometheus: {query: up, max: 1%}
                  - id: rollout
                    environments: [prod]
                    kubernetes: {rolloutComplete: checkout}
                gates:
                  - name: slo
                    conditions: [{metric: p95-latency, max: 1s}]
                rollback:
                  steps:
                    - setImage: {deployment: checkout, image: last-known-good}
                """)).containsExactly(
                "p.yaml:12:17: probe 'errors' asks Prometheus, but environment 'sandbox' has no metrics.prometheus; "
                        + "limit the probe with 'environments' or add one",
                "p.yaml:18:27: a condition judges p95-latency, but environment 'prod' has no query for it under "
                        + "metrics.prometheus.queries",
                "p.yaml:21:17: this step changes Kubernetes, but environment 'sandbox' is not in Kubernetes: "
                        + "give it a 'kubernetes' section (context, namespace)");
    }

    @Test
    void probeMistakesNameWhatWasExpected() {
        assertThat(problems("""
                apiVersion: quarterdeck/v1
                metadata: {name: x, version: "1", owner: me}
                environments:
                  - name: sandbox
                    traffic: {sandbox: {}}
                probes:
                  - id: both
                    http: {service: canary, url: "http://x"}
                  - id: json
                    http:
                      service: canary
                      method: FETCH
                      json: ['summary.health = "ok"', 'count > "many"', 'state == ok']
                rollback:
                  steps:
                    - runProbes: [json, smoke]
                """)).containsExactly(
                "p.yaml:8:11: the http check of probe 'both' needs either 'service' (with 'path') or 'url', not both",
                "p.yaml:12:15: 'method' of probe 'json' must be one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, "
                        + "found 'FETCH'",
                "p.yaml:13:14: 'json' of probe 'json': 'summary.health = \"ok\"' is not a field assertion; "
                        + JsonAssertions.HINT,
                "p.yaml:13:39: 'json' of probe 'json': '>' compares numbers; '\"many\"' is not a number",
                "p.yaml:13:57: 'json' of probe 'json': the value in 'state == ok' must be a JSON literal: a "
                        + "\"quoted string\", a number, true, false or null",
                "p.yaml:16:25: runProbes in the rollback refers to probe 'smoke', which does not exist in 'probes' "
                        + "(defined: both, json)");
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
