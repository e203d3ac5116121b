package dev.quarterdeck.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.probe.adapter.OkHttpTransport;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import dev.quarterdeck.session.SessionLog;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProbeSchedulerTest {
    private static final OkHttpClient CLIENT = new OkHttpClient();
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock(T0);
    private final HttpTransport transport = new OkHttpTransport(CLIENT);
    private final SessionLog log = SessionLog.inMemory();
    private LoopbackServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new LoopbackServer();
        server.answer("/health", 200, "ok\n").answer("/ready", 200, "ok\n");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @AfterAll
    static void releaseClient() {
        CLIENT.dispatcher().executorService().shutdown();
        CLIENT.connectionPool().evictAll();
    }

    private HttpProbe httpProbe(String id, URI base, String path, Duration interval, Duration timeout, Clock at) {
        Probe probe = new Probe(id, interval, timeout, new dev.quarterdeck.plan.ProbeSpec.Http("svc", path, 200));
        return new HttpProbe(probe, HttpProbeTest.environment(Map.of("svc", base)), transport, at);
    }

    private List<ProbeSample> samplesOf(String probe) {
        return log.events().stream()
                .filter(ProbeSample.class::isInstance)
                .map(ProbeSample.class::cast)
                .filter(s -> s.probe().equals(probe))
                .toList();
    }

    @Test
    void runsATaskWhenDueAndNeverStartsItAgainWhileARunIsInFlight() {
        server.hold("/health");
        try (ProbeScheduler scheduler = new ProbeScheduler(log, clock, 4)) {
            scheduler.add(httpProbe("health", server.base(), "/health", FIVE_SECONDS, Duration.ofMinutes(1), clock));

            scheduler.tick();
            Eventually.await("the first request to arrive", () -> server.hits("/health") == 1);
            clock.advance(Duration.ofSeconds(2));
            scheduler.tick();
            assertThat(scheduler.counts()).containsEntry("health", new RunCounts(1, 0, 0));

            clock.advance(Duration.ofSeconds(3));
            scheduler.tick();

            assertThat(scheduler.counts()).containsEntry("health", new RunCounts(1, 0, 1));
            assertThat(samplesOf("health")).singleElement().satisfies(s -> {
                assertThat(s.at()).isEqualTo(T0.plusSeconds(5));
                assertThat(s.outcome()).isEqualTo(Outcome.ERROR);
                assertThat(s.observed()).isEqualTo(
                        "GET " + server.url("/health") + ": previous run still running after 5 s; skipped");
            });

            server.release("/health");
            Eventually.await("the held run to finish", () -> scheduler.counts().get("health").finished() == 1);
            assertThat(samplesOf("health")).extracting(ProbeSample::outcome)
                    .containsExactly(Outcome.ERROR, Outcome.PASS);
            // Stamped when it started, by the scheduler's clock.
            assertThat(samplesOf("health").get(1).at()).isEqualTo(T0);

            clock.advance(FIVE_SECONDS);
            scheduler.tick();
            Eventually.await("the next run to finish", () -> scheduler.counts().get("health").finished() == 2);
            assertThat(server.hits("/health")).isEqualTo(2);
        }
    }

    @Test
    void afterALongStallATaskRunsOnceNotOncePerMissedBeat() {
        try (ProbeScheduler scheduler = new ProbeScheduler(log, clock, 4)) {
            scheduler.add(httpProbe("ready", server.base(), "/ready", FIVE_SECONDS, FIVE_SECONDS, clock));
            scheduler.tick();
            Eventually.await("the first run", () -> scheduler.counts().get("ready").finished() == 1);

            clock.advance(Duration.ofHours(1));
            scheduler.tick();
            scheduler.tick();
            Eventually.await("the second run", () -> scheduler.counts().get("ready").finished() == 2);

            assertThat(scheduler.counts()).containsEntry("ready", new RunCounts(2, 2, 0));
        }
    }

    @Test
    void everyTaskFallingDueAtOnceGetsAThreadEvenWithOneHung() throws Exception {
        server.hold("/health");
        try (ProbeScheduler scheduler = new ProbeScheduler(log, clock, 1)) {
            scheduler.add(httpProbe("health", server.base(), "/health", FIVE_SECONDS, Duration.ofMinutes(1), clock));
            scheduler.add(httpProbe("ready", server.base(), "/ready", FIVE_SECONDS, FIVE_SECONDS, clock));

            scheduler.tick();

            Eventually.await("the ready probe answers", () -> !samplesOf("ready").isEmpty());
            assertThat(scheduler.counts()).containsEntry("health", new RunCounts(1, 0, 0));
            assertThat(samplesOf("ready")).singleElement()
                    .satisfies(s -> assertThat(s.outcome()).isEqualTo(Outcome.PASS));
        }
    }

    @Test
    void aTaskThatThrowsIsRecordedAsAnErrorAndKeepsItsSchedule() {
        // The one stand-in in these tests: no real probe kind throws, and this checks what happens if one does.
        ProbeTask broken = new ProbeTask() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Duration interval() {
                return FIVE_SECONDS;
            }

            @Override
            public Duration timeout() {
                return FIVE_SECONDS;
            }

            @Override
            public List<SessionEvent> run() {
                throw new IllegalStateException("bug in a probe kind");
            }

            @Override
            public List<SessionEvent> missed(Instant at, String reason) {
                return List.of(new ProbeSample(at, "broken", Outcome.ERROR, reason, Duration.ZERO));
            }
        };
        try (ProbeScheduler scheduler = new ProbeScheduler(log, clock, 2)) {
            scheduler.add(broken);
            scheduler.tick();
            Eventually.await("the crashed run to be recorded", () -> samplesOf("broken").size() == 1);

            assertThat(samplesOf("broken").get(0).observed())
                    .isEqualTo("crashed: java.lang.IllegalStateException: bug in a probe kind");
            Eventually.await("the run to count as finished", () -> scheduler.counts().get("broken").finished() == 1);
            clock.advance(FIVE_SECONDS);
            scheduler.tick();
            Eventually.await("the next run", () -> samplesOf("broken").size() == 2);
        }
    }

    @Test
    void taskNamesAreUnique() {
        try (ProbeScheduler scheduler = new ProbeScheduler(log, clock, 2)) {
            scheduler.add(httpProbe("ready", server.base(), "/ready", FIVE_SECONDS, FIVE_SECONDS, clock));

            assertThatThrownBy(() -> scheduler.add(
                    httpProbe("ready", server.base(), "/health", FIVE_SECONDS, FIVE_SECONDS, clock)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'ready' is already scheduled");
        }
    }

    @Test
    void aHungTargetNeverDelaysAnotherProbeAndCloseReturnsPromptly() throws Exception {
        Clock wall = Clock.systemUTC();
        Duration every = Duration.ofMillis(20);
        CountDownLatch healthyPasses = new CountDownLatch(10);
        log.subscribe(e -> {
            if (e instanceof ProbeSample s && s.probe().equals("healthy") && s.outcome() == Outcome.PASS) {
                healthyPasses.countDown();
            }
        });
        try (SilentServer silent = new SilentServer()) {
            ProbeScheduler scheduler = new ProbeScheduler(log, wall, 4);
            // The hung call's own deadline is far beyond the test: only close() and the scheduler's
            // no-pile-up rule stand between it and everything else.
            scheduler.add(httpProbe("hung", silent.base(), "/health", every, Duration.ofMinutes(5), wall));
            scheduler.add(httpProbe("healthy", server.base(), "/health", every, FIVE_SECONDS, wall));
            scheduler.start(Duration.ofMillis(5));

            assertThat(healthyPasses.await(Eventually.DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .as("ten healthy samples while the other probe hangs").isTrue();
            Eventually.await("three skipped beats of the hung probe",
                    () -> scheduler.counts().get("hung").missed() >= 3);

            RunCounts hung = scheduler.counts().get("hung");
            assertThat(hung.started()).isEqualTo(1);
            assertThat(hung.finished()).isZero();
            assertThat(samplesOf("hung")).isNotEmpty().allSatisfy(s -> {
                assertThat(s.outcome()).isEqualTo(Outcome.ERROR);
                assertThat(s.observed()).startsWith("GET " + silent.url("/health") + ": previous run still running after");
            });
            assertThat(Thread.getAllStackTraces().keySet())
                    .filteredOn(t -> t.getName().startsWith("quarterdeck-probe-"))
                    .isNotEmpty()
                    .allMatch(Thread::isDaemon);

            // close() must not wait for the hung call; the deadline below only keeps a broken close() from
            // hanging the build.
            CompletableFuture.runAsync(scheduler::close).get(Eventually.DEADLINE.toSeconds(), TimeUnit.SECONDS);

            int recorded = log.events().size();
            scheduler.tick();
            assertThat(log.events()).hasSize(recorded);
        }
        Eventually.await("the scheduler's threads to end", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("quarterdeck-probe-")));
    }
}
