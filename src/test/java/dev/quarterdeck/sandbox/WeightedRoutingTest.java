package dev.quarterdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real requests through the real router, counted where they landed: in each service's own /metrics. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeightedRoutingTest {
    private static final String REQUESTS = "http_requests_total";
    private static final String ROUTED = "sandbox_router_requests_total";

    private Sandbox sandbox;
    private HttpClient http;
    private Burst burst;

    @BeforeAll
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(0));
        http = HttpClient.newHttpClient();
        burst = new Burst(200);
    }

    @AfterAll
    void stop() {
        burst.close();
        sandbox.close();
    }

    @Test
    void atTwentyPercentFiveThousandRequestsGiveTheCanaryItsShareAsTheServicesCountIt() throws Exception {
        sandbox.setCanaryWeight(20);
        Counts before = counts();

        List<Integer> statuses = burst.send(sandbox.routerUrl().resolve("/checkout"), 5_000);

        Counts gained = counts().minus(before);
        assertThat(statuses).containsOnly(200);
        assertThat(gained.stable + gained.canary).isEqualTo(5_000);
        assertThat(gained.canary / 5_000.0).isCloseTo(0.20, within(0.02));
        // Error diffusion, not a coin: the router's own decisions are exact to one request...
        assertThat(gained.routedCanary).isBetween(999.0, 1_001.0);
        // ...and every one of them reached the service it was sent to.
        assertThat(gained.canary).isEqualTo(gained.routedCanary);
        assertThat(gained.stable).isEqualTo(gained.routedStable);
    }

    @Test
    void atZeroPercentTheCanaryGetsNothing() throws Exception {
        sandbox.setCanaryWeight(0);
        Counts before = counts();

        List<Integer> statuses = burst.send(sandbox.routerUrl(), 300);

        Counts gained = counts().minus(before);
        assertThat(statuses).containsOnly(200);
        assertThat(gained.canary).isZero();
        assertThat(gained.stable).isEqualTo(300);
    }

    @Test
    void atOneHundredPercentTheCanaryGetsEverything() throws Exception {
        sandbox.setCanaryWeight(100);
        Counts before = counts();

        List<Integer> statuses = burst.send(sandbox.routerUrl(), 300);

        Counts gained = counts().minus(before);
        assertThat(statuses).containsOnly(200);
        assertThat(gained.stable).isZero();
        assertThat(gained.canary).isEqualTo(300);
    }

    @Test
    void theRouterRelaysTheAnsweringServicesBodyAndNamesTheRoute() throws Exception {
        sandbox.setCanaryWeight(100);
        var response = http.send(
                java.net.http.HttpRequest.newBuilder(sandbox.routerUrl().resolve("/orders?id=7")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("canary " + SandboxConfig.DEFAULT_CANARY_VERSION + " ok\n");
        assertThat(response.headers().firstValue("X-Sandbox-Route")).hasValue("canary");
        assertThat(response.headers().firstValue("X-Sandbox-Version")).hasValue(SandboxConfig.DEFAULT_CANARY_VERSION);
    }

    private Counts counts() throws Exception {
        Scrape stable = Scrape.of(http, sandbox.stableUrl());
        Scrape canary = Scrape.of(http, sandbox.canaryUrl());
        Scrape router = Scrape.of(http, sandbox.routerUrl());
        return new Counts(
                stable.sum(REQUESTS),
                canary.sum(REQUESTS),
                router.value(ROUTED, "track", "stable"),
                router.value(ROUTED, "track", "canary"));
    }

    private record Counts(double stable, double canary, double routedStable, double routedCanary) {
        Counts minus(Counts earlier) {
            return new Counts(
                    stable - earlier.stable,
                    canary - earlier.canary,
                    routedStable - earlier.routedStable,
                    routedCanary - earlier.routedCanary);
        }
    }
}
