package dev.quarterdeck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.Gate;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Phase;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.probe.ProbeTask;
import dev.quarterdeck.rollout.GateEvaluation;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.GateJudged.ConditionResult;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import dev.quarterdeck.traffic.ActionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quarterdeck gate PLAN --env E}: the automatic checks and gates, judged once, for CI. Exit 0 when
 * everything passes, 1 when a check or gate does not (a failure, a burn-in not yet covered, no data), 2 when the
 * gate could not be judged at all (a bad plan, an environment that cannot be reached).
 */
@Command(name = "gate", description = {
        "Judge a plan's automatic checklist items and gates once, as a release-gate script in CI.",
        "Exit 0 pass, 1 fail (including no data and a burn-in not yet held), 2 error.",
        "With --output, writes a JSON report of every check: its observed value and verdict."})
final class GateCommand implements Callable<Integer> {
    static final String REPORT_SCHEMA = "quarterdeck/gate-report/v1";

    @Mixin
    PlanAndEnvironment target;

    @Option(names = "--phase", paramLabel = "PHASE",
            description = "only checklist items of this phase: preflight, canary, post-deploy, post-launch")
    String phase;

    @Option(names = "--gate", paramLabel = "NAME", description = "only this gate (repeatable; default: all)")
    List<String> gates = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the JSON report here")
    Path output;

