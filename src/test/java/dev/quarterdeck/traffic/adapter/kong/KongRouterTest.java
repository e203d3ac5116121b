package dev.quarterdeck.traffic.adapter.kong;

import dev.quarterdeck.testing.FakeKong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.plan.ValueTemplate;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.WeightReading;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Moving canary traffic on a Kong upstream, against a real HTTP server on loopback that answers as Kong's
 * Admin API does: what is written, in which order, and what is read back.
 */
class KongRouterTest {
    static final String TOKEN = "kong-adm-4f9c2e71b8d3";
    static final String STABLE = "checkout-stable:3000";
    static final String CANARY = "checkout-canary:3000";
    static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

    private final MockWebServer server = new MockWebServer();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    @AfterEach
    void stop() {
        server.close();
    }

    @AfterAll
    static void releaseClient() {
        CLIENT.dispatcher().executorService().shutdown();
        CLIENT.connectionPool().evictAll();
    }

    private FakeKong kong(int stableWeight, int canaryWeight) throws Exception {
        FakeKong kong = new FakeKong("checkout").target(STABLE, stableWeight).target(CANARY, canaryWeight)
                .requireToken(TOKEN);
        server.setDispatcher(kong);
        server.start(InetAddress.getLoopbackAddress(), 0);
        return kong;
    }

    private URI admin() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    private KongRouter router() {
        TrafficSpec.Kong spec = new TrafficSpec.Kong(admin(), "checkout", STABLE, CANARY,
                Optional.of(ValueTemplate.of("${env:KONG_ADMIN_TOKEN}")));
        return new KongRouter(spec, CLIENT, clock, Map.of("KONG_ADMIN_TOKEN", TOKEN)::get);
    }

