package dev.quarterdeck.sandbox;

/**
 * Two JVM-wide settings without which the sandbox would not behave like a real service on a small machine.
 * Both are read once by the JDK, when the class that uses them is first loaded, so they are set before the
 * sandbox creates its first server or client; an explicit {@code -D} always wins, and if the JDK has read
 * them already, setting them changes nothing and costs nothing.
 */
public final class JvmSettings {
    /**
     * The JDK server writes response headers and body as two segments; with Nagle's algorithm on, the body
     * waits for the client's delayed ACK, adding ~40 ms to every answer on Linux. Real services set
     * TCP_NODELAY, and the latency a probe sees must be the simulated one.
     */
    static final String SERVER_NO_DELAY = "sun.net.httpserver.nodelay";

    /**
     * java.net.http completes every {@code sendAsync} on CompletableFuture's default executor. With two
     * cores or fewer the common pool's parallelism is 1, and that executor becomes a new thread per task:
     * the router would start a thread for every request it forwards, tripling its CPU cost.
     */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private JvmSettings() {}

    /**
     * Sets both unless set already. The launcher calls this first thing, before any class reads them; the
     * sandbox calls it again on start for embedders that did not.
     */
    public static void applyDefaults() {
        setIfAbsent(SERVER_NO_DELAY, "true");
        if (Runtime.getRuntime().availableProcessors() <= 2) {
            setIfAbsent(COMMON_POOL_PARALLELISM, "2");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
