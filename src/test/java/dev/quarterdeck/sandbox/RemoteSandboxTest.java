package dev.quarterdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A standalone sandbox's fault knobs over its admin API. */
class RemoteSandboxTest {

    @Test
    void faultsSetRemotelyAreTheSandboxesFaults() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(0))) {
            RemoteSandbox remote = new RemoteSandbox(sandbox.adminUrl(), HttpClient.newHttpClient(), Duration.ofSeconds(10));

            remote.setCanaryFaults(new CanaryFaults(0.25, Duration.ofMillis(150)));

            assertThat(sandbox.canaryFaults()).isEqualTo(new CanaryFaults(0.25, Duration.ofMillis(150)));
            assertThat(remote.canaryFaults()).isEqualTo(sandbox.canaryFaults());
            assertThat(remote.faultsUrl()).isEqualTo(sandbox.faultsUrl());
        }
    }

    @Test
    void aSandboxThatIsNotThereIsAnIoErrorNamingTheUrl() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        RemoteSandbox remote = new RemoteSandbox(URI.create("http://127.0.0.1:" + freePort), HttpClient.newHttpClient(),
                Duration.ofSeconds(10));

        assertThatThrownBy(remote::canaryFaults)
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("GET http://127.0.0.1:" + freePort + "/canary/faults: ")
                .hasMessageContaining("ConnectException");
    }

    @Test
    void aRefusalCarriesTheSandboxesOwnMessage() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withRequestsPerSecond(0))) {
            // Not the admin API: the stable service answers its work endpoint with text, not a faults body.
            RemoteSandbox wrongUrl = new RemoteSandbox(sandbox.stableUrl(), HttpClient.newHttpClient(), Duration.ofSeconds(10));

            assertThatThrownBy(wrongUrl::canaryFaults)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("GET " + sandbox.stableUrl() + "/canary/faults: HTTP 200 but not a faults body");
        }
    }
}
