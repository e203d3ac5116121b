package dev.quarterdeck.probe.adapter;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import okhttp3.OkHttpClient;

/**
 * <strong>Dangerous:</strong> makes an {@link OkHttpClient} accept any certificate for any host. Anyone on
 * the network path can then read and change the traffic, tokens included. It exists for environments whose
 * plan says {@code insecureTls: true} (a staging Kong or Prometheus behind a self-signed certificate), where
 * the console shows a standing banner; never apply it to a shared client, build a separate one:
 *
 * <pre>{@code
 * OkHttpClient insecure = InsecureTls.apply(shared.newBuilder()).build();
 * }</pre>
 *
 * The better fix is always to trust the environment's CA instead.
 */
public final class InsecureTls {
    private InsecureTls() {}

    /**
     * Turns off certificate and host name verification on {@code builder}, and returns it.
     *
     * @throws IllegalStateException when the JDK offers no TLS context (it always does)
     */
    public static OkHttpClient.Builder apply(OkHttpClient.Builder builder) {
        TrustEverything trustEverything = new TrustEverything();
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustEverything}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context in this JDK", e);
        }
        return builder.sslSocketFactory(context.getSocketFactory(), trustEverything)
                .hostnameVerifier((host, session) -> true);
    }

    /**
     * Extended, so the JDK does not wrap it in its own checks (it wraps plain {@code X509TrustManager}s and
     * adds algorithm constraints, which would make "insecure" fail on an old certificate anyway).
     */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
