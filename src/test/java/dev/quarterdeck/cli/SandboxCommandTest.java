package dev.quarterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quarterdeck sandbox} as a script sees it: one JSON line of URLs that answer, then it runs until stopped. */
class SandboxCommandTest {
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theFirstLineIsOneJsonObjectWhoseUrlsAnswerAndSigtermStopsIt(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        // Surefire's class path (a manifest-only jar pointing at every dependency) works as is.
                        "-cp", System.getProperty("java.class.path"),
                        "dev.quarterdeck.Main", "sandbox", "--port", "0", "--rps", "5",
                        "--stable-version", "3.0.0", "--canary-version", "3.1.0-rc.2"))
                .redirectError(stderr.toFile())
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            // A guard against a hang, not a speed assertion.
            String firstLine = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);

            JsonNode urls = json.readTree(firstLine);
            assertThat(urls.isObject()).isTrue();
            assertThat(urls.fieldNames()).toIterable().containsExactly("router", "stable", "canary", "admin");
            assertThat(urls.get("admin").fieldNames()).toIterable().containsExactly("weight", "faults");
            String router = urls.get("router").asText();
            assertThat(router).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(urls.get("admin").get("weight").asText()).isEqualTo(router + "/router/weight");
            assertThat(urls.get("admin").get("faults").asText()).isEqualTo(router + "/canary/faults");

            assertThat(get(urls.get("stable").asText() + "/health"))
                    .isEqualTo("{\"status\":\"ok\",\"track\":\"stable\",\"version\":\"3.0.0\"}");
            assertThat(get(urls.get("canary").asText() + "/health"))
                    .isEqualTo("{\"status\":\"ok\",\"track\":\"canary\",\"version\":\"3.1.0-rc.2\"}");
            assertThat(get(router + "/health")).contains("\"status\":\"ok\"");
            assertThat(get(urls.get("admin").get("weight").asText())).isEqualTo("{\"weight\":0}");

            process.destroy();

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
            assertThat(Files.readString(stderr)).doesNotContain("Exception");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aTakenPortIsOneClearLineAndExitCode2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Run run = run("sandbox", "--port", String.valueOf(port));

            assertThat(run.exitCode).isEqualTo(QuarterdeckCommand.ERROR);
            assertThat(run.out).isEmpty();
            assertThat(run.err).isEqualTo("quarterdeck sandbox: 127.0.0.1:" + port
                    + " is already in use; choose another --port, or --port 0 for any free one\n");
        }
    }

    @Test
    void anImpossibleRateIsRefusedBeforeAnythingStarts() {
        Run run = run("sandbox", "--rps", "-5");

        assertThat(run.exitCode).isEqualTo(QuarterdeckCommand.ERROR);
        assertThat(run.err).isEqualTo("quarterdeck sandbox: requests per second must be 0..10000 (0 = no load), was -5\n");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new QuarterdeckCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString().replace(System.lineSeparator(), "\n"));
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Run(int exitCode, String out, String err) {}
}
