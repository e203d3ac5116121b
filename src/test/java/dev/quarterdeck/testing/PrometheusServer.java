package dev.quarterdeck.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real Prometheus for tests: the {@code prometheus} binary (Debian package; {@code .ci/run} installs it),
 * on 127.0.0.1 at a free port, with a throw-away config and TSDB in a temp directory. It scrapes the given
 * targets every second, each with its own labels ({@code track: canary}), and evaluates the given alerting
 * rules every second.
 *
 * <p>{@link Builder#start()} returns once Prometheus is ready and has scraped every target at least once, by
 * polling {@code /-/ready} and {@code /api/v1/targets}: no fixed sleeps. Ready takes well under a second,
 * but Prometheus 2.42 hands new targets to its scrape manager on a 5-second reload tick, so the first scrape
 * lands about 5 s after start whatever the scrape interval: start one per test class, not per test. {@link #awaitScrapes} waits for more
 * data (a {@code rate()} needs two scrapes in its window). {@link #close()} stops the process and deletes
 * its files. A missing binary is a loud failure naming the package to install, never a skipped test.
 */
public final class PrometheusServer implements AutoCloseable {
    /** Generous: only stops a broken setup from hanging the build; Prometheus is ready in well under 1 s. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String INSTALL_HINT = "these tests run the real Prometheus: apt-get install prometheus"
            + " (.ci/run installs it)";
    private static final int PORT_ATTEMPTS = 3;

    private final Process process;
    private final URI url;
    private final Path home;
    private final Path log;
    private final int targets;
    private final String job;
    private final Thread reaper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private PrometheusServer(Process process, URI url, Path home, Path log, int targets, String job) {
        this.process = process;
        this.url = url;
        this.home = home;
        this.log = log;
        this.targets = targets;
        this.job = job;
        // If the test JVM is stopped without close(), the Prometheus it started must not outlive it.
        this.reaper = new Thread(process::destroyForcibly, "prometheus-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A scrape target: {@code base}'s host and port, {@code /metrics}, and labels added to its series. */
    public record Target(URI base, Map<String, String> labels) {
        public Target {
            Objects.requireNonNull(base, "base");
            labels = Map.copyOf(labels);
        }
    }

    /** An alerting rule: {@code expr} fires after holding for {@code holdFor} (PromQL's {@code for:}). */
    public record AlertRule(String name, String expr, Duration holdFor, Map<String, String> labels) {
        public AlertRule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(expr, "expr");
            Objects.requireNonNull(holdFor, "holdFor");
            labels = Map.copyOf(labels);
        }
    }

    /** What to scrape and which rules to load. */
    public static final class Builder {
        private final List<Target> targets = new ArrayList<>();
        private final List<AlertRule> rules = new ArrayList<>();
        private String job = "sandbox";

        private Builder() {}

        /** The {@code job} label of every target; {@code sandbox} unless set. */
        public Builder job(String name) {
            this.job = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Scrapes {@code base + /metrics}, adding {@code labels} to every series. */
        public Builder target(URI base, Map<String, String> labels) {
            targets.add(new Target(base, labels));
            return this;
        }

        public Builder alert(String name, String expr, Duration holdFor, Map<String, String> labels) {
            rules.add(new AlertRule(name, expr, holdFor, labels));
            return this;
        }

        /**
         * Starts Prometheus and waits until it is ready and every target has been scraped once.
         *
         * @throws IllegalStateException when the binary is missing, or Prometheus does not start
         */
        public PrometheusServer start() throws IOException {
            Path binary = binary();
            Path home = Files.createTempDirectory("quarterdeck-prometheus-");
            try {
                writeConfig(home, job, targets, rules);
                IllegalStateException last = null;
                for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
                    int port = freePort();
                    Path log = home.resolve("prometheus-" + attempt + ".log");
                    Process process = new ProcessBuilder(binary.toString(),
                            "--config.file=" + home.resolve("prometheus.yml"),
                            "--storage.tsdb.path=" + home.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
                    PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port),
                            home, log, targets.size(), job);
                    try {
                        server.awaitStarted();
                        return server;
                    } catch (IllegalStateException e) {
                        server.stop();
                        last = e;
                        // Another process may have taken the port between probing and binding it: try another.
                        if (!e.getMessage().contains("address already in use")) {
                            break;
                        }
                    }
                }
                throw last;
            } catch (IOException | RuntimeException e) {
                deleteRecursively(home);
                throw e;
            }
        }
    }

    /** The base URL: {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return url;
    }

    /** Waits until every target has been scraped at least {@code count} times (one per second). */
    public void awaitScrapes(int count) {
        String promql = "count(count_over_time(up{job=\"" + job + "\"}[1h]) >= " + count + ")";
        await(count + " scrapes of each of the " + targets + " targets", () -> {
            JsonNode result = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                    .path("data").path("result");
            return result.size() == 1 && Double.parseDouble(result.get(0).path("value").get(1).asText()) >= targets;
        });
    }

    /** True until {@link #close()} has stopped the process (or it died). */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** Prometheus' own log so far, for a failure message. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops Prometheus (SIGTERM, then SIGKILL after 10 s) and deletes its config and data. */
    @Override
    public void close() {
        stop();
        deleteRecursively(home);
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: nothing to remove.
        }
    }

    private void awaitStarted() {
        await("Prometheus to be ready at " + url, () -> {
            HttpResponse<String> ready = send("/-/ready");
            return ready != null && ready.statusCode() == 200;
        });
        await("a first scrape of every target", () -> {
            JsonNode active = get("/api/v1/targets?state=active").path("data").path("activeTargets");
            if (active.size() != targets) {
                return false;
            }
            for (JsonNode target : active) {
                if (!target.path("health").asText().equals("up")) {
                    return false;
                }
            }
            return true;
        });
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with " + process.exitValue() + " while waiting for "
                        + what + "; its log:\n" + tail(log()));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("still waiting, after " + DEADLINE.toSeconds() + " s, for " + what
                        + "; Prometheus' log:\n" + tail(log()));
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private JsonNode get(String pathAndQuery) {
        HttpResponse<String> response = send(pathAndQuery);
        if (response == null || response.statusCode() != 200) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    /** The answer, or null while nothing listens yet. */
    private HttpResponse<String> send(String pathAndQuery) {
        try {
            HttpRequest request = HttpRequest.newBuilder(url.resolve(pathAndQuery)).timeout(Duration.ofSeconds(5)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Prometheus", e);
        }
    }

    private static Path binary() {
        Predicate<Path> runnable = p -> Files.isRegularFile(p) && Files.isExecutable(p);
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/usr/local/bin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "prometheus"))
                .filter(runnable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no prometheus binary on PATH; " + INSTALL_HINT));
    }

    /**
     * Written as JSON, which is YAML too: Jackson does the quoting, so any label value is safe. Scrape and
     * evaluation every second, so tests wait for seconds of data, not minutes.
     */
    private static void writeConfig(Path home, String job, List<Target> targets, List<AlertRule> rules)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode();
        config.putObject("global").put("scrape_interval", "1s").put("scrape_timeout", "1s")
                .put("evaluation_interval", "1s");
        if (!rules.isEmpty()) {
            ObjectNode file = json.createObjectNode();
            ArrayNode ruleList = file.putArray("groups").addObject().put("name", "quarterdeck-tests").putArray("rules");
            for (AlertRule rule : rules) {
                ObjectNode node = ruleList.addObject().put("alert", rule.name()).put("expr", rule.expr())
                        .put("for", rule.holdFor().isZero() ? "0s" : rule.holdFor().toMillis() + "ms");
                rule.labels().forEach(node.putObject("labels")::put);
            }
            Files.writeString(home.resolve("rules.yml"), json.writeValueAsString(file));
            config.putArray("rule_files").add(home.resolve("rules.yml").toString());
        }
        ObjectNode scrape = config.putArray("scrape_configs").addObject().put("job_name", job);
        ArrayNode statics = scrape.putArray("static_configs");
        for (Target target : targets) {
            ObjectNode node = statics.addObject();
            node.putArray("targets").add(target.base().getHost() + ":" + target.base().getPort());
            target.labels().forEach(node.putObject("labels")::put);
        }
        scrape.put("metrics_path", "/metrics");
        Files.writeString(home.resolve("prometheus.yml"), json.writeValueAsString(config));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 20), lines.length));
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp directory is not worth failing a test for.
        }
    }
}
