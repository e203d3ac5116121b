package dev.quarterdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A standalone sandbox's fault knobs over its admin API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteSandboxTest {
    private Sandbox sandbox;
    private HttpClient http;

    @BeforeAll
    void start() throws IOException {
        sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(0));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void faultsSetRemotelyAreTheSandboxesFaults() throws Exception {
        RemoteSandbox remote = new RemoteSandbox(sandbox.adminUrl(), http, Duration.ofSeconds(10));

        remote.setCanaryFaults(new CanaryFaults(0.25, Duration.ofMillis(150)));

        assertThat(sandbox.canaryFaults()).isEqualTo(new CanaryFaults(0.25, Duration.ofMillis(150)));
        assertThat(remote.canaryFaults()).isEqualTo(sandbox.canaryFaults());
        assertThat(remote.faultsUrl()).isEqualTo(sandbox.faultsUrl());
    }

    @Test
    void aSandboxThatIsNotThereIsAnIoErrorNamingTheUrl() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        RemoteSandbox remote = new RemoteSandbox(URI.create("http://127.0.0.1:" + freePort), http, Duration.ofSeconds(10));

        assertThatThrownBy(remote::canaryFaults)
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("GET http://127.0.0.1:" + freePort + "/canary/faults: ")
                .hasMessageContaining("ConnectException");
    }

    @Test
    void aUrlThatIsNotTheAdminApiSaysWhatCameBack() {
        // The stable service answers its work endpoint with text, not with a faults body.
        RemoteSandbox wrongUrl = new RemoteSandbox(sandbox.stableUrl(), http, Duration.ofSeconds(10));

        assertThatThrownBy(wrongUrl::canaryFaults)
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("GET " + sandbox.stableUrl() + "/canary/faults: HTTP 200 but not a faults body");
    }

    @Test
    void anErrorStatusIsReportedWithTheBodyThatCameWithIt() {
        // A sick canary answers everything 500, /canary/faults included: a real error from a real server.
        sandbox.setCanaryFaults(new CanaryFaults(1.0, Duration.ZERO));
        try {
            RemoteSandbox wrongUrl = new RemoteSandbox(sandbox.canaryUrl(), http, Duration.ofSeconds(10));

            assertThatThrownBy(wrongUrl::canaryFaults)
                    .isInstanceOf(IOException.class)
                    .hasMessage("GET " + sandbox.canaryUrl() + "/canary/faults: HTTP 500: canary "
                            + SandboxConfig.DEFAULT_CANARY_VERSION + " error (injected fault)");
        } finally {
            sandbox.setCanaryFaults(CanaryFaults.NONE);
        }
    }
}
