package dev.quarterdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every /metrics page is text format 0.0.4 that Prometheus would accept, with sane histograms. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsExpositionTest {
    private Sandbox sandbox;
    private HttpClient http;

    @BeforeAll
    void startWithSomeTraffic() throws Exception {
        sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(0).withInitialCanaryWeight(50));
        sandbox.setCanaryFaults(new CanaryFaults(0.2, java.time.Duration.ofMillis(30)));
        http = HttpClient.newHttpClient();
        try (Burst burst = new Burst(100)) {
            burst.send(sandbox.routerUrl(), 400);
        }
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void servicePagesAreWellFormedWithCumulativeBucketsEndingInInf() throws Exception {
        for (URI service : List.of(sandbox.stableUrl(), sandbox.canaryUrl())) {
            Scrape page = Scrape.of(http, service);
            assertWellFormed(page);

            List<Scrape.Bucket> buckets = page.buckets("http_request_duration_seconds");
            assertThat(buckets).extracting(Scrape.Bucket::le).containsExactly(
                    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0,
                    5.0, 10.0, Double.POSITIVE_INFINITY);
            for (int i = 1; i < buckets.size(); i++) {
                assertThat(buckets.get(i).count()).isGreaterThanOrEqualTo(buckets.get(i - 1).count());
            }
            double count = page.value("http_request_duration_seconds_count");
            assertThat(buckets.get(buckets.size() - 1).count()).isEqualTo(count);
            assertThat(count).isEqualTo(page.sum("http_requests_total")).isPositive();
            assertThat(page.value("http_request_duration_seconds_sum")).isPositive();
            assertThat(page.types()).containsEntry("http_requests_total", "counter")
                    .containsEntry("http_request_duration_seconds", "histogram");
        }
    }

    @Test
    void onlyWorkRequestsAreCounted() throws Exception {
        double before = Scrape.of(http, sandbox.stableUrl()).sum("http_requests_total");
        for (String probe : List.of("/health", "/ready", "/metrics")) {
            http.send(java.net.http.HttpRequest.newBuilder(sandbox.stableUrl().resolve(probe)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        }
        assertThat(Scrape.of(http, sandbox.stableUrl()).sum("http_requests_total")).isEqualTo(before);
    }

    @Test
    void theCanaryCountsItsErrorsByCode() throws Exception {
        Scrape canary = Scrape.of(http, sandbox.canaryUrl());

        assertThat(canary.value("http_requests_total", "code", "500")).isPositive();
        assertThat(canary.value("sandbox_service_info", "track", "canary", "version", "1.5.0-rc.1")).isEqualTo(1);
    }

    @Test
    void theRouterPageIsWellFormedAndCountsByTrack() throws Exception {
        Scrape router = Scrape.of(http, sandbox.routerUrl());

        assertWellFormed(router);
        assertThat(router.value("sandbox_router_requests_total", "track", "stable")
                        + router.value("sandbox_router_requests_total", "track", "canary"))
                .isGreaterThanOrEqualTo(400);
        assertThat(router.value("sandbox_router_canary_weight_percent")).isEqualTo(50);
        assertThat(router.types()).containsEntry("sandbox_load_requests_skipped_total", "counter");
    }

    /** The text format's rules: HELP and TYPE once per family, before its samples; samples parse. */
    private static void assertWellFormed(Scrape page) {
        assertThat(page.contentType()).startsWith("text/plain; version=0.0.4");
        Set<String> typed = new HashSet<>();
        List<String> helped = new ArrayList<>();
        for (String line : page.lines()) {
            if (line.startsWith("# HELP ")) {
                helped.add(line.split(" ")[2]);
            } else if (line.startsWith("# TYPE ")) {
                String family = line.split(" ")[2];
                assertThat(typed.add(family)).as("one TYPE line for %s", family).isTrue();
                assertThat(helped).as("HELP before TYPE for %s", family).endsWith(family);
                assertThat(line.split(" ")[3]).isIn("counter", "gauge", "histogram", "summary", "untyped");
            } else {
                assertThat(line).matches(Scrape.SAMPLE);
                String name = line.split("[{ ]")[0];
                String family = name.replaceFirst("_(bucket|sum|count)$", "");
                assertThat(typed).as("TYPE declared before sample %s", line).containsAnyOf(name, family);
            }
        }
        assertThat(page.samples()).isNotEmpty();
        assertThat(page.lines().get(page.lines().size() - 1)).isNotBlank();
    }
}
