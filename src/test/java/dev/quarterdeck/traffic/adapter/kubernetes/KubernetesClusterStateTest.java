package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.testing.Shop;
import static dev.quarterdeck.testing.Shop.API_1_5;
import static dev.quarterdeck.testing.Shop.DIGEST_1_4;
import static dev.quarterdeck.testing.Shop.DIGEST_1_5;
import static dev.quarterdeck.testing.Shop.NAMESPACE;
import static dev.quarterdeck.testing.Shop.PROXY;
import static dev.quarterdeck.testing.Shop.PROXY_DIGEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.probe.ClusterReadException;
import dev.quarterdeck.probe.ClusterState;
import dev.quarterdeck.probe.DeploymentReading;
import dev.quarterdeck.probe.KubernetesProbe;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import dev.quarterdeck.testing.KubernetesTestCluster;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What probes and rollback waits read, from a real HTTP API: deployments, their pods, CronJobs, Secrets. */
class KubernetesClusterStateTest {
    private final KubernetesTestCluster cluster = KubernetesTestCluster.start();
    private final KubernetesClient client = Clients.withoutRetries(cluster);
    private final ClusterState state = new KubernetesClusterState(client, NAMESPACE);

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void aDeploymentWhoseReplicasAreAllUpdatedAndAvailableIsRolledOut() throws Exception {
        create(apiWithStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(3)
                .withUpdatedReplicas(3).withReadyReplicas(3).withAvailableReplicas(3)));

        DeploymentReading api = state.deployment("api");

