package dev.quarterdeck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden files under {@code src/test/resources/reports/}. A test compares what it made with its golden file,
 * and always leaves what it made in {@code target/reports/} to read. Goldens change only on purpose:
 * {@code ./mvnw test -Dtest=ReportGoldenTest -Dquarterdeck.goldens=update} writes them, and the diff is then
 * reviewed like code.
 */
final class Goldens {
    static final Path DIRECTORY = Path.of("src/test/resources/reports");
    static final Path ACTUAL = Path.of("target/reports");
    static final String UPDATE = "quarterdeck.goldens";

    private Goldens() {}

    static void check(String name, String actual) throws IOException {
        Files.createDirectories(ACTUAL);
        Files.writeString(ACTUAL.resolve(name), actual, StandardCharsets.UTF_8);
        Path golden = DIRECTORY.resolve(name);
        if ("update".equals(System.getProperty(UPDATE))) {
            Files.createDirectories(DIRECTORY);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            fail("no golden file " + golden + "; look at " + ACTUAL.resolve(name) + " and, if it is right, write it "
                    + "with -D" + UPDATE + "=update");
        }
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            List<String> e = expected.lines().toList();
            List<String> a = actual.lines().toList();
            int line = 0;
            while (line < Math.min(e.size(), a.size()) && e.get(line).equals(a.get(line))) {
                line++;
            }
            fail(name + " differs from its golden file at line " + (line + 1) + ":\n  golden: "
                    + (line < e.size() ? e.get(line) : "(end)") + "\n  actual: " + (line < a.size() ? a.get(line)
                            : "(end)") + "\nWhat was made is in " + ACTUAL.resolve(name) + "; if the change is meant, "
                    + "rewrite the goldens with -D" + UPDATE + "=update and review the diff.");
        }
        assertThat(actual).isEqualTo(expected);
    }
}
