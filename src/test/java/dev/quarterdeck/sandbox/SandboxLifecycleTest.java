package dev.quarterdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.plan.Track;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Starting, answering like a service, and stopping without leaving anything behind. */
class SandboxLifecycleTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachServiceAnswersHealthReadyAndNamesItsVersion() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(0).withVersions("2.0.0", "2.1.0-rc.3"))) {
            HttpResponse<String> health = get(sandbox.canaryUrl() + "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\",\"track\":\"canary\",\"version\":\"2.1.0-rc.3\"}");
            assertThat(get(sandbox.stableUrl() + "/health").body())
                    .isEqualTo("{\"status\":\"ok\",\"track\":\"stable\",\"version\":\"2.0.0\"}");
            assertThat(get(sandbox.stableUrl() + "/ready").statusCode()).isEqualTo(200);
            assertThat(get(sandbox.stableUrl() + "/anything/else").body()).isEqualTo("stable 2.0.0 ok\n");
        }
    }

    @Test
    void urlsAreLoopbackAndTheAdminApiIsOnTheRouter() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(0))) {
            assertThat(sandbox.routerUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(sandbox.stableUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(sandbox.canaryUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(sandbox.adminUrl()).isEqualTo(sandbox.routerUrl());
            assertThat(sandbox.weightUrl()).hasToString(sandbox.routerUrl() + "/router/weight");
            assertThat(sandbox.faultsUrl()).hasToString(sandbox.routerUrl() + "/canary/faults");
            assertThat(sandbox.services()).containsEntry("stable", sandbox.stableUrl())
                    .containsEntry("canary", sandbox.canaryUrl())
                    .containsEntry("router", sandbox.routerUrl());
            assertThat(sandbox.requestsPerSecond()).isZero();
            assertThat(sandbox.canaryWeight()).isZero();
            assertThat(sandbox.canaryFaults()).isEqualTo(CanaryFaults.NONE);
        }
    }

    @Test
    void closeStopsEveryServerAndLeavesNoThreadBehind() throws Exception {
        Set<Thread> before = liveThreads();
        Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(100));
        get(sandbox.routerUrl() + "/");
        int routerPort = sandbox.routerUrl().getPort();
        int canaryPort = sandbox.canaryUrl().getPort();

        sandbox.close();
        sandbox.close();

        assertRefused(routerPort);
        assertRefused(canaryPort);
        Set<Thread> left = liveThreads();
        left.removeAll(before);
        assertThat(left.stream().filter(t -> !t.isDaemon() || t.getName().startsWith("sandbox-")).map(Thread::getName))
                .as("threads the sandbox started and did not stop")
                .isEmpty();
    }

    @Test
    void aTakenRouterPortFailsWithItsNumberAndStartsNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Set<Thread> before = liveThreads();

            assertThatThrownBy(() -> Sandbox.start(SandboxConfig.defaults().withRouterPort(taken.getLocalPort())))
                    .isInstanceOf(BindException.class)
                    .hasMessage("127.0.0.1:" + taken.getLocalPort() + " is already in use");

            Set<Thread> left = liveThreads();
            left.removeAll(before);
            assertThat(left.stream().filter(t -> !t.isDaemon() || t.getName().startsWith("sandbox-")).map(Thread::getName))
                    .isEmpty();
        }
    }

    @Test
    void aServiceThatIsDownIsA502FromTheRouterNamingIt() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(0).withInitialCanaryWeight(100))) {
            sandbox.service(Track.CANARY).close();

            HttpResponse<String> answer = get(sandbox.routerUrl() + "/checkout");

            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(answer.body()).startsWith("sandbox router: canary at " + sandbox.canaryUrl() + " gave no answer (");
            assertThat(answer.headers().firstValue("X-Sandbox-Route")).hasValue("canary");
            String metrics = get(sandbox.routerUrl() + "/metrics").body();
            assertThat(metrics).contains("sandbox_router_backend_failures_total{track=\"canary\"} 1\n");
        }
    }

    @Test
    void aConfigOutsideItsRangesIsRefusedWithTheReason() {
        SandboxConfig defaults = SandboxConfig.defaults();
        assertThatThrownBy(() -> defaults.withRouterPort(70_000)).hasMessageContaining("router port must be 0..65535");
        assertThatThrownBy(() -> defaults.withRequestsPerSecond(-1)).hasMessageContaining("requests per second");
        assertThatThrownBy(() -> defaults.withVersions(" ", "1")).hasMessageContaining("stable version must not be blank");
        assertThatThrownBy(() -> defaults.withInitialCanaryWeight(101)).hasMessageContaining("0..100");
        assertThat(defaults.requestsPerSecond()).isEqualTo(50);
        assertThat(defaults.routerPort()).isZero();
        assertThat(defaults.stableVersion()).isEqualTo("1.4.2");
        assertThat(defaults.canaryVersion()).isEqualTo("1.5.0-rc.1");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(java.net.URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(int port) {
        assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    }
                })
                .isInstanceOf(ConnectException.class);
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }
}
