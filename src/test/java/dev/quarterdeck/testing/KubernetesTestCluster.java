package dev.quarterdeck.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.MockServerExpectation;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * A Kubernetes API server for tests: fabric8's mock server in CRUD mode (a real HTTP API that stores what
 * is written), with expectations taking precedence for staged failures (403, 409, 500), and the discovery
 * documents kubectl needs, so that kubectl can read back what Quarterdeck wrote. Loopback only.
 */
public final class KubernetesTestCluster implements AutoCloseable {
    public static final String NAMESPACE = "shop";

    private static final CustomResourceDefinitionContext HTTP_ROUTES = new CustomResourceDefinitionContext.Builder()
            .withGroup("gateway.networking.k8s.io").withVersion("v1").withPlural("httproutes")
            .withKind("HTTPRoute").withScope("Namespaced").build();

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private KubernetesTestCluster(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient(new OkHttpClientFactory());
    }

    /** Starts a server on 127.0.0.1 with TLS (kubectl talks to it with insecure-skip-tls-verify). */
    public static KubernetesTestCluster start() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMixedDispatcher dispatcher = new KubernetesMixedDispatcher(expectations, List.of(HTTP_ROUTES));
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                Discovery.wrapping(dispatcher), true, new VersionInfo.Builder().withMajor("1").withMinor("31")
                        .withGitVersion("v1.31.0").build());
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new KubernetesTestCluster(server);
    }

    /** A fabric8 client on the same HTTP stack the application uses (OkHttp). */
    public KubernetesClient client() {
        return client;
    }

    public String url() {
        return server.url("/").replaceAll("/$", "");
    }

    /** Stages responses ahead of CRUD, e.g. {@code expect().patch().withPath(...).andReturn(409, ...).once()}. */
    public MockServerExpectation expect() {
        return server.expect();
    }

    /**
     * Answers every SelfSubjectAccessReview as an API server with this policy would: {@code allowed} decides
     * each verb/resource the console asks about (the CRUD server stores reviews but never decides them).
     */
    public void authorize(java.util.function.BiPredicate<String, String> allowed) {
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews").andReply(201, r -> {
            var review = client.getKubernetesSerialization().unmarshal(r.getUtf8Body(),
                    io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview.class);
            var asked = review.getSpec().getResourceAttributes();
            boolean yes = allowed.test(asked.getVerb(), asked.getResource());
            review.setStatus(new io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder()
                    .withAllowed(yes)
                    .withReason(yes ? "RBAC: allowed by RoleBinding \"release-captains\"" : "no RBAC policy matched")
                    .build());
            return client.getKubernetesSerialization().asJson(review);
        }).always();
    }

    /** How many requests the server has answered. */
    public int requestCount() {
        return server.getRequestCount();
    }

    /**
     * Writes a kubeconfig for this server with one context ({@code context}) whose user authenticates with a
     * token, and returns its path.
     */
    public Path writeKubeconfig(Path dir, String context, String user) throws IOException {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: test-cluster
                    cluster:
                      server: %s
                      insecure-skip-tls-verify: true
                users:
                  - name: %s
                    user:
                      token: test-token-not-a-secret
                contexts:
                  - name: %s
                    context:
                      cluster: test-cluster
                      user: %s
                      namespace: %s
                current-context: %s
                """.formatted(url(), user, context, user, NAMESPACE, context);
        Path file = dir.resolve("kubeconfig-" + context);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    /** Runs kubectl against this server; fails loudly when kubectl is not installed (.ci/run installs it). */
    public Kubectl kubectl(Path kubeconfig) {
        return new Kubectl(kubeconfig);
    }

    /** The kubectl binary, pointed at this server. */
    public static final class Kubectl {
        private final Path kubeconfig;

        private Kubectl(Path kubeconfig) {
            this.kubeconfig = kubeconfig;
        }

        /** Runs {@code kubectl args...}; returns stdout, or throws with stderr when the exit code is not 0. */
        public String run(String... args) throws IOException, InterruptedException {
            Result result = attempt(args);
            if (result.exitCode() != 0) {
                throw new AssertionError("kubectl " + String.join(" ", args) + " exited " + result.exitCode()
                        + ": " + result.stderr());
            }
            return result.stdout();
        }

        public Result attempt(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(binary());
            command.add("--kubeconfig=" + kubeconfig);
            command.add("--request-timeout=20s");
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                    Path.of("/dev/null").toFile())).start();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        }

        private static String binary() {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                Path candidate = Path.of(dir, "kubectl");
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
            throw new AssertionError("kubectl is not installed: these tests check what Quarterdeck wrote with the "
                    + "real kubectl (apt-get install -y kubectl; .ci/run does it)");
        }

        public record Result(int exitCode, String stdout, String stderr) {}
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
