package dev.quarterdeck.traffic.adapter.kong;

import dev.quarterdeck.testing.FakeKong;
import static dev.quarterdeck.traffic.adapter.kong.KongRouterTest.CANARY;
import static dev.quarterdeck.traffic.adapter.kong.KongRouterTest.STABLE;
import static dev.quarterdeck.traffic.adapter.kong.KongRouterTest.T0;
import static dev.quarterdeck.traffic.adapter.kong.KongRouterTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.plan.ValueTemplate;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.CanaryWeight;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a Kong call fails, against a real HTTP server on loopback answering as Kong does: each failure says
 * what was attempted, whether trying again may help, and never shows the Admin API token.
 */
class KongRouterFailureTest {
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private static final Map<String, String> ENVIRONMENT = Map.of("KONG_ADMIN_TOKEN", TOKEN);

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

    private FakeKong serve(FakeKong kong) throws Exception {
        server.setDispatcher(kong);
        server.start(InetAddress.getLoopbackAddress(), 0);
        return kong;
    }

    private FakeKong kong() throws Exception {
        return serve(new FakeKong("checkout").target(STABLE, 90).target(CANARY, 10).requireToken(TOKEN));
    }

    private URI admin() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    private KongRouter router(URI admin, String canary, Function<String, String> environment, Duration timeout) {
        TrafficSpec.Kong spec = new TrafficSpec.Kong(admin, "checkout", STABLE, canary,
                Optional.of(ValueTemplate.of("${env:KONG_ADMIN_TOKEN}")));
        return new KongRouter(spec, CLIENT, clock, environment, timeout);
    }

    private KongRouter router() {
        return router(admin(), CANARY, ENVIRONMENT::get, Duration.ofSeconds(5));
    }

    /** The failure, checked for the token in its message and in every cause's message. */
    private static ActionException failure(ThrowingCall call) {
        ActionException failure = catchThrowableOfType(ActionException.class, call::run);
        assertThat(failure).as("an ActionException").isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
        }
        return failure;
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void aRejectedTokenIsPermanentAndNamesTheCall() throws Exception {
        kong();
        KongRouter router = router(admin(), CANARY, Map.of("KONG_ADMIN_TOKEN", "kong-adm-expired-0000")::get,
                Duration.ofSeconds(5));

        ActionException failure = failure(() -> router.setCanaryWeight(CanaryWeight.of(10)));

        assertThat(failure.transientFailure()).isFalse();
        assertThat(failure.getMessage()).startsWith("PATCH " + admin()
                + "/upstreams/checkout/targets/checkout-stable:3000: HTTP 401: Kong did not accept the Admin API"
                + " credentials; check the token in KONG_ADMIN_TOKEN").doesNotContain("kong-adm-expired-0000");
    }

    @Test
    void withoutATokenConfiguredNoneIsSentAndThe401SaysSo() throws Exception {
        kong();
        TrafficSpec.Kong spec = new TrafficSpec.Kong(admin(), "checkout", STABLE, CANARY, Optional.empty());

        ActionException failure = failure(() -> new KongRouter(spec, CLIENT, clock, ENVIRONMENT::get)
                .readCanaryWeight());

        assertThat(failure.getMessage()).contains("HTTP 401").contains("no token is configured");
        assertThat(server.takeRequest().getHeaders().get("Kong-Admin-Token")).isNull();
    }

