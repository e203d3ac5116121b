package dev.quarterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarterdeck.sandbox.CanaryFaults;
import dev.quarterdeck.sandbox.Sandbox;
import dev.quarterdeck.sandbox.SandboxConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code quarterdeck gate} and {@code quarterdeck rollback} as CI runs them: against a real sandbox on loopback
 * (its stable and canary services, its router's admin API), judged by exit code and JSON report.
 */
class HeadlessCommandsTest {
    @TempDir
    Path dir;

    private Sandbox sandbox;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startSandbox() throws Exception {
        sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(200).withInitialCanaryWeight(50));
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    private static final String SLO = """
            conditions:
              - {metric: error-rate, track: canary, max: 1%}
            """;

    private Path plan(String gate) throws Exception {
        return Files.writeString(dir.resolve("checkout.yaml"), """
                apiVersion: quarterdeck/v1
                metadata: {name: checkout, version: "2.4.0", owner: payments}
                environments:
                  - name: staging
                    traffic: {sandbox: {url: "%s"}}
                    services: {stable: "%s", canary: "%s", status: "http://127.0.0.1:9"}
                    metrics:
                      scrape: {interval: 500ms, window: 3s}
                probes:
                  - {id: canary-health, http: {service: canary, path: /health}}
                  - {id: status-page, timeout: 1s, http: {service: status, path: /health}}
                checklist:
                  - {id: canary-healthy, title: Canary answers /health, phase: preflight, probe: canary-health}
                  - {id: on-call, title: On-call knows, phase: preflight}
                  - {id: status-page, title: Status page answers, phase: canary, probe: status-page}
                canary:
                  steps:
                    - setWeight: 50
                    - gate: slo
                gates:
                  - name: slo
                %s
                rollback:
                  staged: {weights: [25, 0], hold: 1s}
                  steps:
                    - setWeight: 0
                """.formatted(sandbox.adminUrl(), sandbox.stableUrl(), sandbox.canaryUrl(), gate.indent(4)));
    }

    private int run(String... args) {
        CommandLine cli = QuarterdeckCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aHealthyCanaryPassesTheGateWithAReportOfEveryValue() throws Exception {
        Path report = dir.resolve("out/gate.json");
        int exit = run("gate", plan("""
                conditions:
                  - {metric: error-rate, track: canary, max: 1%}
                  - {metric: p95-latency, compare: canary-minus-stable, max: 100ms}
                """).toString(), "--env", "staging", "--phase", "preflight", "--output", report.toString(),
                "--sample-for", "4s");

        assertThat(err.toString()).isEmpty();
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("check canary-healthy").contains("gate  slo").endsWith("gate: PASS\n");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("schema").asText()).isEqualTo("quarterdeck/gate-report/v1");
        assertThat(json.path("verdict").asText()).isEqualTo("pass");
        assertThat(json.path("exitCode").asInt()).isZero();
        assertThat(json.path("checks")).hasSize(2);
        JsonNode health = json.path("checks").get(0);
        assertThat(health.path("id").asText()).isEqualTo("canary-healthy");
        assertThat(health.path("verdict").asText()).isEqualTo("pass");
        assertThat(health.path("observed").asText()).contains("HTTP 200");
        assertThat(json.path("checks").get(1).path("verdict").asText()).isEqualTo("manual");
        JsonNode gate = json.path("gates").get(0);
        assertThat(gate.path("verdict").asText()).isEqualTo("pass");
        JsonNode errors = gate.path("conditions").get(0);
        assertThat(errors.path("condition").asText()).isEqualTo("canary error-rate ≤ 1%");
        assertThat(errors.path("observed").asDouble()).isEqualTo(errors.path("canary").asDouble());
        assertThat(errors.path("threshold").asDouble()).isEqualTo(0.01);
        assertThat(gate.path("conditions").get(1).path("stable").isNumber()).isTrue();
    }

    @Test
    void aFailingCanaryFailsTheGateWithExitOne() throws Exception {
        sandbox.setCanaryFaults(new CanaryFaults(0.3, Duration.ZERO));
        Path report = dir.resolve("gate.json");

        int exit = run("gate", plan("""
                maxFailures: 1
                conditions:
                  - {metric: error-rate, track: canary, max: 1%}
                """).toString(), "--env", "staging", "--output", report.toString(), "--sample-for", "4s");

        assertThat(exit).as(out.toString()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("verdict").asText()).isEqualTo("fail");
        JsonNode condition = json.path("gates").get(0).path("conditions").get(0);
        assertThat(condition.path("verdict").asText()).isEqualTo("fail");
        assertThat(condition.path("observed").asDouble()).isGreaterThan(0.1);
        JsonNode statusPage = json.path("checks").get(2);
        assertThat(statusPage.path("verdict").asText()).as("the canary-phase check").isEqualTo("error");
        assertThat(statusPage.path("observed").asText()).contains("127.0.0.1:9");
        assertThat(out.toString()).endsWith("gate: FAIL\n");
    }

    @Test
    void aBurnInNotYetHeldIsNotAPass() throws Exception {
        int exit = run("gate", plan("""
                holdFor: 30m
                conditions:
                  - {metric: error-rate, track: canary, max: 1%}
                """).toString(), "--env", "staging", "--gate", "slo", "--phase", "preflight", "--sample-for", "3s");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).containsPattern("gate  slo +HOLDING +held [\\d.]+ s of 30 min");
    }

    @Test
    void aBrokenPlanOrAnUnknownEnvironmentIsAnErrorWithExitTwo() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "apiVersion: quarterdeck/v1\nmetadata: [\n");
        assertThat(run("gate", broken.toString(), "--env", "staging")).isEqualTo(2);
        assertThat(err.toString()).contains(broken + ":");

        assertThat(run("gate", plan(SLO).toString(), "--env", "prod")).isEqualTo(2);
        assertThat(err.toString()).contains("plan 'checkout' has no environment 'prod' (it has: staging)");
        assertThat(run("gate", plan(SLO).toString(), "--env", "staging", "--gate", "nope"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("plan 'checkout' has no gate 'nope'");
    }

    @Test
    void rollbackSendsAllTrafficBackToStableAndExitsZero() throws Exception {
        int exit = run("rollback", plan(SLO).toString(), "--env", "staging", "--reason", "CI drill");

        assertThat(exit).as(out + "" + err).isZero();
        assertThat(sandbox.canaryWeight()).isZero();
        assertThat(out.toString()).contains("rollback started by ").contains("(CI drill): 1 steps")
                .contains("step 1 done: read back 0%").endsWith("rollback: DONE\n");
    }

    @Test
    void theStagedRollbackStepsTheWeightDown() throws Exception {
        int exit = run("rollback", plan(SLO).toString(), "--env", "staging", "--staged");

        assertThat(exit).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("step 1: set canary weight to 25%").contains("step 2: hold for 1 s").contains("step 2 done: held 1 s")
                .contains("step 3: set canary weight to 0%");
        assertThat(sandbox.canaryWeight()).isZero();
    }
}
