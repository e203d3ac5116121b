package dev.quarterdeck.sandbox;

import com.sun.net.httpserver.HttpServer;
import dev.quarterdeck.plan.Track;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The built-in sandbox environment, running: a stable and a canary service, a weighted router in front of
 * them with its admin API, and generated load through the router. All on 127.0.0.1, all real HTTP, so the
 * console's probes, a real Prometheus and curl all see the same thing.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults())) {
 *     sandbox.setCanaryWeight(20);
 *     sandbox.setCanaryFaults(new CanaryFaults(0.1, Duration.ofMillis(200)));
 * }
 * }</pre>
 *
 * <p>Threads: a few daemon workers and a timer shared by all parts, plus each HTTP server's dispatcher.
 * {@link #close()} stops them all and returns promptly; requests still waiting are dropped.
 */
public final class Sandbox implements SandboxControl, AutoCloseable {
    /** Handler work is short (read a request, schedule or forward it), so a handful of threads is plenty. */
    private static final int WORKERS = Math.max(4, Runtime.getRuntime().availableProcessors());
    private static final int TIMER_THREADS = 2;

    private final SandboxConfig config;
    private final SandboxService stable;
    private final SandboxService canary;
    private final CanarySplit split;
    private final SandboxRouter router;
    private final LoadGenerator load;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private boolean closed;

    private Sandbox(
            SandboxConfig config,
            SandboxService stable,
            SandboxService canary,
            CanarySplit split,
            SandboxRouter router,
            LoadGenerator load,
            ExecutorService workers,
            ScheduledExecutorService timer) {
        this.config = config;
        this.stable = stable;
        this.canary = canary;
        this.split = split;
        this.router = router;
        this.load = load;
        this.workers = workers;
        this.timer = timer;
    }

    /**
     * Starts everything and returns once every server is listening.
     *
     * @throws java.net.BindException when the router port is taken; the message names it
     */
    public static Sandbox start(SandboxConfig config) throws IOException {
        JvmSettings.applyDefaults();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, daemonThreads("sandbox-worker"));
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(TIMER_THREADS, daemonThreads("sandbox-timer"));
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            // The router's port is the one a person chose: bind it first, so a taken port fails before
            // anything else has started.
            HttpServer routerServer = Loopback.bind(config.routerPort(), workers);
            started.push(() -> routerServer.stop(0));
            SandboxService stable = SandboxService.start(Track.STABLE, config.stableVersion(), config.seed(), workers, timer);
            started.push(stable);
            // A different seed per track: the two services must not be in lockstep.
            SandboxService canary = SandboxService.start(
                    Track.CANARY, config.canaryVersion(), config.seed() + 1, workers, timer);
            started.push(canary);
            HttpClient http = HttpClient.newBuilder()
                    .executor(workers)
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            LoadGenerator load = new LoadGenerator(Loopback.url(routerServer).resolve("/"), http, timer, config.maxInFlight());
            started.push(load);
            CanarySplit split = new CanarySplit(config.initialCanaryWeight());
            SandboxRouter router = new SandboxRouter(routerServer, stable, canary, split, http, new AdminJson(), List.of(load));
            load.setRequestsPerSecond(config.requestsPerSecond());
            return new Sandbox(config, stable, canary, split, router, load, workers, timer);
        } catch (IOException | RuntimeException e) {
            while (!started.isEmpty()) {
                closeQuietly(started.pop());
            }
            workers.shutdownNow();
            timer.shutdownNow();
            throw e;
        }
    }

    /** How this sandbox was started; the weight, faults and rate may have moved since. */
    public SandboxConfig config() {
        return config;
    }

    /** Where traffic goes in: {@code http://127.0.0.1:PORT}. */
    public URI routerUrl() {
        return router.url();
    }

    public URI stableUrl() {
        return stable.url();
    }

    public URI canaryUrl() {
        return canary.url();
    }

    /** The admin API's base; the router serves it, so this is {@link #routerUrl()}. */
    public URI adminUrl() {
        return router.url();
    }

    public URI weightUrl() {
        return router.url().resolve(AdminApi.WEIGHT_PATH);
    }

    public URI faultsUrl() {
        return router.url().resolve(AdminApi.FAULTS_PATH);
    }

    /** Base URLs by service name, as {@code Environment.withServices} takes them: stable, canary, router. */
    public Map<String, URI> services() {
        return Map.of(
                Track.STABLE.label(), stableUrl(),
                Track.CANARY.label(), canaryUrl(),
                "router", routerUrl());
    }

    /** The canary's share of routed requests now, in percent. */
    public int canaryWeight() {
        return split.weight();
    }

    /** Applies the canary's share at once, 0..100 %. */
    public void setCanaryWeight(int percent) {
        split.setWeight(percent);
    }

    @Override
    public CanaryFaults canaryFaults() {
        return canary.faults();
    }

    @Override
    public void setCanaryFaults(CanaryFaults faults) {
        canary.injectFaults(faults);
    }

    public int requestsPerSecond() {
        return load.requestsPerSecond();
    }

    /** Changes the generated load while running; 0 stops it. */
    public void setRequestsPerSecond(int rps) {
        load.setRequestsPerSecond(rps);
    }

    /** For tests that need a sick stable too, or to look at one service directly. */
    SandboxService service(Track track) {
        return track == Track.CANARY ? canary : stable;
    }

    LoadGenerator load() {
        return load;
    }

    /** Stops the load, the router and both services, then the threads. Safe to call twice. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        load.close();
        router.close();
        canary.close();
        stable.close();
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception ignored) {
            // Already failing to start; the original error is the one worth reporting.
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
