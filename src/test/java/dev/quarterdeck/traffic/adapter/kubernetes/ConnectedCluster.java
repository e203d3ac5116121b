package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.plan.KubernetesTarget;
import dev.quarterdeck.testing.KubernetesTestCluster;
import dev.quarterdeck.traffic.ActionException;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * The test cluster with a Quarterdeck connection to it, opened the way the application opens one: from a
 * kubeconfig, through {@link KubernetesConnection}. {@link #client()} is a second, independent client: "someone
 * else" (a captain's kubectl, a controller) for setting up and inspecting state.
 */
final class ConnectedCluster implements AutoCloseable {
    static final String NAMESPACE = KubernetesTestCluster.NAMESPACE;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private final KubernetesTestCluster cluster;
    private final Path kubeconfig;
    private final KubernetesConnection connection;

    ConnectedCluster(Path dir) {
        cluster = KubernetesTestCluster.start();
        try {
            kubeconfig = cluster.writeKubeconfig(dir, "test", "ana");
            connection = KubernetesConnection.open(new KubernetesTarget(Optional.empty(), Optional.empty(), Map.of()),
                    Map.of("KUBECONFIG", kubeconfig.toString()), dir);
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException(e);
        } catch (ActionException e) {
            cluster.close();
            throw new AssertionError(e);
        }
    }

    KubernetesConnection connection() {
        return connection;
    }

    KubernetesTestCluster cluster() {
        return cluster;
    }

    KubernetesClient client() {
        return cluster.client();
    }

    KubernetesTestCluster.Kubectl kubectl() {
        return cluster.kubectl(kubeconfig);
    }

    /** An Ingress routing {@code host}{@code path} to {@code service}, with these annotations. */
    static Ingress ingress(String name, String host, String path, String service, Map<String, String> annotations) {
        return new IngressBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().withIngressClassName("nginx").addNewRule().withHost(host).withNewHttp().addNewPath()
                .withPath(path).withPathType("Prefix").withNewBackend().withNewService().withName(service)
                .withNewPort().withNumber(80).endPort().endService().endBackend().endPath().endHttp().endRule()
                .endSpec().build();
    }

    Ingress create(Ingress ingress) {
        return client().network().v1().ingresses().inNamespace(NAMESPACE).resource(ingress).create();
    }

    Ingress ingress(String name) {
        return client().network().v1().ingresses().inNamespace(NAMESPACE).withName(name).get();
    }

    /** A Kubernetes Status body, as the API server sends with a refusal. */
    static String status(int code, String reason, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code
                + ",\"reason\":\"" + reason + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}";
    }

    @Override
    public void close() {
        connection.close();
        cluster.close();
    }
}
