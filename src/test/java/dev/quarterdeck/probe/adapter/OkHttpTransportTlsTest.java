package dev.quarterdeck.probe.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.probe.HttpFailure;
import dev.quarterdeck.probe.HttpProbe;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TLS against a real HTTPS server on loopback with a self-signed certificate: the default client refuses it
 * and says why, the insecure client of an {@code insecureTls: true} environment accepts it.
 */
class OkHttpTransportTlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC);

    private final MockWebServer server = new MockWebServer();
    private HeldCertificate certificate;
    private OkHttpClient client;

    /** Serves HTTPS on 127.0.0.1 with a self-signed certificate naming {@code certifiedHost}. */
    private URI serveHttps(String certifiedHost) throws Exception {
        certificate = new HeldCertificate.Builder()
                .commonName(certifiedHost)
                .addSubjectAlternativeName(certifiedHost)
                .build();
        HandshakeCertificates serverSide = new HandshakeCertificates.Builder()
                .heldCertificate(certificate)
                .build();
        server.useHttps(serverSide.sslSocketFactory());
        server.enqueue(new MockResponse.Builder().code(200).body("ok\n").build());
        server.start(InetAddress.getLoopbackAddress(), 0);
        return URI.create("https://127.0.0.1:" + server.getPort() + "/health");
    }

    @AfterEach
    void stop() {
        server.close();
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static HttpProbe healthProbe(URI url, OkHttpClient client) {
        ProbeSpec.Http spec = new ProbeSpec.Http(Optional.empty(), "", Optional.of(url), "GET", Map.of(),
                Optional.empty(), 200, Optional.empty(), List.of(), Optional.empty());
        Probe probe = new Probe("api-health", Duration.ofSeconds(5), TIMEOUT, spec);
        Environment environment = new Environment("production", true, new TrafficSpec.Sandbox(Optional.empty(), 50),
                new MetricsSpec.Scrape(Duration.ofSeconds(10), Duration.ofMinutes(1),
                        MetricsSpec.Scrape.DEFAULT_REQUESTS_COUNTER, MetricsSpec.Scrape.DEFAULT_LATENCY_HISTOGRAM,
                        MetricsSpec.Scrape.DEFAULT_PATH),
                Map.of());
        return new HttpProbe(probe, environment, new OkHttpTransport(client), CLOCK);
    }

    @Test
    void theDefaultClientRefusesASelfSignedCertificateAndSaysSo() throws Exception {
        URI url = serveHttps("127.0.0.1");
        client = new OkHttpClient();

        ProbeSample sample = healthProbe(url, client).check();

        assertThat(sample.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(sample.observed())
                .isEqualTo("TLS: certificate for 127.0.0.1 is not trusted (self-signed?) at " + url);
    }

    @Test
    void theTransportReportsItAsATlsFailure() throws Exception {
        URI url = serveHttps("127.0.0.1");
        client = new OkHttpClient();

        HttpFailure failure = catchThrowableOfType(HttpFailure.class,
                () -> new OkHttpTransport(client).get(url, TIMEOUT));

        assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TLS);
        assertThat(failure.url()).isEqualTo(url);
    }

    @Test
    void theInsecureClientOfAnInsecureTlsEnvironmentAcceptsIt() throws Exception {
        URI url = serveHttps("127.0.0.1");
        client = InsecureTls.apply(new OkHttpClient.Builder()).build();

        ProbeSample sample = healthProbe(url, client).check();

        assertThat(sample.outcome()).isEqualTo(Outcome.PASS);
        assertThat(sample.observed()).matches("HTTP 200 in \\d+ ms");
    }

    @Test
    void aTrustedCertificateForAnotherHostIsAHostNameMismatch() throws Exception {
        URI url = serveHttps("kong.internal");
        HandshakeCertificates trustingIt = new HandshakeCertificates.Builder()
                .addTrustedCertificate(certificate.certificate())
                .build();
        client = new OkHttpClient.Builder()
                .sslSocketFactory(trustingIt.sslSocketFactory(), trustingIt.trustManager())
                .build();

        ProbeSample sample = healthProbe(url, client).check();

        assertThat(sample.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(sample.observed()).isEqualTo(
                "TLS: certificate does not match host 127.0.0.1 (it is for kong.internal) at " + url);
    }

    @Test
    void theInsecureClientAlsoSkipsTheHostNameCheck() throws Exception {
        URI url = serveHttps("kong.internal");
        client = InsecureTls.apply(new OkHttpClient.Builder()).build();

        assertThat(healthProbe(url, client).check().outcome()).isEqualTo(Outcome.PASS);
    }
}
