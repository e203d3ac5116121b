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

    /**
     * The JDK server writes response headers and body as two segments; with Nagle's algorithm on, the body
     * waits for the client's delayed ACK, adding ~40 ms to every answer on Linux. Real services set
     * TCP_NODELAY, and the sandbox's latency must be the simulated one, so turn it on unless someone chose.
     * The JDK reads this property once, when its first HttpServer is created in the JVM.
     */
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private Loopback() {}

    /** Binds (but does not start) a server; a taken port fails with a message naming it. */
    static HttpServer bind(int port, Executor handlers) throws IOException {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(loopback, port), BACKLOG);
        } catch (BindException e) {
            BindException named = new BindException("127.0.0.1:" + port + " is already in use");
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