    private List<RecordedRequest> received() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            requests.add(server.takeRequest());
        }
        return requests;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 50, 100})
    void setsBothTargetWeightsAndReadsTheShareBack(int percent) throws Exception {
        FakeKong kong = kong(90, 10);

        WeightReading reading = router().setCanaryWeight(CanaryWeight.of(percent));

        assertThat(reading.weight()).isEqualTo(CanaryWeight.of(percent));
        assertThat(reading.readAt()).isEqualTo(T0);
        assertThat(kong.weight(STABLE)).isEqualTo(100 - percent);
        assertThat(kong.weight(CANARY)).isEqualTo(percent);
        List<RecordedRequest> requests = received();
        assertThat(requests).hasSize(3);
        RecordedRequest canaryWrite = requests.stream()
                .filter(r -> r.getUrl().pathSegments().equals(List.of("upstreams", "checkout", "targets", CANARY)))
                .findFirst().orElseThrow();
        RecordedRequest stableWrite = requests.stream()
                .filter(r -> r.getUrl().pathSegments().equals(List.of("upstreams", "checkout", "targets", STABLE)))
                .findFirst().orElseThrow();
        assertThat(canaryWrite.getMethod()).isEqualTo("PATCH");
        assertThat(canaryWrite.getBody().utf8()).isEqualTo("{\"weight\":" + percent + "}");
        assertThat(canaryWrite.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(stableWrite.getMethod()).isEqualTo("PATCH");
        assertThat(stableWrite.getBody().utf8()).isEqualTo("{\"weight\":" + (100 - percent) + "}");
        RecordedRequest readBack = requests.get(2);
        assertThat(readBack.getMethod()).isEqualTo("GET");
        assertThat(readBack.getUrl().encodedPath()).isEqualTo("/upstreams/checkout/targets");
        assertThat(requests).allSatisfy(r -> assertThat(r.getHeaders().get("Kong-Admin-Token")).isEqualTo(TOKEN));
    }

    @Test
    void targetsAreAddressedByTheirTargetString() throws Exception {
        kong(100, 0);

        router().setCanaryWeight(CanaryWeight.of(10));

        assertThat(received()).extracting(r -> r.getUrl().encodedPath()).containsExactly(
                "/upstreams/checkout/targets/checkout-stable:3000",
                "/upstreams/checkout/targets/checkout-canary:3000",
                "/upstreams/checkout/targets");
    }

    @Test
    void aRollbackFromAllCanaryRaisesStableBeforeLoweringTheCanary() throws Exception {
        FakeKong kong = kong(0, 100);

        WeightReading reading = router().disableCanary();

        assertThat(kong.writes()).containsExactly(STABLE + "=100", CANARY + "=0");
        assertThat(reading.weight()).isEqualTo(CanaryWeight.NONE);
    }

    @Test
    void goingToAllCanaryRaisesTheCanaryFirst() throws Exception {
        FakeKong kong = kong(100, 0);

        router().setCanaryWeight(CanaryWeight.ALL);

        assertThat(kong.writes()).containsExactly(CANARY + "=100", STABLE + "=0");
    }

    @Test
    void theReadBackFollowsKongsNextPages() throws Exception {
        FakeKong kong = new FakeKong("checkout").target("checkout-legacy:3000", 0).target(STABLE, 75)
                .target("checkout-shadow:3000", 0).target(CANARY, 25).requireToken(TOKEN).pageSize(1);
        server.setDispatcher(kong);
        server.start(InetAddress.getLoopbackAddress(), 0);

        WeightReading reading = router().readCanaryWeight();

        assertThat(reading.weight()).isEqualTo(CanaryWeight.of(25));
        assertThat(received()).extracting(r -> r.getTarget()).containsExactly(
                "/upstreams/checkout/targets",
                "/upstreams/checkout/targets?offset=1",
                "/upstreams/checkout/targets?offset=2",
                "/upstreams/checkout/targets?offset=3");
    }

    @Test
    void theShareIsComputedFromWhateverWeightsKongHas() throws Exception {
        kong(3, 1);

        assertThat(router().readCanaryWeight().weight()).isEqualTo(CanaryWeight.of(25));
    }

    @Test
    void aCanaryWithAnyWeightIsNeverRoundedToZeroNorAStableToNothing() {
        assertThat(KongRouter.share(1, 1000)).isEqualTo(1);
        assertThat(KongRouter.share(1000, 1)).isEqualTo(99);
        assertThat(KongRouter.share(1, 2)).isEqualTo(33);
        assertThat(KongRouter.share(1, 7)).isEqualTo(13);
        assertThat(KongRouter.share(0, 5)).isZero();
        assertThat(KongRouter.share(5, 0)).isEqualTo(100);
    }

    @Test
    void bothTargetsAtZeroIsAnErrorNotAShare() throws Exception {
        kong(0, 0);

        ActionException failure = catchThrowableOfType(ActionException.class, () -> router().readCanaryWeight());

        assertThat(failure.transientFailure()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("Kong upstream checkout at " + admin()
                + " sends no traffic to either target: checkout-stable:3000 and checkout-canary:3000 both have"
                + " weight 0");
    }

    @Test
    void describesTheUpstreamAndTheAdminUrlOnly() throws Exception {
        kong(100, 0);
        URI withCredentials = URI.create("http://ops:hunter22@127.0.0.1:" + server.getPort() + "/?key=" + TOKEN);
        TrafficSpec.Kong spec = new TrafficSpec.Kong(withCredentials, "checkout", STABLE, CANARY,
                Optional.of(ValueTemplate.of("${env:KONG_ADMIN_TOKEN}")));

        String described = new KongRouter(spec, CLIENT, clock, Map.of("KONG_ADMIN_TOKEN", TOKEN)::get).describe();

        assertThat(described).isEqualTo("Kong upstream checkout at " + admin())
                .doesNotContain(TOKEN).doesNotContain("hunter22");
        assertThat(new KongRouter(new TrafficSpec.Kong(URI.create("http://kong:8001/"), "checkout", STABLE, CANARY,
                Optional.empty()), CLIENT, clock, name -> null).describe())
                .isEqualTo("Kong upstream checkout at http://kong:8001");
    }

    @Test
    void verifyPassesWhenTheUpstreamHasBothTargets() throws Exception {
        kong(100, 0);

        router().verify();

        assertThat(received()).extracting(r -> r.getMethod() + " " + r.getTarget())
                .containsExactly("GET /upstreams/checkout", "GET /upstreams/checkout/targets");
    }

    @Test
    void verifySaysWhenTheUpstreamIsMissing() throws Exception {
        server.setDispatcher(new FakeKong("payments").target(STABLE, 100).requireToken(TOKEN));
        server.start(InetAddress.getLoopbackAddress(), 0);

        ActionException failure = catchThrowableOfType(ActionException.class, () -> router().verify());

        assertThat(failure.transientFailure()).isFalse();
        assertThat(failure.getMessage())
                .isEqualTo("GET " + admin() + "/upstreams/checkout: HTTP 404: Kong has no upstream checkout");
    }

    @Test
    void verifySaysWhichTargetIsMissingAndWhichExist() throws Exception {
        server.setDispatcher(new FakeKong("checkout").target(STABLE, 100).target("checkout-canary:8000", 0)
                .requireToken(TOKEN));
        server.start(InetAddress.getLoopbackAddress(), 0);

        ActionException failure = catchThrowableOfType(ActionException.class, () -> router().verify());

        assertThat(failure.transientFailure()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("Kong upstream checkout at " + admin()
                + " has no canary target checkout-canary:3000 (it has checkout-stable:3000, checkout-canary:8000)");
    }

    @Test
    void verifyNamesBothWhenBothAreMissing() throws Exception {
        server.setDispatcher(new FakeKong("checkout").requireToken(TOKEN));
        server.start(InetAddress.getLoopbackAddress(), 0);

        ActionException failure = catchThrowableOfType(ActionException.class, () -> router().verify());

        assertThat(failure.getMessage()).endsWith(" has no stable target checkout-stable:3000 and no canary target"
                + " checkout-canary:3000 (it has no targets)");
    }
}
