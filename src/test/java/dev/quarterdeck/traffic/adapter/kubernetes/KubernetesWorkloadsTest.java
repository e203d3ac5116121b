package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.testing.Shop;
import static dev.quarterdeck.testing.Shop.API_1_4;
import static dev.quarterdeck.testing.Shop.API_1_5;
import static dev.quarterdeck.testing.Shop.NAMESPACE;
import static dev.quarterdeck.testing.Shop.PROXY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.testing.KubernetesTestCluster;
import dev.quarterdeck.traffic.ActionException;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each workload action against a real HTTP API (the CRUD test server), read back with fabric8 and with
 * kubectl; idempotency (a second call writes nothing); and the refusals a captain can meet.
 */
class KubernetesWorkloadsTest {
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
    void setImageChangesTheNamedContainerOnlyAndKubectlSeesIt() throws Exception {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_4, "envoy=" + PROXY).build());

        workloads.setImage("api", Optional.of("api"), API_1_5);

        assertThat(Shop.read(client, "api").getSpec().getTemplate().getSpec().getContainers())
                .extracting(c -> c.getName() + "=" + c.getImage())
                .containsExactly("api=" + API_1_5, "envoy=" + PROXY);
        assertThat(kubectl("get", "deployment", "api", "-o",
                "jsonpath={.spec.template.spec.containers[?(@.name==\"api\")].image}")).isEqualTo(API_1_5);
        assertThat(kubectl("get", "deployment", "api", "-o",
                "jsonpath={.spec.template.spec.containers[?(@.name==\"envoy\")].image}")).isEqualTo(PROXY);
    }

    @Test
    void setImageWithoutAContainerNameChangesTheOnlyOne() throws Exception {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_4).build());

        workloads.setImage("api", Optional.empty(), API_1_5);

        assertThat(kubectl("get", "deployment", "api", "-o", "jsonpath={.spec.template.spec.containers[0].image}"))
                .isEqualTo(API_1_5);
    }

    @Test
    void anUnknownContainerIsRefusedWithTheContainersThereAre() {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_4, "envoy=" + PROXY).build());

        assertThatThrownBy(() -> workloads.setImage("api", Optional.of("web"), API_1_5))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("deployment api in namespace shop has no container 'web'")
                .hasMessageContaining("its containers are: api, envoy")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isFalse());
        assertThatThrownBy(() -> workloads.setImage("api", Optional.empty(), API_1_5))
                .hasMessageContaining("has 2 containers (api, envoy): the plan must name one");
        assertThat(Shop.read(client, "api").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(API_1_4);
    }

    @Test
    void askingForTheImageThatRunsWritesNothing() throws Exception {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_4).build());
        workloads.setImage("api", Optional.of("api"), API_1_5);
        String version = Shop.read(client, "api").getMetadata().getResourceVersion();
        refuseEveryPatch(Shop.path("api"));

        workloads.setImage("api", Optional.of("api"), API_1_5);

        assertThat(Shop.read(client, "api").getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void setEnvironmentSetsPlainValuesAddsNewOnesAndLeavesReferencesAndOthersAlone() throws Exception {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_5).editSpec().editTemplate().editSpec()
                .editFirstContainer().withEnv(
                        new EnvVarBuilder().withName("FEATURE_CHECKOUT_V2").withValue("1").build(),
                        new EnvVarBuilder().withName("DB_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                                .withName("db").withKey("password").endSecretKeyRef().endValueFrom().build(),
                        new EnvVarBuilder().withName("LOG_LEVEL").withValue("info").build())
                .endContainer().endSpec().endTemplate().endSpec().build());

        workloads.setEnvironment("api", Optional.empty(), Map.of("FEATURE_CHECKOUT_V2", "0", "FEATURE_NEW_CART", "off"));

        List<EnvVar> env = Shop.read(client, "api").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).extracting(EnvVar::getName)
                .containsExactly("FEATURE_CHECKOUT_V2", "DB_PASSWORD", "LOG_LEVEL", "FEATURE_NEW_CART");
        assertThat(env.get(0).getValue()).isEqualTo("0");
        assertThat(env.get(1).getValue()).isNull();
        assertThat(env.get(1).getValueFrom().getSecretKeyRef().getName()).isEqualTo("db");
        assertThat(env.get(2).getValue()).isEqualTo("info");
        assertThat(env.get(3).getValue()).isEqualTo("off");
        assertThat(kubectl("get", "deployment", "api", "-o",
                "jsonpath={.spec.template.spec.containers[0].env[?(@.name==\"FEATURE_CHECKOUT_V2\")].value}"))
                .isEqualTo("0");
        assertThat(kubectl("get", "deployment", "api", "-o",
                "jsonpath={.spec.template.spec.containers[0].env[?(@.name==\"DB_PASSWORD\")].valueFrom.secretKeyRef.key}"))
                .isEqualTo("password");
    }

    @Test
    void setEnvironmentOnAContainerWithoutVariablesAddsThemAndASecondCallWritesNothing() throws Exception {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_5, "envoy=" + PROXY).build());

        workloads.setEnvironment("api", Optional.of("api"), Map.of("FEATURE_CHECKOUT_V2", "0"));
        String version = Shop.read(client, "api").getMetadata().getResourceVersion();
        refuseEveryPatch(Shop.path("api"));
        workloads.setEnvironment("api", Optional.of("api"), Map.of("FEATURE_CHECKOUT_V2", "0"));

        assertThat(Shop.read(client, "api").getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(kubectl("get", "deployment", "api", "-o",
                "jsonpath={.spec.template.spec.containers[?(@.name==\"api\")].env[0].value}")).isEqualTo("0");
        assertThat(Shop.read(client, "api").getSpec().getTemplate().getSpec().getContainers().get(1).getEnv())
                .isEmpty();
    }

    @Test
    void aVariableSetFromAReferenceIsNotTurnedIntoALiteral() {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_5).editSpec().editTemplate().editSpec()
                .editFirstContainer().withEnv(new EnvVarBuilder().withName("DB_PASSWORD").withNewValueFrom()
                        .withNewSecretKeyRef().withName("db").withKey("password").endSecretKeyRef().endValueFrom()
                        .build())
                .endContainer().endSpec().endTemplate().endSpec().build());
        String version = Shop.read(client, "api").getMetadata().getResourceVersion();

        assertThatThrownBy(() -> workloads.setEnvironment("api", Optional.empty(), Map.of("DB_PASSWORD", "hunter2")))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("DB_PASSWORD")
                .hasMessageContaining("valueFrom")
                .hasMessageNotContaining("hunter2");
        assertThat(Shop.read(client, "api").getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void scaleSetsReplicasOnceAndKubectlSeesIt() throws Exception {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_5).build());

        workloads.scale("api", 5);
        String version = Shop.read(client, "api").getMetadata().getResourceVersion();
        refuseEveryPatch(Shop.path("api"));
        workloads.scale("api", 5);

        assertThat(kubectl("get", "deployment", "api", "-o", "jsonpath={.spec.replicas}")).isEqualTo("5");
        assertThat(Shop.read(client, "api").getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void suspendAndResumeACronJob() throws Exception {
        client.batch().v1().cronjobs().inNamespace(NAMESPACE).resource(cronJob("nightly-reindex")).create();

        workloads.setCronJobSuspended("nightly-reindex", true);

        assertThat(kubectl("get", "cronjob", "nightly-reindex", "-o", "jsonpath={.spec.suspend}")).isEqualTo("true");
        workloads.setCronJobSuspended("nightly-reindex", false);
        assertThat(kubectl("get", "cronjob", "nightly-reindex", "-o", "jsonpath={.spec.suspend}")).isEqualTo("false");

        refuseEveryPatch("/apis/batch/v1/namespaces/shop/cronjobs/nightly-reindex");
        workloads.setCronJobSuspended("nightly-reindex", false);
        assertThat(client.batch().v1().cronjobs().inNamespace(NAMESPACE).withName("nightly-reindex").get()
                .getSpec().getSuspend()).isFalse();
    }

    @Test
    void aMissingDeploymentIsNamed() {
        assertThatThrownBy(() -> workloads.scale("cart", 2))
                .isInstanceOf(ActionException.class)
                .hasMessage("get deployments.apps/cart in namespace shop: 404 Not Found (no such deployments.apps)")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isFalse());
    }

    @Test
    void aForbiddenPatchNamesVerbResourceAndNamespaceAndIsNotToBeRetried() {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_4).build());
        cluster.expect().patch().withPath(Shop.path("api")).andReturn(403, Shop.status(403, "Forbidden",
                "deployments.apps \"api\" is forbidden: User \"ana\" cannot patch resource \"deployments\" in API "
                        + "group \"apps\" in the namespace \"shop\"")).once();

        assertThatThrownBy(() -> workloads.setImage("api", Optional.empty(), API_1_5))
                .isInstanceOf(ActionException.class)
                .hasMessageStartingWith("patch deployments.apps/api in namespace shop: 403 Forbidden (the current "
                        + "user may not patch deployments.apps)")
                .hasMessageContaining("cannot patch resource")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isFalse());
    }

    @Test
    void aConflictIsResolvedByReadingAgain() throws Exception {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_4).build());
        cluster.expect().patch().withPath(Shop.path("api")).andReturn(409, Shop.status(409, "Conflict",
                "Operation cannot be fulfilled on deployments.apps \"api\": the object has been modified")).once();

        workloads.setImage("api", Optional.empty(), API_1_5);

        assertThat(Shop.read(client, "api").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(API_1_5);
    }

    @Test
    void aWriteIsLockedToTheVersionItWasWorkedOutFrom() throws Exception {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_4).build());
        String stale = client.getKubernetesSerialization().asJson(Shop.read(client, "api"));
        kubectl("patch", "deployment", "api", "--type=merge", "-p", "{\"spec\":{\"replicas\":5}}");
        cluster.expect().get().withPath(Shop.path("api")).andReturn(200, stale).once();
        int before = cluster.requestCount();

        workloads.setImage("api", Optional.empty(), API_1_5);

        assertThat(cluster.requestCount() - before)
                .as("read (stale), patch refused by the server's resourceVersion check, read, patch")
                .isEqualTo(4);
        assertThat(kubectl("get", "deployment", "api", "-o",
                "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}")).isEqualTo("5 " + API_1_5);
    }

    @Test
    void aChangeWorkedOutFromAStaleReadIsRefusedByTheServerAndWorkedOutAgain() throws Exception {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_5).editSpec().editTemplate().editSpec()
                .editFirstContainer().withEnv(new EnvVarBuilder().withName("FEATURE_A").withValue("1").build(),
                        new EnvVarBuilder().withName("FEATURE_B").withValue("1").build())
                .endContainer().endSpec().endTemplate().endSpec().build());
        String stale = client.getKubernetesSerialization().asJson(Shop.read(client, "api"));
        // Someone else removes FEATURE_A: FEATURE_B moves from env[1] to env[0].
        kubectl("patch", "deployment", "api", "--type=json", "-p",
                "[{\"op\":\"remove\",\"path\":\"/spec/template/spec/containers/0/env/0\"}]");
        // Our read lands just before their write, so our patch is for env[1], which no longer exists. A real
        // API server applies the patch before comparing resourceVersions and answers 422; the test server
        // drops the connection instead, so its answer is staged.
        cluster.expect().get().withPath(Shop.path("api")).andReturn(200, stale).once();
        cluster.expect().patch().withPath(Shop.path("api")).andReturn(422, Shop.status(422, "Invalid",
                "the server rejected our request due to an error in our request")).once();

        workloads.setEnvironment("api", Optional.empty(), Map.of("FEATURE_B", "0"));

        assertThat(Shop.read(client, "api").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(v -> v.getName() + "=" + v.getValue()).containsExactly("FEATURE_B=0");
    }

    @Test
    void aChangeTheServerFindsInvalidOnAnUnchangedObjectIsRefused() {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_4).build());
        cluster.expect().patch().withPath(Shop.path("api")).andReturn(422, Shop.status(422, "Invalid",
                "Deployment.apps \"api\" is invalid: spec.template.spec.containers[0].image: Required value"))
                .once();

        assertThatThrownBy(() -> workloads.setImage("api", Optional.empty(), API_1_5))
                .isInstanceOf(ActionException.class)
                .hasMessageStartingWith("patch deployments.apps/api in namespace shop: 422 Invalid")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isFalse());
    }

    @Test
    void aConflictThatKeepsComingIsReportedAsWorthRetryingLater() {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_4).build());
        cluster.expect().patch().withPath(Shop.path("api")).andReturn(409, Shop.status(409, "Conflict",
                "the object has been modified")).always();

        assertThatThrownBy(() -> workloads.setImage("api", Optional.empty(), API_1_5))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("patch deployments.apps/api in namespace shop: 409 Conflict")
                .hasMessageContaining("still conflicting after 5 attempts")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isTrue());
    }

    @Test
    void aServerErrorIsWorthRetrying() {
        Shop.create(client, Shop.deployment("api", "api=" + API_1_4).build());
        cluster.expect().patch().withPath(Shop.path("api")).andReturn(500, Shop.status(500, "InternalError",
                "etcdserver: request timed out")).once();

        assertThatThrownBy(() -> workloads.scale("api", 0))
                .isInstanceOf(ActionException.class)
                .hasMessageStartingWith("patch deployments.apps/api in namespace shop: 500 server error")
                .hasMessageContaining("etcdserver: request timed out")
                .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isTrue());
    }

    @Test
    void anApiServerThatDoesNotAnswerIsWorthRetrying() {
        KubernetesTestCluster gone = KubernetesTestCluster.start();
        KubernetesClient stranded = Clients.withoutRetries(gone);
        gone.close();
        try {
            assertThatThrownBy(() -> new KubernetesWorkloads(stranded, NAMESPACE).scale("api", 2))
                    .isInstanceOf(ActionException.class)
                    .hasMessageStartingWith("get deployments.apps/api in namespace shop: no answer from the API server")
                    .satisfies(e -> assertThat(((ActionException) e).transientFailure()).isTrue());
        } finally {
            stranded.close();
        }
    }

    /** From here on any write of the object would fail loudly: what follows must not write. */
    private void refuseEveryPatch(String path) {
        cluster.expect().patch().withPath(path).andReturn(500, Shop.status(500, "InternalError",
                "this test expected no write")).always();
    }

    private static CronJob cronJob(String name) {
        return new CronJobBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withSchedule("0 3 * * *").withSuspend(false).withNewJobTemplate().withNewSpec()
                .withNewTemplate().withNewSpec().addNewContainer().withName("reindex").withImage(API_1_5)
                .endContainer().withRestartPolicy("OnFailure").endSpec().endTemplate().endSpec().endJobTemplate()
                .endSpec().build();
    }

    private String kubectl(String... args) throws Exception {
        return cluster.kubectl(cluster.writeKubeconfig(dir, "test", "ana")).run(args);
    }
}
