package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.testing.Shop;
import static dev.quarterdeck.testing.Shop.API_1_4;
import static dev.quarterdeck.testing.Shop.API_1_5;
import static dev.quarterdeck.testing.Shop.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.testing.KubernetesTestCluster;
import dev.quarterdeck.traffic.ActionException;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl rollout undo}, done by Quarterdeck against ReplicaSets as the deployment controller leaves
 * them: revision 1 ran 1.4.0, revision 2 (current) runs 1.5.0.
 */
class RolloutUndoTest {
    private final KubernetesTestCluster cluster = KubernetesTestCluster.start();
    private final KubernetesClient client = Clients.withoutRetries(cluster);
    private final KubernetesWorkloads workloads = new KubernetesWorkloads(client, NAMESPACE);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void undoPutsThePreviousRevisionsTemplateBackWithoutItsHashLabel() throws Exception {
        Deployment api = deploymentAtRevision2();

        workloads.rolloutUndo("api");

        Deployment undone = Shop.read(client, "api");
        assertThat(undone.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(API_1_4);
        assertThat(undone.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app", "api").doesNotContainKey("pod-template-hash");
        assertThat(undone.getMetadata().getAnnotations())
                .as("as kubectl: the revision's annotations, the deployment's own revision kept")
                .containsEntry("kubernetes.io/change-cause", "release 1.4.0")
                .containsEntry("deployment.kubernetes.io/revision", "2")
                .containsEntry(RolloutHistory.UNDONE_REVISION, "2");
        assertThat(undone.getSpec().getSelector()).isEqualTo(api.getSpec().getSelector());
        assertThat(cluster.kubectl(cluster.writeKubeconfig(dir, "test", "ana")).run("get", "deployment", "api",
                "-o", "jsonpath={.spec.template.spec.containers[0].image}")).isEqualTo(API_1_4);
    }

    @Test
    void replicaSetsOfAnotherDeploymentAreNotItsHistory() throws Exception {
        Deployment api = deploymentAtRevision2();
        Deployment other = Shop.create(client, Shop.deployment("api-canary", "api=" + API_1_5).build());
        // Same labels, higher revision, but owned by someone else: kubectl goes by owner reference too.
        ReplicaSet foreign = Shop.replicaSet(other, 7, "ccc", "release canary", "api=gcr.io/shop/api:9.9.9");
        foreign.getMetadata().getLabels().put("app", "api");
        client.apps().replicaSets().inNamespace(NAMESPACE).resource(foreign).create();

        workloads.rolloutUndo(api.getMetadata().getName());

        assertThat(Shop.read(client, "api").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(API_1_4);
    }

    @Test
    void aSecondUndoWritesNothing() throws Exception {
        deploymentAtRevision2();
        workloads.rolloutUndo("api");
        String version = Shop.read(client, "api").getMetadata().getResourceVersion();
        refuseEveryPatch();

        workloads.rolloutUndo("api");

        assertThat(Shop.read(client, "api").getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void aSecondUndoAfterTheControllerRenumberedTheRevisionsDoesNotUndoTheUndo() throws Exception {
        Deployment api = deploymentAtRevision2();
        workloads.rolloutUndo("api");
        // What the deployment controller does next: the restored ReplicaSet becomes the newest revision, 3.
        client.apps().replicaSets().inNamespace(NAMESPACE).withName("api-aaa").edit(rs -> {
            rs.getMetadata().getAnnotations().put("deployment.kubernetes.io/revision", "3");
            return rs;
        });
        client.apps().deployments().inNamespace(NAMESPACE).withName("api").edit(d -> {
            d.getMetadata().getAnnotations().put("deployment.kubernetes.io/revision", "3");
            return d;
        });
        String version = Shop.read(client, "api").getMetadata().getResourceVersion();
        refuseEveryPatch();

        workloads.rolloutUndo(api.getMetadata().getName());

        assertThat(Shop.read(client, "api").getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(Shop.read(client, "api").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .as("kubectl would now go back to revision 2, the bad one; a retried rollback must not")
                .isEqualTo(API_1_4);
    }

    @Test
    void withoutAPreviousRevisionUndoSaysSo() {
        Deployment api = Shop.create(client, Shop.deployment("api", "api=" + API_1_5).editMetadata()
                .addToAnnotations("deployment.kubernetes.io/revision", "1").endMetadata().build());
        client.apps().replicaSets().inNamespace(NAMESPACE)
                .resource(Shop.replicaSet(api, 1, "bbb", "release 1.5.0", "api=" + API_1_5)).create();

        assertThatThrownBy(() -> workloads.rolloutUndo("api"))
                .isInstanceOf(ActionException.class)
                .hasMessage("undo the rollout of deployment api in namespace shop: no previous revision to go back "
                        + "to (only revision 1)")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isFalse());
    }

    @Test
    void aPausedDeploymentIsNotUndone() {
        Deployment api = deploymentAtRevision2();
        client.apps().deployments().inNamespace(NAMESPACE).withName("api").edit(d -> {
            d.getSpec().setPaused(true);
            return d;
        });

        assertThatThrownBy(() -> workloads.rolloutUndo(api.getMetadata().getName()))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("it is paused; resume it first");
    }

    @Test
    void aForbiddenListOfReplicaSetsIsNamed() {
        deploymentAtRevision2();
        cluster.expect().get().withPath("/apis/apps/v1/namespaces/shop/replicasets?labelSelector=app%3Dapi")
                .andReturn(403, Shop.status(403, "Forbidden", "replicasets.apps is forbidden")).once();

        assertThatThrownBy(() -> workloads.rolloutUndo("api"))
                .isInstanceOf(ActionException.class)
                .hasMessageStartingWith("list replicasets.apps in namespace shop: 403 Forbidden");
    }

    /** Deployment api at revision 2 (1.5.0), with ReplicaSets api-aaa (revision 1, 1.4.0) and api-bbb (2). */
    private Deployment deploymentAtRevision2() {
        Deployment api = Shop.create(client, Shop.deployment("api", "api=" + API_1_5).editMetadata()
                .addToAnnotations("deployment.kubernetes.io/revision", "2")
                .addToAnnotations("kubernetes.io/change-cause", "release 1.5.0").endMetadata().build());
        client.apps().replicaSets().inNamespace(NAMESPACE)
                .resource(Shop.replicaSet(api, 1, "aaa", "release 1.4.0", "api=" + API_1_4)).create();
        client.apps().replicaSets().inNamespace(NAMESPACE)
                .resource(Shop.replicaSet(api, 2, "bbb", "release 1.5.0", "api=" + API_1_5)).create();
        return api;
    }

    private void refuseEveryPatch() {
        cluster.expect().patch().withPath(Shop.path("api")).andReturn(500, Shop.status(500, "InternalError",
                "this test expected no write")).always();
    }
}
