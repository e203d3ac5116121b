package dev.quarterdeck.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executor;

/** Where every sandbox server listens: 127.0.0.1 only, so the demo is never reachable from the network. */
final class Loopback {
    /** Room for a test's or a load burst's connection storm without the kernel dropping SYNs. */
    private static final int BACKLOG = 1_024;

    private Loopback() {}

    /** Binds (but does not start) a server; a taken port fails with a message naming it. */
    static HttpServer bind(int port, Executor handlers) throws IOException {
        JvmSettings.applyDefaults();
        InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(loopback, port), BACKLOG);
        } catch (BindException e) {
            // "Address already in use" is the usual cause; a privileged port says "Permission denied".
            String why = e.getMessage() != null && e.getMessage().contains("in use")
                    ? " is already in use"
                    : ": cannot listen there (" + e.getMessage() + ")";
            BindException named = new BindException("127.0.0.1:" + port + why);
            named.initCause(e);
            throw named;
        }
        server.setExecutor(handlers);
        return server;
    }

    static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
