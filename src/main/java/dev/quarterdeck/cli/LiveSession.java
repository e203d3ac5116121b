package dev.quarterdeck.cli;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.probe.HttpProbe;
import dev.quarterdeck.probe.HttpTransport;
import dev.quarterdeck.probe.ProbeScheduler;
import dev.quarterdeck.probe.RunningVersions;
import dev.quarterdeck.probe.ScrapeMetricsSource;
import dev.quarterdeck.probe.adapter.OkHttpTransport;
import dev.quarterdeck.rollout.Backoff;
import dev.quarterdeck.rollout.ReleaseEngine;
import dev.quarterdeck.sandbox.CanaryFaults;
import dev.quarterdeck.sandbox.RemoteSandbox;
import dev.quarterdeck.sandbox.Sandbox;
import dev.quarterdeck.sandbox.SandboxConfig;
import dev.quarterdeck.sandbox.SandboxControl;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.traffic.TrafficRouter;
import dev.quarterdeck.traffic.adapter.SandboxTrafficRouter;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * The composition root of one release session: everything that runs for a plan in one environment, wired by
 * constructor, started in order and closed in reverse. The console and the headless commands both use it.
 */
final class LiveSession implements AutoCloseable {
    private static final Duration VERSION_READ_TIMEOUT = Duration.ofSeconds(2);

    private final ReleasePlan plan;
    private final Environment environment;
    private final SessionLog log;
    private final ReleaseEngine engine;
    private final Optional<SandboxControl> sandbox;
    private final Deque<AutoCloseable> toClose;

    private LiveSession(ReleasePlan plan, Environment environment, SessionLog log, ReleaseEngine engine,
            Optional<SandboxControl> sandbox, Deque<AutoCloseable> toClose) {
        this.plan = plan;
        this.environment = environment;
        this.log = log;
        this.engine = engine;
        this.sandbox = sandbox;
        this.toClose = toClose;
    }

    /** Starts the session: the environment's router, the engine, the probes and the metrics scrapes. */
    static LiveSession open(ReleasePlan plan, Environment declared, Actor operator, Clock clock) throws IOException {
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
            HttpTransport transport = new OkHttpTransport(http);
            SessionLog log = SessionLog.inMemory();

            Environment environment = declared;
            TrafficRouter router;
            SandboxControl control = null;
            if (declared.traffic() instanceof TrafficSpec.Sandbox spec) {
                URI admin;
                if (spec.embedded()) {
                    Sandbox started = Sandbox.start(SandboxConfig.defaults()
                            .withRequestsPerSecond(spec.requestsPerSecond()));
                    toClose.push(started);
                    environment = declared.withServices(started.services());
                    admin = started.adminUrl();
                    control = started;
                } else {
                    admin = spec.adminUrl().orElseThrow();
                    control = new RemoteSandbox(admin);
                }
                router = new SandboxTrafficRouter(admin, http, clock);
            } else {
                throw new IllegalStateException("no router for " + declared.traffic().kind());
            }
            toClose.push(router);

            ReleaseEngine engine = new ReleaseEngine(plan, environment, router, log, clock, Backoff.standard());
            toClose.push(engine);
            engine.start(operator);
            // Reading what runs where takes a round trip per track: off the start-up path, it lands when read.
            Environment described = environment;
            Thread describer = new Thread(() -> log.append(describe(described, router, transport, operator, clock)),
                    "quarterdeck-describe-environment");
            describer.setDaemon(true);
            describer.start();

            ProbeScheduler probes = new ProbeScheduler(log, clock);
            toClose.push(probes);
            for (Probe probe : plan.probesFor(environment.name())) {
                if (probe.spec() instanceof ProbeSpec.Http) {
                    probes.add(new HttpProbe(probe, environment, transport, clock));
                }
            }
            if (environment.metrics() instanceof dev.quarterdeck.plan.MetricsSpec.Scrape) {
                new ScrapeMetricsSource(environment, transport, clock).tasks().forEach(probes::add);
            }
            probes.start();

            Optional<SandboxControl> faults = Optional.ofNullable(control)
                    .map(c -> new RecordedFaults(c, log, operator, clock));
            return new LiveSession(plan, environment, log, engine, faults, toClose);
        } catch (IOException | RuntimeException e) {
            closeAll(toClose);
            throw e;
        }
    }

    private static SessionEvent.EnvironmentDescribed describe(Environment environment, TrafficRouter router,
            HttpTransport transport, Actor operator, Clock clock) {
        var versions = new RunningVersions(transport, VERSION_READ_TIMEOUT).read(environment, "/health");
        String server = environment.service("router").map(URI::toString).orElse(router.describe());
        return new SessionEvent.EnvironmentDescribed(clock.instant(), environment.name(),
                environment.traffic().kind(), "—", server, "—", "—", versions, operator.name());
    }

    ReleasePlan plan() {
        return plan;
    }

    /** The environment with its services bound (for the sandbox, to its loopback ports). */
    Environment environment() {
        return environment;
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

    @Override
    public void close() {
        closeAll(toClose);
    }

    private static void closeAll(Deque<AutoCloseable> toClose) {
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                System.err.println("quarterdeck: while stopping: " + e.getMessage());
            }
        }
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
