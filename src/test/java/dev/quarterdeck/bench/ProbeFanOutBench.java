package dev.quarterdeck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.probe.HttpProbe;
import dev.quarterdeck.probe.ProbeScheduler;
import dev.quarterdeck.probe.ProbeTask;
import dev.quarterdeck.probe.adapter.OkHttpTransport;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * 200 HTTP probes a second on loopback: how far each beat strays from its interval (the time between two
 * runs of a probe, minus the interval: lateness that does not depend on either scheduler's own idea of a due
 * time), how many beats are missed, and how much CPU it takes; beside the obvious alternative, one
 * {@code scheduleAtFixedRate} per probe on a {@link ScheduledExecutorService} with the same thread count,
 * appending to the same kind of session log.
 */
class ProbeFanOutBench {
    private static final int PROBES = 200;
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration RUN = Duration.ofSeconds(30);

    /** A probe that notes when each of its runs started. */
    private static final class Timed implements ProbeTask {
        private final HttpProbe probe;
        private final List<Long> starts = new ArrayList<>();

        Timed(HttpProbe probe) {
            this.probe = probe;
        }

        @Override
        public String name() {
            return probe.name();
        }

        @Override
        public Duration interval() {
            return probe.interval();
        }

        @Override
        public Duration timeout() {
            return probe.timeout();
        }

        @Override
        public List<? extends SessionEvent> run() {
            synchronized (starts) {
                starts.add(System.nanoTime());
            }
            return probe.run();
        }

        @Override
        public List<? extends SessionEvent> missed(Instant at, String reason) {
            return probe.missed(at, reason);
        }

        /** |time between consecutive runs − interval|, per beat, in milliseconds. */
        void intervalErrors(List<Double> into) {
            synchronized (starts) {
                for (int k = 1; k < starts.size(); k++) {
                    into.add(Math.abs(starts.get(k) - starts.get(k - 1) - INTERVAL.toNanos()) / 1e6);
                }
            }
        }

        int runs() {
            synchronized (starts) {
                return starts.size();
            }
        }
    }

    private record Figures(List<Double> lateness, int runs, int missed, double cpuShare) {}

    @Test
    void twoHundredProbesASecond() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.createContext("/health", exchange -> {
            byte[] ok = "ok".getBytes();
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        OkHttpClient http = new OkHttpClient.Builder().build();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            Environment env = new Environment("bench", false, new TrafficSpec.Sandbox(Optional.of(base), 0),
                    new MetricsSpec.None(), Map.of("svc", base));
            OkHttpTransport transport = new OkHttpTransport(http);

            Figures ours = measureScheduler(env, transport);
            Figures naive = measureNaive(env, transport);

            new BenchReport("probe-fan-out-interval-error-p99", "ms", BenchReport.quantile(ours.lateness, 0.99),
                    BenchReport.quantile(naive.lateness, 0.99),
                    "one ScheduledExecutorService.scheduleAtFixedRate per probe, same thread count",
                    ours.runs, BenchReport.quantile(ours.lateness, 0.5), BenchReport.quantile(ours.lateness, 0.99),
                    String.format("%d HTTP probes every %d s on loopback for %d s; interval error = |time between two "
                            + "runs of a probe - interval|; ProbeScheduler: %d runs, %d missed beats, %.1f %% of one "
                            + "core; alternative: %d runs, p50 %.2f ms, %.1f %% of one core",
                            PROBES, INTERVAL.toSeconds(), RUN.toSeconds(), ours.runs, ours.missed, ours.cpuShare * 100,
                            naive.runs, BenchReport.quantile(naive.lateness, 0.5), naive.cpuShare * 100)).write();
            new BenchReport("probe-fan-out-cpu", "% of one core", ours.cpuShare * 100, naive.cpuShare * 100,
                    "one ScheduledExecutorService.scheduleAtFixedRate per probe, same thread count", ours.runs,
                    null, null, "process CPU time over wall time while running " + PROBES + " probes/s").write();
            assertThat(ours.runs).isPositive();
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
            server.stop(0);
        }
    }

    private static List<Timed> probes(Environment env, OkHttpTransport transport) {
        List<Timed> probes = new ArrayList<>();
        for (int i = 0; i < PROBES; i++) {
            Probe probe = new Probe("health-" + i, INTERVAL, Duration.ofSeconds(1),
                    new ProbeSpec.Http("svc", "/health", 200));
            probes.add(new Timed(new HttpProbe(probe, env, transport, Clock.systemUTC())));
        }
        return probes;
    }

    private static Figures measureScheduler(Environment env, OkHttpTransport transport) throws Exception {
        SessionLog log = SessionLog.inMemory();
        AtomicInteger missed = new AtomicInteger();
        log.subscribe(e -> {
            if (e instanceof SessionEvent.ProbeSample p && p.observed().contains("skipped")) {
                missed.incrementAndGet();
            }
        });
        List<Timed> probes = probes(env, transport);
        double cpu;
        try (ProbeScheduler scheduler = new ProbeScheduler(log, Clock.systemUTC())) {
            probes.forEach(scheduler::add);
            long cpuStart = processCpuNanos();
            long wallStart = System.nanoTime();
            scheduler.start();
            waitOut(RUN);
            cpu = (processCpuNanos() - cpuStart) / (double) (System.nanoTime() - wallStart);
        }
        return figures(probes, missed.get(), cpu);
    }

    private static Figures measureNaive(Environment env, OkHttpTransport transport) throws Exception {
        List<Timed> probes = probes(env, transport);
        SessionLog sink = SessionLog.inMemory();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(ProbeScheduler.DEFAULT_IO_THREADS);
        long cpuStart = processCpuNanos();
        long wallStart = System.nanoTime();
        for (Timed probe : probes) {
            pool.scheduleAtFixedRate(() -> probe.run().forEach(sink::append), 0, INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        waitOut(RUN);
        double cpu = (processCpuNanos() - cpuStart) / (double) (System.nanoTime() - wallStart);
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        return figures(probes, 0, cpu);
    }

    private static Figures figures(List<Timed> probes, int missed, double cpu) {
        List<Double> lateness = new ArrayList<>();
        int runs = 0;
        for (Timed probe : probes) {
            probe.intervalErrors(lateness);
            runs += probe.runs();
        }
        return new Figures(lateness, runs, missed, cpu);
    }

    /** The measurement is "while running for RUN": waiting it out is the benchmark, not a test delay. */
    private static void waitOut(Duration duration) throws InterruptedException {
        Object never = new Object();
        synchronized (never) {
            long until = System.nanoTime() + duration.toNanos();
            for (long left = duration.toMillis(); left > 0; left = (until - System.nanoTime()) / 1_000_000) {
                never.wait(left);
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
