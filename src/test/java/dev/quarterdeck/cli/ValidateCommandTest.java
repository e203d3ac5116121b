package dev.quarterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = QuarterdeckCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aValidPlanExitsZero() {
        int exit = run("validate", "resources/plans/sandbox.yaml");
        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("resources/plans/sandbox.yaml: valid (sandbox-checkout 1.5.0-rc.1: "
                + "1 environment, 6 checklist items, 8 canary steps, 1 gate)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aTypoExitsTwoAndPointsAtItsLineAndColumn() throws IOException {
        Path plan = dir.resolve("typo.yaml");
        Files.writeString(plan, """
                apiVersion: quarterdeck/v1
                metadata: {name: checkout, version: "2.0", owner: payments}
                environments:
                  - name: production
                    protectd: true
                    traffic: {sandbox: {}}
                """);
        int exit = run("validate", plan.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(plan + ":5:5: unknown key 'protectd' in environment 'production': "
                + "did you mean 'protected'?");
        assertThat(err.toString()).endsWith(plan + ": 1 error" + System.lineSeparator());
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingFileIsAnErrorNotAStackTrace() {
        int exit = run("validate", dir.resolve("nope.yaml").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("nope.yaml:1:1: no such file").doesNotContain("\tat ");
    }
}
