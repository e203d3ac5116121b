package dev.quarterdeck.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/**
 * A port on 127.0.0.1 that takes connections and never answers: the kernel completes the handshake into
 * the backlog and nothing ever reads or writes. The hung target of the timeout tests.
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;

    public SilentServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    public URI url(String path) {
        return URI.create(base() + path);
    }

    /** A loopback URL where nothing listens: connecting to it is refused. */
    public static URI refusedUrl(String path) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