    @Option(names = "--sample-for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "how long to scrape metrics when the environment has no Prometheus to look back on "
                    + "(default: the metrics window plus two intervals)")
    Duration sampleFor;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = target.out();
        Optional<Phase> only = Optional.empty();
        if (phase != null) {
            only = Phase.byKey(phase);
            if (only.isEmpty()) {
                return target.error("unknown phase '" + phase + "': preflight, canary, post-deploy or post-launch");
            }
        }
        Optional<ReleasePlan> plan = target.plan();
        if (plan.isEmpty()) {
            return QuarterdeckCommand.ERROR;
        }
        Optional<Environment> declared = target.environment(plan.get());
        if (declared.isEmpty()) {
            return QuarterdeckCommand.ERROR;
        }
        for (String name : gates) {
            if (plan.get().gate(name).isEmpty()) {
                return target.error("plan '" + plan.get().metadata().name() + "' has no gate '" + name + "'");
            }
        }
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(2))
                .retryOnConnectionFailure(false).build();
        GateEvaluation.Report report;
        try (EnvironmentAdapters adapters = EnvironmentAdapters.open(plan.get(), declared.get(), clock, http,
                System.getenv(), Path.of(System.getProperty("user.home")))) {
            List<ProbeSample> probes = runProbes(adapters);
            List<MetricSample> samples = gatherMetrics(plan.get(), adapters, clock);
            report = GateEvaluation.evaluate(plan.get(), declared.get().name(), only, gates, probes, samples);
        } catch (IOException | ActionException e) {
            return target.error("cannot reach " + declared.get().name() + ": " + e.getMessage());
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        print(report, out);
        int exit = report.passed() ? QuarterdeckCommand.OK : QuarterdeckCommand.FAILED;
        if (output != null) {
            try {
                write(report, plan.get(), declared.get().name(), started, clock.instant(), exit);
            } catch (IOException e) {
                return target.error("cannot write the report to " + output + ": " + e.getMessage());
            }
        }
        out.println(exit == QuarterdeckCommand.OK ? "gate: PASS" : "gate: FAIL");
        out.flush();
        return exit;
    }

    private static List<ProbeSample> runProbes(EnvironmentAdapters adapters) {
        List<ProbeSample> samples = new ArrayList<>();
        for (ProbeTask task : adapters.ports().probes().values()) {
            for (SessionEvent event : task.run()) {
                if (event instanceof ProbeSample sample) {
                    samples.add(sample);
                }
            }
        }
        return samples;
    }

    /**
     * What Prometheus holds for the longest burn-in or window, then live samples: one round with Prometheus,
     * or rounds over {@code --sample-for} when metrics are scraped (rates need a window of scrapes).
     */
    private List<MetricSample> gatherMetrics(ReleasePlan plan, EnvironmentAdapters adapters, Clock clock)
            throws InterruptedException {
        MetricsSpec metrics = adapters.environment().metrics();
        Duration lookback = plan.gates().stream()
                .map(g -> g.holdFor().compareTo(g.window()) > 0 ? g.holdFor() : g.window())
                .max(Duration::compareTo).orElse(Gate.DEFAULT_WINDOW).plus(metrics.interval());
        List<MetricSample> samples = new ArrayList<>(adapters.history(lookback));
        boolean scraped = metrics instanceof MetricsSpec.Scrape;
        Duration span = scraped
                ? (sampleFor != null ? sampleFor : metrics.window().plus(metrics.interval().multipliedBy(2)))
                : Duration.ZERO;
        Instant end = clock.instant().plus(span);
        do {
            for (ProbeTask task : adapters.metrics()) {
                for (SessionEvent event : task.run()) {
                    if (event instanceof MetricSample sample) {
                        samples.add(sample);
                    }
                }
            }
            if (clock.instant().isBefore(end)) {
                Thread.sleep(metrics.interval().toMillis()); // the CLI's own pace between scrapes, not a test's
            }
        } while (clock.instant().isBefore(end));
        return samples;
    }

    private static void print(GateEvaluation.Report report, PrintWriter out) {
        for (GateEvaluation.Check check : report.checks()) {
            out.printf(Locale.ROOT, "check %-24s %-8s %s%s%n", check.id(), check.verdict().toUpperCase(Locale.ROOT),
                    check.observed(), check.required() ? "" : " (optional)");
        }
        for (GateEvaluation.GateResult gate : report.gates()) {
            out.printf(Locale.ROOT, "gate  %-24s %-8s %s%n", gate.name(), gate.verdict().name(), burnIn(gate));
            for (ConditionResult c : gate.conditions()) {
                out.printf(Locale.ROOT, "      %-40s %-8s %s%n", c.condition(), c.outcome().name(), c.detail());
            }
        }
    }

    private static String burnIn(GateEvaluation.GateResult gate) {
        if (gate.holdFor().isZero()) {
            return gate.verdict() == GateVerdict.FAIL || gate.verdict() == GateVerdict.FAILING
                    ? gate.consecutiveFailures() + " of " + gate.maxFailures() + " failing judgements in a row" : "";
        }
        return "held " + dev.quarterdeck.plan.Durations.human(gate.heldFor()) + " of "
                + dev.quarterdeck.plan.Durations.human(gate.holdFor());
    }

    private void write(GateEvaluation.Report report, ReleasePlan plan, String environment, Instant started,
            Instant finished, int exit) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("schema", REPORT_SCHEMA);
        root.put("plan", plan.metadata().name());
        root.put("version", plan.metadata().version());
        root.put("environment", environment);
        root.put("phase", phase == null ? "all" : phase);
        root.put("startedAt", started.toString());
        root.put("finishedAt", finished.toString());
        root.put("verdict", exit == QuarterdeckCommand.OK ? "pass" : "fail");
        root.put("exitCode", exit);
        ArrayNode checks = root.putArray("checks");
        for (GateEvaluation.Check check : report.checks()) {
            ObjectNode node = checks.addObject();
            node.put("id", check.id());
            node.put("title", check.title());
            node.put("phase", check.phase());
            node.put("required", check.required());
            node.put("probe", check.probe());
            node.put("verdict", check.verdict());
            node.put("observed", check.observed());
        }
        ArrayNode gateNodes = root.putArray("gates");
        for (GateEvaluation.GateResult gate : report.gates()) {
            ObjectNode node = gateNodes.addObject();
            node.put("name", gate.name());
            node.put("verdict", gate.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            node.put("heldForSeconds", gate.heldFor().toMillis() / 1000.0);
            node.put("holdForSeconds", gate.holdFor().toMillis() / 1000.0);
            node.put("consecutiveFailures", gate.consecutiveFailures());
            node.put("maxFailures", gate.maxFailures());
            node.put("judgements", gate.judgements());
            ArrayNode conditions = node.putArray("conditions");
            for (ConditionResult c : gate.conditions()) {
                ObjectNode cn = conditions.addObject();
                cn.put("condition", c.condition());
                cn.put("verdict", c.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                number(cn, "observed", c.observed());
                number(cn, "threshold", c.threshold());
                number(cn, "canary", c.canary());
                number(cn, "stable", c.stable());
                cn.put("detail", c.detail());
            }
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        json.writeValue(output.toFile(), root);
    }

    /** JSON has no NaN: a value that was not read is null. */
    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
