package dev.quarterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.rollout.Pacing;
import dev.quarterdeck.sandbox.Sandbox;
import dev.quarterdeck.sandbox.SandboxConfig;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.testing.PrometheusServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A console opened in the middle of a release starts with charts filled from what Prometheus already holds. */
class ChartHistoryTest {
    @TempDir
    Path dir;

    @Test
    void theChartsStartWithWhatPrometheusAlreadyHolds() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(100)
                        .withInitialCanaryWeight(50));
                PrometheusServer prometheus = PrometheusServer.builder().job("checkout")
                        .target(sandbox.stableUrl(), Map.of("track", "stable"))
                        .target(sandbox.canaryUrl(), Map.of("track", "canary"))
                        .start()) {
            prometheus.awaitScrapes(6);
            ReleasePlan plan = PlanLoader.parse("checkout.yaml", """
                    apiVersion: quarterdeck/v1
                    metadata: {name: checkout, version: "1.5.0", owner: payments}
                    environments:
                      - name: staging
                        traffic: {sandbox: {url: "%s"}}
                        metrics:
                          prometheus:
                            url: %s
                            interval: 1s
                            window: 3s
                            queries:
                              request-rate: sum(rate(http_requests_total{track="{{track}}"}[{{window}}]))
                    """.formatted(sandbox.adminUrl(), prometheus.url()));
            Instant opened = Instant.now();
            try (LiveSession session = LiveSession.open(plan, plan.environments().get(0), new Actor("ana"),
                    Clock.systemUTC(), Map.of(), dir, Pacing.standard())) {
                CompletableFuture<SessionEvent.MetricSample> fromBefore = new CompletableFuture<>();
                session.log().subscribe(e -> {
                    if (e instanceof SessionEvent.MetricSample s && s.track() == Track.CANARY
                            && s.outcome() == Outcome.PASS && s.at().isBefore(opened.minusSeconds(2))) {
                        fromBefore.complete(s);
                    }
                });
                SessionEvent.MetricSample early = fromBefore.get(30, TimeUnit.SECONDS);
                assertThat(early.value()).as("canary requests per second before the session").isPositive();

                List<Instant> times = session.log().events().stream()
                        .filter(e -> e instanceof SessionEvent.MetricSample s && s.track() == Track.CANARY)
                        .map(SessionEvent::at).toList();
                assertThat(times).as("history first, then live samples: in time order").isSorted();
            }
        }
    }
}
