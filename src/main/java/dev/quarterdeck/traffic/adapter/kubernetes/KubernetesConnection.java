package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.plan.KubernetesTarget;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.ClusterIdentity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An open fabric8 client for one environment's cluster, on the application's HTTP stack (OkHttp), for the
 * context and namespace its {@link KubernetesTarget} names. The routers and workload actions of that
 * environment share it; closing it closes the client.
 *
 * <p>The fabric8 {@link Config} behind the client carries tokens and keys: it never leaves this class, and is
 * never logged or serialized. What may be shown is {@link #identity()} and {@link #kubeconfig()}.
 */
public final class KubernetesConnection implements AutoCloseable {
    private final KubeconfigContext kubeconfig;
    private final KubernetesClient client;

    private KubernetesConnection(KubeconfigContext kubeconfig, KubernetesClient client) {
        this.kubeconfig = kubeconfig;
        this.client = client;
    }

    /**
     * How long one call may take. fabric8's own retries are off: the engine retries transient failures with
     * backoff and journals each attempt, and a call retried inside fabric8 could outlast any timeout.
     *
     * @param connect to open a connection to the API server
     * @param request for each request, from sending it to the whole answer
     */
    public record Timeouts(Duration connect, Duration request) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(15));

        public Timeouts {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(request, "request");
            if (connect.isNegative() || connect.isZero() || request.isNegative() || request.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: connect " + connect
                        + ", request " + request);
            }
        }
    }

    /**
     * Opens a connection for {@code target} with the default timeouts. Runs the kubeconfig's {@code exec}
     * plugin, if it has one; call {@link KubeconfigContext#select} first to show which program that is.
     *
     * @param environment the process environment ({@code KUBECONFIG} is read from it)
     * @param home the user's home directory ({@code ~/.kube/config})
     * @throws ActionException (permanent) when no kubeconfig or no such context is found, or the client cannot be
     *     built from it (a missing certificate file, a failing credential plugin)
     */
    public static KubernetesConnection open(KubernetesTarget target, Map<String, String> environment, Path home)
            throws ActionException {
        return open(KubeconfigContext.select(target, environment, home), Timeouts.DEFAULT);
    }

    /** Opens a connection through a context already selected (and shown to the captain). */
    public static KubernetesConnection open(KubeconfigContext kubeconfig, Timeouts timeouts) throws ActionException {
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        Objects.requireNonNull(timeouts, "timeouts");
        Config config;
        try {
            // fromKubeconfig(context, file) reads that one file and nothing of the process environment.
            config = Config.fromKubeconfig(kubeconfig.context(), kubeconfig.file().toFile());
        } catch (RuntimeException e) {
            throw new ActionException("cannot use context \"" + kubeconfig.context() + "\" of kubeconfig "
                    + kubeconfig.file() + ": " + rootMessage(e), false, e);
        }
        config.setNamespace(kubeconfig.namespace());
        config.setConnectionTimeout(millis(timeouts.connect()));
        config.setRequestTimeout(millis(timeouts.request()));
        config.setRequestRetryBackoffLimit(0);
        try {
            KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                    .withHttpClientFactory(new OkHttpClientFactory()).build();
            return new KubernetesConnection(kubeconfig, client);
        } catch (RuntimeException e) {
            throw new ActionException("cannot build a Kubernetes client for context \"" + kubeconfig.context()
                    + "\" of kubeconfig " + kubeconfig.file() + ": " + rootMessage(e), false, e);
        }
    }

    /** The fabric8 client, for adapters only; its namespace is {@link #namespace()}. */
    public KubernetesClient client() {
        return client;
    }

    /** The namespace the environment lives in: the plan's, else the context's, else {@code default}. */
    public String namespace() {
        return kubeconfig.namespace();
    }

    /** Context, API server, namespace and user name: never a token or a certificate. */
    public ClusterIdentity identity() {
        return kubeconfig.identity();
    }

    /** Which kubeconfig file and context this connection came from. */
    public KubeconfigContext kubeconfig() {
        return kubeconfig;
    }

    /** The program the kubeconfig runs for credentials, when it has one: code the captain must trust. */
    public Optional<String> execPlugin() {
        return kubeconfig.execCommand();
    }

    public boolean usesExecPlugin() {
        return kubeconfig.runsProgram();
    }

    @Override
    public String toString() {
        ClusterIdentity who = identity();
        return "Kubernetes context " + who.context() + " at " + who.server() + ", namespace " + who.namespace()
                + (who.user().isEmpty() ? "" : ", as " + who.user());
    }

    @Override
    public void close() {
        client.close();
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
