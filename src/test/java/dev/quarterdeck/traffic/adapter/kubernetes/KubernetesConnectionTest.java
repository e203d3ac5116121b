package dev.quarterdeck.traffic.adapter.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.plan.KubernetesTarget;
import dev.quarterdeck.testing.KubernetesTestCluster;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.ClusterIdentity;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which kubeconfig, context and namespace a connection uses, and that nothing secret comes out of it. */
class KubernetesConnectionTest {
    private static final String TOKEN = "test-token-not-a-secret";

    private final KubernetesTestCluster cluster = KubernetesTestCluster.start();

    @TempDir
    Path dir;

    @TempDir
    Path home;

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aKubeconfigFromKubeconfigUsesItsCurrentContextAndNamespaceAndReachesTheCluster() throws Exception {
        Path kubeconfig = cluster.writeKubeconfig(dir, "prod-eu", "ana");
        cluster.client().network().v1().ingresses().inNamespace("shop").resource(new IngressBuilder()
                .withNewMetadata().withName("checkout").endMetadata().build()).create();

        try (KubernetesConnection connection = KubernetesConnection.open(target(null, null),
                Map.of("KUBECONFIG", kubeconfig.toString()), home)) {
            assertThat(connection.identity()).isEqualTo(new ClusterIdentity("prod-eu", cluster.url(), "shop", "ana"));
            assertThat(connection.namespace()).isEqualTo("shop");
            assertThat(connection.usesExecPlugin()).isFalse();
            assertThat(connection.execPlugin()).isEmpty();
            assertThat(connection.client().network().v1().ingresses().inNamespace(connection.namespace())
                    .withName("checkout").get()).isNotNull();
        }
    }

    @Test
    void thePlansContextAndNamespaceWinOverTheKubeconfigs() throws Exception {
        Path kubeconfig = twoContexts();

        try (KubernetesConnection connection = KubernetesConnection.open(target("staging", null),
                Map.of("KUBECONFIG", kubeconfig.toString()), home)) {
            assertThat(connection.identity()).isEqualTo(
                    new ClusterIdentity("staging", cluster.url(), "payments", "bob"));
        }
        try (KubernetesConnection connection = KubernetesConnection.open(target("staging", "shop"),
                Map.of("KUBECONFIG", kubeconfig.toString()), home)) {
            assertThat(connection.namespace()).isEqualTo("shop");
            assertThat(connection.client().getNamespace()).isEqualTo("shop");
        }
    }

    @Test
    void aContextWithoutANamespaceMeansDefault() throws Exception {
        try (KubernetesConnection connection = KubernetesConnection.open(target("bare", null),
                Map.of("KUBECONFIG", twoContexts().toString()), home)) {
            assertThat(connection.namespace()).isEqualTo("default");
        }
    }

