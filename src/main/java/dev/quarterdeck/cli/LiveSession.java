package dev.quarterdeck.cli;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.KubernetesTarget;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.probe.ClusterReadException;
import dev.quarterdeck.probe.ClusterState;
import dev.quarterdeck.probe.DeploymentReading;
import dev.quarterdeck.probe.ProbeScheduler;
import dev.quarterdeck.probe.RunningVersions;
import dev.quarterdeck.rollout.Pacing;
import dev.quarterdeck.rollout.ReleaseEngine;
import dev.quarterdeck.sandbox.CanaryFaults;
import dev.quarterdeck.sandbox.SandboxControl;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.ui.ConsoleContext;
import dev.quarterdeck.ui.TaskExecutor;
import dev.quarterdeck.session.Redactor;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionFile;
import dev.quarterdeck.session.SessionJournal;
import dev.quarterdeck.session.SessionJournals;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.ClusterIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;

/**
 * The composition root of one release session: the environment's adapters, the engine, the probes and the
 * metrics, wired by constructor, started in order and closed in reverse. The console and the headless
 * commands both use it.
 */
final class LiveSession implements AutoCloseable {
    private static final Duration VERSION_READ_TIMEOUT = Duration.ofSeconds(2);
    /** As far back as the console's charts reach. */
    private static final Duration CHART_HISTORY = Duration.ofMinutes(5);

    private final ReleasePlan plan;
    private final EnvironmentAdapters adapters;
    private final SessionLog log;
    private final ReleaseEngine engine;
    private final Optional<SandboxControl> sandbox;
    private final JournalExport export;
    private final Deque<AutoCloseable> toClose;

    private LiveSession(ReleasePlan plan, EnvironmentAdapters adapters, SessionLog log, ReleaseEngine engine,
            Optional<SandboxControl> sandbox, JournalExport export, Deque<AutoCloseable> toClose) {
        this.plan = plan;
        this.adapters = adapters;
        this.log = log;
        this.engine = engine;
        this.sandbox = sandbox;
        this.export = export;
        this.toClose = toClose;
    }

    /** Starts a session with the process's environment variables and home directory. */
    static LiveSession open(ReleasePlan plan, Environment declared, Actor operator, Clock clock,
            Optional<SessionFile> resume) throws IOException, ActionException {
        return open(plan, declared, operator, clock, System.getenv(), Path.of(System.getProperty("user.home")),
                Pacing.standard(), resume);
    }

    /** Starts a new session. */
    static LiveSession open(ReleasePlan plan, Environment declared, Actor operator, Clock clock,
            Map<String, String> variables, Path home, Pacing pacing) throws IOException, ActionException {
        return open(plan, declared, operator, clock, variables, home, pacing, Optional.empty());
    }

    /**
     * Where journals go: {@code QUARTERDECK_SESSIONS} when set, else {@code ~/.quarterdeck/sessions/} under
     * {@code home}.
     */
    static SessionJournals journals(Map<String, String> variables, Path home) {
        String configured = variables.get("QUARTERDECK_SESSIONS");
        return new SessionJournals(configured == null || configured.isBlank()
                ? home.resolve(".quarterdeck").resolve("sessions") : Path.of(configured));
    }

    /**
     * Starts the session, or takes up {@code resume}: the journal (every event fsynced before it counts), the
     * environment's adapters, the engine, the probes and the metrics.
     */
    static LiveSession open(ReleasePlan plan, Environment declared, Actor operator, Clock clock,
            Map<String, String> variables, Path home, Pacing pacing, Optional<SessionFile> resume)
            throws IOException, ActionException {
        Deque<AutoCloseable> toClose = new ArrayDeque<>();
        try {
            OkHttpClient http = new OkHttpClient.Builder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .retryOnConnectionFailure(false) // retries are the engine's decision, with backoff
                    .build();
            toClose.push(() -> {
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            });
            // Secrets the plan references, and any secret-looking variable, never reach the journal.
            Redactor redactor = Redactor.standard();
            redactor.addPlanSecrets(plan, variables::get);
            redactor.addSecretLookingVariables(variables);
            Instant startedAt = resume.map(SessionFile::startedAt).orElseGet(clock::instant);
            SessionJournal journal = resume.isPresent()
                    ? SessionJournal.open(resume.get().file(), redactor)
                    : journals(variables, home).create(startedAt, redactor);
            // Export reads the journal as far as it is on disk, with the redactor that wrote it.
            JournalExport export = new JournalExport(journal::readSoFar, redactor, clock.getZone(),
                    JournalExport.folder(home), plan.metadata().name(), declared.name(), startedAt);
            SessionLog log = new SessionLog(journal);
            AtomicReference<ReleaseStage> stage = new AtomicReference<>(ReleaseStage.PREFLIGHT);
            log.subscribe(e -> {
                if (e instanceof SessionEvent.StageChanged changed) {
                    stage.set(changed.stage());
                }
            });
            // Closed last: a release that ended is marked finished; one still under way stays open for resume.
            toClose.push(() -> {
                if (stage.get().terminal()) {
                    journal.finish(clock.instant());
                } else {
                    journal.close();
                }
            });
            EnvironmentAdapters adapters = EnvironmentAdapters.open(plan, declared, clock, http, variables, home);
            toClose.push(adapters);
            Environment environment = adapters.environment();

            ReleaseEngine engine = new ReleaseEngine(plan, environment, adapters.ports(),
                    adapters.requiredPermissions(), log, clock, pacing);
            toClose.push(engine);
            engine.start(operator, leaseHolder(operator));
            if (!journal.recovery().clean()) {
                log.append(new SessionEvent.NoteAdded(clock.instant(), Actor.quarterdeck(), "the journal "
                        + journal.file().getFileName() + " was recovered: " + journal.recovery().describe()));
            }
            if (!adapters.insecureEndpoints().isEmpty()) {
                log.append(new SessionEvent.InsecureTlsInUse(clock.instant(), environment.name(),
                        adapters.insecureEndpoints()));
            }
            // Reading what runs where takes a round trip per track: off the start-up path, it lands when read.
            // Work off the start-up path may finish after the session closed: then it has nobody to tell.
            AtomicBoolean closing = new AtomicBoolean();
            toClose.push(() -> closing.set(true));
            Thread describer = new Thread(() -> whileOpen(closing, () -> log.append(describe(adapters, operator,
                    clock))),
                    "quarterdeck-describe-environment");
            describer.setDaemon(true);
            describer.start();

            ProbeScheduler probes = new ProbeScheduler(log, clock);
            toClose.push(probes);
            adapters.ports().probes().values().forEach(probes::add);
            probes.start();
            // What Prometheus already knows fills the charts first; live samples follow, so points stay in time
            // order. Off the start-up path: a slow Prometheus only delays the charts, never the console.
            Thread metrics = new Thread(() -> whileOpen(closing, () -> {
                adapters.history(CHART_HISTORY).forEach(log::append);
                adapters.metrics().forEach(probes::add);
            }), "quarterdeck-metrics-history");
            metrics.setDaemon(true);
            metrics.start();

            Optional<SandboxControl> faults = adapters.sandbox().map(c -> new RecordedFaults(c, log, operator, clock));
            return new LiveSession(plan, adapters, log, engine, faults, export, toClose);
        } catch (IOException | ActionException | RuntimeException e) {
            EnvironmentAdapters.closeAll(toClose);
            throw e;
        }
    }

