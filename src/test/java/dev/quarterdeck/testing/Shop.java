package dev.quarterdeck.testing;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Arrays;

/** The objects of the shop namespace the tests work on, built as a cluster would hold them. */
public final class Shop {
    public static final String NAMESPACE = KubernetesTestCluster.NAMESPACE;
    public static final String API_1_4 = "gcr.io/shop/api:1.4.0";
    public static final String API_1_5 = "gcr.io/shop/api:1.5.0";
    public static final String PROXY = "docker.io/envoyproxy/envoy:v1.30.1";
    public static final String DIGEST_1_5 = "sha256:5555555555555555555555555555555555555555555555555555555555555555";
    public static final String DIGEST_1_4 = "sha256:4444444444444444444444444444444444444444444444444444444444444444";
    public static final String PROXY_DIGEST = "sha256:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";

    private Shop() {}

    /** Deployment {@code api}: 3 replicas of {@code app=api}, containers as given (name=image pairs). */
    public static DeploymentBuilder deployment(String name, String... containers) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withTemplate(template(name, null, containers)).endSpec();
    }

    /** A pod template labelled {@code app=<app>} (and {@code pod-template-hash} when given). */
    public static PodTemplateSpec template(String app, String hash, String... containers) {
        PodTemplateSpecBuilder template = new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", app)
                .endMetadata().withNewSpec().endSpec();
        if (hash != null) {
            template.editMetadata().addToLabels("pod-template-hash", hash).endMetadata();
        }
        for (String container : containers) {
            String[] nameAndImage = container.split("=", 2);
            template.editSpec().addToContainers(new ContainerBuilder().withName(nameAndImage[0])
                    .withImage(nameAndImage[1]).build()).endSpec();
        }
        return template.build();
    }

    /** A ReplicaSet of {@code owner} at {@code revision}, as the deployment controller makes them. */
    public static ReplicaSet replicaSet(Deployment owner, long revision, String hash, String changeCause, String... containers) {
        return new ReplicaSetBuilder().withNewMetadata().withName(owner.getMetadata().getName() + "-" + hash)
                .withNamespace(NAMESPACE)
                .addToLabels("app", owner.getMetadata().getName()).addToLabels("pod-template-hash", hash)
                .addToAnnotations("deployment.kubernetes.io/revision", Long.toString(revision))
                .addToAnnotations("kubernetes.io/change-cause", changeCause)
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment")
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true)
                .endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels("app", owner.getMetadata().getName())
                .addToMatchLabels("pod-template-hash", hash).endSelector()
                .withTemplate(template(owner.getMetadata().getName(), hash, containers)).endSpec().build();
    }

    /** A running pod of {@code app}; each {@code container=imageID} pair is a started container. */
    public static Pod pod(String name, String app, boolean ready, String... imageIds) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .addToLabels("app", app).endMetadata().withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus();
        Arrays.stream(imageIds).map(pair -> pair.split("=", 2)).forEach(pair -> pod.editStatus()
                .addToContainerStatuses(new ContainerStatusBuilder().withName(pair[0]).withImageID(pair[1])
                        .withReady(ready).build()).endStatus());
        return pod.build();
    }

    public static Deployment create(KubernetesClient client, Deployment deployment) {
        return client.apps().deployments().inNamespace(NAMESPACE).resource(deployment).create();
    }

    public static Deployment read(KubernetesClient client, String name) {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
    }

    public static String path(String name) {
        return "/apis/apps/v1/namespaces/" + NAMESPACE + "/deployments/" + name;
    }

    /** A Kubernetes Status body, as the API server sends with a refusal. */
    public static String status(int code, String reason, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code
                + ",\"reason\":\"" + reason + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}";
    }
}