    @Test
    void aContextTheKubeconfigDoesNotHaveIsRefusedWithTheOnesItHas() throws Exception {
        Path kubeconfig = twoContexts();

        assertThatThrownBy(() -> KubernetesConnection.open(target("prod-us", null),
                Map.of("KUBECONFIG", kubeconfig.toString()), home))
                .isInstanceOf(ActionException.class)
                .hasMessage("context \"prod-us\" is not in kubeconfig " + kubeconfig
                        + "; its contexts: prod-eu, staging, bare")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isFalse());
    }

    @Test
    void onlyTheFirstFileOfKubeconfigIsRead() throws Exception {
        Path first = cluster.writeKubeconfig(dir, "first", "ana");
        Path second = cluster.writeKubeconfig(dir, "second", "bob");
        String list = first + File.pathSeparator + second;

        try (KubernetesConnection connection = KubernetesConnection.open(target(null, null),
                Map.of("KUBECONFIG", list), home)) {
            assertThat(connection.identity().context()).isEqualTo("first");
            assertThat(connection.identity().user()).isEqualTo("ana");
            assertThat(connection.kubeconfig().file()).isEqualTo(first);
        }
        assertThatThrownBy(() -> KubernetesConnection.open(target("second", null), Map.of("KUBECONFIG", list), home))
                .hasMessageContaining("context \"second\" is not in kubeconfig " + first);
    }

    @Test
    void aListedFileThatDoesNotExistIsSkippedLikeKubectlDoes() throws Exception {
        Path missing = dir.resolve("nope");
        Path present = cluster.writeKubeconfig(dir, "present", "ana");

        try (KubernetesConnection connection = KubernetesConnection.open(target(null, null),
                Map.of("KUBECONFIG", missing + File.pathSeparator + present), home)) {
            assertThat(connection.kubeconfig().file()).isEqualTo(present);
        }
    }

    @Test
    void withoutKubeconfigTheHomeKubeConfigIsUsed() throws Exception {
        Path kube = Files.createDirectories(home.resolve(".kube"));
        Files.move(cluster.writeKubeconfig(dir, "home", "ana"), kube.resolve("config"));

        try (KubernetesConnection connection = KubernetesConnection.open(target(null, null), Map.of(), home)) {
            assertThat(connection.identity().context()).isEqualTo("home");
        }
    }

    @Test
    void noKubeconfigAnywhereSaysWhichPathsWereTried() {
        assertThatThrownBy(() -> KubernetesConnection.open(target(null, null), Map.of(), home))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("no kubeconfig found")
                .hasMessageContaining(home.resolve(".kube").resolve("config").toString())
                .hasMessageContaining("KUBECONFIG is not set");

        Path a = dir.resolve("a.yaml");
        Path b = dir.resolve("b.yaml");
        assertThatThrownBy(() -> KubernetesConnection.open(target(null, null),
                Map.of("KUBECONFIG", a + File.pathSeparator + b), home))
                .isInstanceOf(ActionException.class)
                .hasMessage("no kubeconfig found: tried " + a + ", " + b + " (from KUBECONFIG), none of which is a file");
    }

    @Test
    void aKubeconfigThatIsNotYamlSaysWhereWithoutQuotingIt() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken"), "users:\n  - name: ana\n    token: [" + TOKEN + "\n");

        assertThatThrownBy(() -> KubernetesConnection.open(target(null, null),
                Map.of("KUBECONFIG", broken.toString()), home))
                .isInstanceOf(ActionException.class)
                .hasMessageStartingWith("kubeconfig " + broken + " is not valid YAML (line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void theIdentityCarriesNoCredentialInAnyField() throws Exception {
        Path kubeconfig = cluster.writeKubeconfig(dir, "prod-eu", "ana");

        try (KubernetesConnection connection = KubernetesConnection.open(target(null, null),
                Map.of("KUBECONFIG", kubeconfig.toString()), home)) {
            ClusterIdentity identity = connection.identity();
            assertThat(new String[] {identity.context(), identity.server(), identity.namespace(), identity.user()})
                    .noneMatch(field -> field.contains(TOKEN));
            assertThat(identity.toString()).doesNotContain(TOKEN);
            assertThat(connection.toString()).doesNotContain(TOKEN)
                    .isEqualTo("Kubernetes context prod-eu at " + cluster.url() + ", namespace shop, as ana");
            assertThat(connection.kubeconfig().toString()).doesNotContain(TOKEN);
        }
    }

    @Test
    void aServerUrlWithAPasswordInItIsShownWithoutIt() throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("userinfo"), kubeconfig(
                cluster.url().replace("https://", "https://ana:hunter2@"), "ctx", "ana", "shop", ""));

        KubeconfigContext chosen = KubeconfigContext.select(target(null, null),
                Map.of("KUBECONFIG", kubeconfig.toString()), home);

        assertThat(chosen.server()).isEqualTo(cluster.url());
    }

    @Test
    void anExecPluginIsNamedBeforeAnythingRunsAndItsTokenStaysInside() throws Exception {
        Path marker = dir.resolve("plugin-ran");
        Path plugin = dir.resolve("get-token");
        Files.writeString(plugin, "#!/bin/sh\ntouch '" + marker + "'\n"
                + "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                + "\"status\":{\"token\":\"" + TOKEN + "\"}}'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
        Path kubeconfig = Files.writeString(dir.resolve("exec"), kubeconfig(cluster.url(), "sso", "ana", "shop",
                "      exec:\n        apiVersion: client.authentication.k8s.io/v1\n        command: " + plugin + "\n"
                        + "        interactiveMode: Never\n"));
        Map<String, String> environment = Map.of("KUBECONFIG", kubeconfig.toString());

        KubeconfigContext chosen = KubeconfigContext.select(target(null, null), environment, home);
        assertThat(chosen.runsProgram()).isTrue();
        assertThat(chosen.execCommand()).contains(plugin.toString());
        assertThat(marker).as("selecting a context runs nothing").doesNotExist();

        try (KubernetesConnection connection = KubernetesConnection.open(chosen,
                KubernetesConnection.Timeouts.DEFAULT)) {
            assertThat(marker).as("opening the connection runs the plugin").exists();
            assertThat(connection.usesExecPlugin()).isTrue();
            assertThat(connection.execPlugin()).contains(plugin.toString());
            assertThat(connection.identity().toString()).doesNotContain(TOKEN);
            assertThat(connection.client().network().v1().ingresses().inNamespace("shop").list().getItems())
                    .isEmpty();
        }
    }

    /** A kubeconfig with three contexts on the test cluster: two users, one context without a namespace. */
    private Path twoContexts() throws Exception {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: test-cluster
                    cluster:
                      server: %1$s
                      insecure-skip-tls-verify: true
                users:
                  - name: ana
                    user:
                      token: %2$s
                  - name: bob
                    user:
                      token: %2$s
                contexts:
                  - name: prod-eu
                    context: {cluster: test-cluster, user: ana, namespace: shop}
                  - name: staging
                    context: {cluster: test-cluster, user: bob, namespace: payments}
                  - name: bare
                    context: {cluster: test-cluster, user: bob}
                current-context: prod-eu
                """.formatted(cluster.url(), TOKEN);
        return Files.writeString(dir.resolve("contexts"), yaml);
    }

    private static String kubeconfig(String server, String context, String user, String namespace, String auth) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: c
                    cluster:
                      server: %s
                      insecure-skip-tls-verify: true
                users:
                  - name: %s
                    user:
                %s
                contexts:
                  - name: %s
                    context: {cluster: c, user: %s, namespace: %s}
                current-context: %s
                """.formatted(server, user, auth.isEmpty() ? "      token: " + TOKEN : auth.stripTrailing(), context,
                user, namespace, context);
    }

    private static KubernetesTarget target(String context, String namespace) {
        return new KubernetesTarget(Optional.ofNullable(context), Optional.ofNullable(namespace), Map.of());
    }
}