    /** Runs {@code work}; a failure to record once the session is closing is expected, and dropped. */
    private static void whileOpen(AtomicBoolean closing, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            if (!closing.get()) {
                throw e;
            }
        }
    }

    /** Who holds the environment's lease, as another console will see it: "dana@laptop-42". */
    static String leaseHolder(Actor operator) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return operator.name() + "@" + host;
    }

    private static SessionEvent.EnvironmentDescribed describe(EnvironmentAdapters adapters, Actor operator,
            Clock clock) {
        Environment environment = adapters.environment();
        String router = environment.traffic().kind();
        if (adapters.kubernetes().isPresent()) {
            ClusterIdentity id = adapters.kubernetes().get().identity();
            Map<String, String> versions = deploymentImages(environment, adapters.ports().cluster());
            return new SessionEvent.EnvironmentDescribed(clock.instant(), environment.name(), router, id.context(),
                    id.server(), id.namespace(), id.user(), versions, leaseHolder(operator));
        }
        Map<String, String> versions = new RunningVersions(adapters.transport(), VERSION_READ_TIMEOUT)
                .read(environment, "/health");
        String server = environment.service("router").map(URI::toString).orElse(adapters.ports().router().describe());
        return new SessionEvent.EnvironmentDescribed(clock.instant(), environment.name(), router, "—", server, "—",
                "—", versions, operator.name());
    }

    /** The image each role's deployment runs ({@code stable: checkout} → its first container's image). */
    private static Map<String, String> deploymentImages(Environment environment, Optional<ClusterState> cluster) {
        Map<String, String> versions = new LinkedHashMap<>();
        Map<String, String> deployments = environment.kubernetes().map(KubernetesTarget::deployments).orElse(Map.of());
        deployments.forEach((role, deployment) -> {
            try {
                DeploymentReading reading = cluster.orElseThrow().deployment(deployment);
                versions.put(role, reading.containers().isEmpty() ? "no containers"
                        : reading.containers().get(0).image());
            } catch (ClusterReadException e) {
                versions.put(role, "unknown (" + e.getMessage() + ")");
            }
        });
        return versions;
    }

    /** What the console needs of this session, for {@code operator} at it; {@code tasks} runs its I/O. */
    ConsoleContext consoleContext(Actor operator, Clock clock, TaskExecutor tasks) {
        return new ConsoleContext(plan, environment(), log, engine, operator, sandbox, clock, tasks, export);
    }

    ReleasePlan plan() {
        return plan;
    }

    /** The environment with its services bound (for the sandbox, to its loopback ports). */
    Environment environment() {
        return adapters.environment();
    }

    SessionLog log() {
        return log;
    }

    ReleaseEngine engine() {
        return engine;
    }

    Optional<SandboxControl> sandbox() {
        return sandbox;
    }

    /** The session as a report, as far as it has gone: the console's Export. */
    JournalExport export() {
        return export;
    }

    @Override
    public void close() {
        EnvironmentAdapters.closeAll(toClose);
    }

    /** The sandbox's fault knobs, recording every change in the session as who set what. */
    private record RecordedFaults(SandboxControl control, SessionLog log, Actor operator, Clock clock)
            implements SandboxControl {
        @Override
        public CanaryFaults canaryFaults() throws IOException {
            return control.canaryFaults();
        }

        @Override
        public void setCanaryFaults(CanaryFaults faults) throws IOException {
            control.setCanaryFaults(faults);
            log.append(new SessionEvent.SandboxFaultsChanged(clock.instant(), operator, faults.errorRatio(),
                    faults.addedLatency()));
        }
    }
}
