package dev.quarterdeck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarterdeck.sandbox.Sandbox;
import dev.quarterdeck.sandbox.SandboxConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quarterdeck sandbox}: runs the demo environment standalone, for a real Prometheus, curl or a
 * second console. The first line of stdout is one JSON object with every URL, so a script can read one
 * line and go; the sandbox then runs until the process is stopped.
 */
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description = {
            "Run the built-in sandbox environment standalone: stable and canary services behind a weighted router,",
            "with generated load. Prints one JSON line with the URLs, then runs until stopped (Ctrl-C)."
        })
final class SandboxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "0",
            description = "Router and admin API port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--rps", paramLabel = "N", defaultValue = "" + SandboxConfig.DEFAULT_REQUESTS_PER_SECOND,
            description = "Generated requests per second through the router; 0 for none (default: ${DEFAULT-VALUE}).")
    int requestsPerSecond;

    @Option(names = "--stable-version", paramLabel = "V", defaultValue = SandboxConfig.DEFAULT_STABLE_VERSION,
            description = "Version the stable service reports (default: ${DEFAULT-VALUE}).")
    String stableVersion;

    @Option(names = "--canary-version", paramLabel = "V", defaultValue = SandboxConfig.DEFAULT_CANARY_VERSION,
            description = "Version the canary service reports (default: ${DEFAULT-VALUE}).")
    String canaryVersion;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SandboxConfig config;
        try {
            config = SandboxConfig.defaults()
                    .withRouterPort(port)
                    .withRequestsPerSecond(requestsPerSecond)
                    .withVersions(stableVersion, canaryVersion);
        } catch (IllegalArgumentException e) {
            err.println("quarterdeck sandbox: " + e.getMessage());
            return QuarterdeckCommand.ERROR;
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(config);
        } catch (BindException e) {
            err.println("quarterdeck sandbox: " + e.getMessage() + "; choose another --port, or --port 0 for any free one");
            return QuarterdeckCommand.ERROR;
        } catch (IOException e) {
            err.println("quarterdeck sandbox: could not start: " + e.getMessage());
            return QuarterdeckCommand.ERROR;
        }
        String firstLine = new ObjectMapper().writeValueAsString(urls(sandbox));
        keepRunningUntilShutdown(sandbox);
        out.println(firstLine);
        out.flush();
        err.println("quarterdeck sandbox: running at " + sandbox.routerUrl() + " with " + requestsPerSecond
                + " requests/s; stop with Ctrl-C");
        err.flush();
        return QuarterdeckCommand.KEEP_RUNNING;
    }

    /** The first line of output: everything a script or a second console needs to find the sandbox. */
    static Map<String, Object> urls(Sandbox sandbox) {
        Map<String, Object> admin = new LinkedHashMap<>();
        admin.put("weight", sandbox.weightUrl().toString());
        admin.put("faults", sandbox.faultsUrl().toString());
        Map<String, Object> urls = new LinkedHashMap<>();
        urls.put("router", sandbox.routerUrl().toString());
        urls.put("stable", sandbox.stableUrl().toString());
        urls.put("canary", sandbox.canaryUrl().toString());
        urls.put("admin", admin);
        return urls;
    }

    /**
     * Main returns as soon as this command does. A non-daemon thread holds the JVM open until a shutdown
     * (SIGTERM, Ctrl-C) closes the sandbox, rather than relying on which of the HTTP server's threads
     * happen to be non-daemon.
     */
    private static void keepRunningUntilShutdown(Sandbox sandbox) {
        CountDownLatch closed = new CountDownLatch(1);
        Thread keeper = new Thread(() -> {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "quarterdeck-sandbox-running");
        keeper.setDaemon(false);
        keeper.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            closed.countDown();
        }, "quarterdeck-sandbox-shutdown"));
    }
}