        assertThat(api.generation()).isEqualTo(1);
        assertThat(api.observedGeneration()).isEqualTo(1);
        assertThat(api.specReplicas()).isEqualTo(3);
        assertThat(api.readyReplicas()).isEqualTo(3);
        assertThat(api.rollout()).isEqualTo(DeploymentReading.Rollout.COMPLETE);
        assertThat(api.containers()).containsExactly(
                new DeploymentReading.Container("api", API_1_5, Map.of("FEATURE_CHECKOUT_V2", "1")),
                new DeploymentReading.Container("envoy", PROXY, Map.of()));
    }

    @Test
    void aDeploymentWithOldReplicasLeftIsStillProgressing() throws Exception {
        create(apiWithStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(4)
                .withUpdatedReplicas(3).withReadyReplicas(3).withAvailableReplicas(3)));

        DeploymentReading api = state.deployment("api");

        assertThat(api.rollout()).isEqualTo(DeploymentReading.Rollout.PROGRESSING);
        assertThat(api.rolloutProgress()).isEqualTo("1 old replicas are pending termination");
    }

    @Test
    void aDeploymentPastItsProgressDeadlineHasFailed() throws Exception {
        create(apiWithStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(3)
                .withUpdatedReplicas(1).withReadyReplicas(0).withAvailableReplicas(0)
                .addNewCondition().withType("Available").withStatus("False").withReason("MinimumReplicasUnavailable")
                .endCondition()
                .addNewCondition().withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"api-bbb\" has timed out progressing.").endCondition()));

        DeploymentReading api = state.deployment("api");

        assertThat(api.progressDeadlineExceeded()).isTrue();
        assertThat(api.rollout()).isEqualTo(DeploymentReading.Rollout.FAILED);
    }

    @Test
    void thePodsImageIdsAreReadPerContainerFromThePodsTheSelectorMatches() throws Exception {
        create(apiWithStatus(new DeploymentStatusBuilder()));
        client.pods().inNamespace(NAMESPACE).resource(Shop.pod("api-bbb-1", "api", true,
                "api=gcr.io/shop/api@" + DIGEST_1_5, "envoy=docker.io/envoyproxy/envoy@" + PROXY_DIGEST)).create();
        client.pods().inNamespace(NAMESPACE).resource(Shop.pod("api-aaa-1", "api", true,
                "api=docker-pullable://gcr.io/shop/api@" + DIGEST_1_4)).create();
        client.pods().inNamespace(NAMESPACE).resource(Shop.pod("cart-1", "cart", true,
                "cart=gcr.io/shop/cart@sha256:cccc")).create();

        DeploymentReading api = state.deployment("api");

        assertThat(api.runningImages()).containsExactlyInAnyOrder(
                new DeploymentReading.RunningImage("api-bbb-1", "api", "gcr.io/shop/api@" + DIGEST_1_5),
                new DeploymentReading.RunningImage("api-bbb-1", "envoy", "docker.io/envoyproxy/envoy@" + PROXY_DIGEST),
                new DeploymentReading.RunningImage("api-aaa-1", "api", "docker-pullable://gcr.io/shop/api@" + DIGEST_1_4));
        assertThat(api.imageIdsOf("api")).containsExactlyInAnyOrder("gcr.io/shop/api@" + DIGEST_1_5,
                "docker-pullable://gcr.io/shop/api@" + DIGEST_1_4);
        assertThat(api.podImageIds()).hasSize(3).noneMatch(id -> id.contains("cart"));
    }

    @Test
    void aDigestProbeOverTheRealApiJudgesTheApplicationContainerNotItsSidecar() throws Exception {
        create(apiWithStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(2)
                .withUpdatedReplicas(2).withReadyReplicas(2).withAvailableReplicas(2)));
        client.pods().inNamespace(NAMESPACE).resource(Shop.pod("api-bbb-1", "api", true,
                "api=gcr.io/shop/api@" + DIGEST_1_5, "envoy=docker.io/envoyproxy/envoy@" + PROXY_DIGEST)).create();
        client.pods().inNamespace(NAMESPACE).resource(Shop.pod("api-aaa-1", "api", true,
                "api=gcr.io/shop/api@" + DIGEST_1_4, "envoy=docker.io/envoyproxy/envoy@" + PROXY_DIGEST)).create();
        KubernetesProbe probe = new KubernetesProbe(new Probe("api-digest", Duration.ofSeconds(10),
                Duration.ofSeconds(5), new ProbeSpec.Kubernetes(new ProbeSpec.KubernetesCheck.Image("api",
                        Optional.of("api"), API_1_5, Optional.of(DIGEST_1_5)))), state, Clock.systemUTC());

        ProbeSample sample = probe.check();

        assertThat(sample.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(sample.observed()).isEqualTo("deployment api/api runs image " + API_1_5
                + ", but 1 of 2 pods runs sha256:444444444444…; expected sha256:555555555555…");
    }

    @Test
    void aMissingOrForbiddenDeploymentIsAnErrorThatNamesTheRead() {
        assertThatThrownBy(() -> state.deployment("cart"))
                .isInstanceOf(ClusterReadException.class)
                .hasMessage("get deployments.apps/cart in namespace shop: 404 Not Found (no such deployments.apps)");

        cluster.expect().get().withPath(Shop.path("api")).andReturn(403, Shop.status(403, "Forbidden",
                "deployments.apps \"api\" is forbidden: User \"ana\" cannot get resource")).once();
        assertThatThrownBy(() -> state.deployment("api"))
                .isInstanceOf(ClusterReadException.class)
                .hasMessageStartingWith("get deployments.apps/api in namespace shop: 403 Forbidden")
                .satisfies(e -> assertThat(((ClusterReadException) e).transientFailure()).isFalse());
    }

    @Test
    void readyPodsAreCountedBySelector() throws Exception {
        client.pods().inNamespace(NAMESPACE).resource(Shop.pod("api-1", "api", true)).create();
        client.pods().inNamespace(NAMESPACE).resource(Shop.pod("api-2", "api", true)).create();
        client.pods().inNamespace(NAMESPACE).resource(Shop.pod("api-3", "api", false)).create();
        client.pods().inNamespace(NAMESPACE).resource(Shop.pod("cart-1", "cart", true)).create();

        assertThat(state.pods("app=api")).isEqualTo(new ClusterState.PodCount(3, 2));
        assertThat(state.pods("app=payments")).isEqualTo(new ClusterState.PodCount(0, 0));
    }

    @Test
    void aCronJobsSuspensionIsRead() throws Exception {
        client.batch().v1().cronjobs().inNamespace(NAMESPACE).resource(new CronJobBuilder().withNewMetadata()
                .withName("nightly-reindex").endMetadata().withNewSpec().withSchedule("0 3 * * *").withSuspend(true)
                .endSpec().build()).create();

        assertThat(state.cronJobSuspended("nightly-reindex")).isTrue();
        assertThatThrownBy(() -> state.cronJobSuspended("hourly"))
                .hasMessage("get cronjobs.batch/hourly in namespace shop: 404 Not Found (no such cronjobs.batch)");
    }

    @Test
    void aSecretExistsOrNotAndItsDataIsNotAskedFor() throws Exception {
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("db")
                .endMetadata().addToData("password", "aHVudGVyMg==").build()).create();

        assertThat(state.secretExists("db")).isTrue();
        assertThat(state.secretExists("payments-api-key")).isFalse();

        AtomicReference<String> accept = new AtomicReference<>();
        AtomicReference<String> authorization = new AtomicReference<>();
        cluster.expect().get().withPath("/api/v1/namespaces/shop/secrets/db").andReply(200, request -> {
            accept.set(request.getHeader("Accept"));
            authorization.set(request.getHeader("Authorization"));
            return "{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{\"name\":\"db\"}}";
        }).once();
        // This GET goes around fabric8's typed API: it must still carry the kubeconfig's credentials.
        try (KubernetesClient withToken = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
                client.getConfiguration()).withOauthToken("token-of-ana").build())
                .withHttpClientFactory(new OkHttpClientFactory()).build()) {
            assertThat(new KubernetesClusterState(withToken, NAMESPACE).secretExists("db")).isTrue();
        }
        assertThat(accept.get()).startsWith("application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1");
        assertThat(authorization.get()).isEqualTo("Bearer token-of-ana");
    }

    @Test
    void aSecretThatMayNotBeLookedAtIsAnErrorNotAbsent() {
        cluster.expect().get().withPath("/api/v1/namespaces/shop/secrets/db").andReturn(403, Shop.status(403,
                "Forbidden", "secrets \"db\" is forbidden: User \"ana\" cannot get resource \"secrets\"")).once();

        assertThatThrownBy(() -> state.secretExists("db"))
                .isInstanceOf(ClusterReadException.class)
                .hasMessage("get secrets/db in namespace shop: 403 Forbidden (the current user may not get secrets): "
                        + "secrets \"db\" is forbidden: User \"ana\" cannot get resource \"secrets\"")
                .satisfies(e -> assertThat(((ClusterReadException) e).transientFailure()).isFalse());
    }

    @Test
    void aServerErrorOnASecretIsWorthRetrying() {
        cluster.expect().get().withPath("/api/v1/namespaces/shop/secrets/db").andReturn(503, "upstream down").once();

        assertThatThrownBy(() -> state.secretExists("db"))
                .isInstanceOf(ClusterReadException.class)
                .hasMessage("get secrets/db in namespace shop: 503 server error: HTTP 503")
                .satisfies(e -> assertThat(((ClusterReadException) e).transientFailure()).isTrue());
    }

    private void create(DeploymentBuilder deployment) {
        Shop.create(client, deployment.build());
    }

    /** Deployment api (api 1.5.0 with a flag and a secret-backed variable, an envoy sidecar) with a status. */
    private static DeploymentBuilder apiWithStatus(DeploymentStatusBuilder status) {
        return Shop.deployment("api", "api=" + API_1_5, "envoy=" + PROXY).editSpec().editTemplate().editSpec()
                .editFirstContainer().withEnv(
                        new EnvVarBuilder().withName("FEATURE_CHECKOUT_V2").withValue("1").build(),
                        new EnvVarBuilder().withName("DB_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                                .withName("db").withKey("password").endSecretKeyRef().endValueFrom().build())
                .endContainer().endSpec().endTemplate().endSpec()
                .withStatus(status.build());
    }
}