    @Test
    void aTokenWithoutTheRightRoleIsPermanent() throws Exception {
        serve(new FakeKong("checkout").target(STABLE, 90).target(CANARY, 10).requireToken(TOKEN).forbidWrites());

        ActionException failure = failure(() -> router().setCanaryWeight(CanaryWeight.of(50)));

        assertThat(failure.transientFailure()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("PATCH " + admin()
                + "/upstreams/checkout/targets/checkout-stable:3000: HTTP 403: the Admin API token may not do this"
                + " (check its RBAC role) (Kong says: You do not have permissions to update this resource)");
    }

    @Test
    void aMissingTargetIsPermanentAndSaysWhatWasAlreadyWritten() throws Exception {
        FakeKong kong = kong();

        ActionException failure = failure(() -> router(admin(), "checkout-canary:4000", ENVIRONMENT::get,
                Duration.ofSeconds(5)).setCanaryWeight(CanaryWeight.of(10)));

        assertThat(failure.transientFailure()).isFalse();
        assertThat(failure.getMessage()).startsWith("PATCH " + admin()
                + "/upstreams/checkout/targets/checkout-canary:4000: HTTP 404: Kong has no target checkout-canary:4000"
                + " in upstream checkout").endsWith("(the stable target checkout-stable:3000 already has weight 90)");
        assertThat(kong.writes()).containsExactly(STABLE + "=90");
    }

    @Test
    void aDbLessKongIsPermanentAndSaysWhereWeightsAreSet() throws Exception {
        serve(new FakeKong("checkout").target(STABLE, 90).target(CANARY, 10).requireToken(TOKEN).dbLess());

        ActionException failure = failure(() -> router().setCanaryWeight(CanaryWeight.of(50)));

        assertThat(failure.transientFailure()).isFalse();
        assertThat(failure.getMessage()).startsWith("PATCH " + admin() + "/upstreams/checkout/targets/"
                + "checkout-stable:3000: HTTP 405: Kong runs DB-less: weights are set in its declarative config, not"
                + " through the Admin API");
    }

    @Test
    void aDbLessRefusalIsRecognisedByItsMessageToo() throws Exception {
        kong().thenAnswer(json(400, "{\"message\":\"this instance runs in DB-less mode; use declarative config\"}"));

        ActionException failure = failure(() -> router().setCanaryWeight(CanaryWeight.of(50)));

        assertThat(failure.transientFailure()).isFalse();
        assertThat(failure.getMessage()).contains(": HTTP 400: " + KongAdminApi.DB_LESS);
    }

    @Test
    void aServerErrorIsTransientAndTheNextTryGoesThrough() throws Exception {
        kong().thenAnswer(json(500, "{\"message\":\"An unexpected error occurred\"}"));
        KongRouter router = router();

        ActionException failure = failure(() -> router.setCanaryWeight(CanaryWeight.of(25)));

        assertThat(failure.transientFailure()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("PATCH " + admin() + "/upstreams/checkout/targets/"
                + "checkout-stable:3000: HTTP 500 (Kong says: An unexpected error occurred)");
        assertThat(router.setCanaryWeight(CanaryWeight.of(25)).weight()).isEqualTo(CanaryWeight.of(25));
    }

    @Test
    void aKongThatNeverAnswersTimesOutTransiently() throws Exception {
        kong().thenAnswer(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

        ActionException failure = failure(() -> router(admin(), CANARY, ENVIRONMENT::get, Duration.ofMillis(300))
                .readCanaryWeight());

        assertThat(failure.transientFailure()).isTrue();
        assertThat(failure.getMessage())
                .isEqualTo("GET " + admin() + "/upstreams/checkout/targets: timed out after 300 ms");
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        URI nothingListens;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothingListens = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        ActionException failure = failure(() -> router(nothingListens, CANARY, ENVIRONMENT::get,
                Duration.ofSeconds(5)).readCanaryWeight());

        assertThat(failure.transientFailure()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("GET " + nothingListens
                + "/upstreams/checkout/targets: connection refused");
    }

    @Test
    void anAnswerThatIsNotJsonIsPermanent() throws Exception {
        kong().thenAnswer(new MockResponse.Builder().code(200).body("<html><body>Welcome to nginx!</body></html>")
                .build());

        ActionException failure = failure(() -> router().readCanaryWeight());

        assertThat(failure.transientFailure()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("GET " + admin() + "/upstreams/checkout/targets: HTTP 200 but the"
                + " answer is not JSON: <html><body>Welcome to nginx!</body></html>");
    }

    @Test
    void aTokenKongEchoesBackIsBlankedOut() throws Exception {
        kong().thenAnswer(json(401, "{\"message\":\"token " + TOKEN + " has expired\"}"));

        ActionException failure = failure(() -> router().readCanaryWeight());

        assertThat(failure.getMessage()).contains("(Kong says: token (token) has expired)");
    }

    @Test
    void aMissingTokenVariableIsPermanentNamesItAndSendsNothing() throws Exception {
        kong();

        ActionException failure = failure(() -> router(admin(), CANARY, name -> null, Duration.ofSeconds(5))
                .setCanaryWeight(CanaryWeight.of(10)));

        assertThat(failure.transientFailure()).isFalse();
        assertThat(failure.getMessage())
                .isEqualTo("the Kong Admin API token needs environment variable KONG_ADMIN_TOKEN, which is not set");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aTokenHttpCannotCarryIsRefusedWithoutQuotingIt() throws Exception {
        kong();

        ActionException failure = failure(() -> router(admin(), CANARY, Map.of("KONG_ADMIN_TOKEN", TOKEN + "\n")::get,
                Duration.ofSeconds(5)).readCanaryWeight());

        assertThat(failure.transientFailure()).isFalse();
        assertThat(failure.getMessage()).startsWith("the Kong Admin API token (from KONG_ADMIN_TOKEN) is empty or"
                + " holds a character an HTTP header cannot carry");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aNextPageOnAnotherServerIsNotFollowedWithTheToken() throws Exception {
        kong().thenAnswer(json(200, "{\"data\":[],\"next\":\"http://kong.attacker.example:8001/upstreams/checkout"
                + "/targets?offset=1\"}"));

        ActionException failure = failure(() -> router().readCanaryWeight());

        assertThat(failure.transientFailure()).isFalse();
        assertThat(failure.getMessage()).contains("Kong's next page is on another server");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theTokenIsInNoDescription() throws Exception {
        kong();

        assertThat(router().describe()).doesNotContain(TOKEN).doesNotContain("KONG_ADMIN_TOKEN");
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body)
                .build();
    }
}
