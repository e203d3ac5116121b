package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.probe.ClusterReadException;
import dev.quarterdeck.probe.ClusterState;
import dev.quarterdeck.probe.DeploymentReading;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ClusterState} of one namespace through fabric8. Every read is a GET or a LIST bounded by the client's
 * request timeout; failures name the verb and resource ({@link KubernetesErrors}). A Secret is asked for as
 * metadata only, so its data never leaves the API server.
 */
public final class KubernetesClusterState implements ClusterState {
    /** Metadata only (PartialObjectMetadata); a server that cannot do it answers with the object, unread. */
    private static final String METADATA_ONLY = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,"
            + "application/json";

    private final KubernetesClient client;
    private final String namespace;

    public KubernetesClusterState(KubernetesClient client, String namespace) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public DeploymentReading deployment(String name) throws ClusterReadException {
        KubernetesErrors.Attempt get = attempt("get", "deployments.apps", name);
        Deployment deployment;
        try {
            deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.read(get, e);
        }
        if (deployment == null) {
            throw KubernetesErrors.missingRead(get);
        }
        DeploymentSpec spec = deployment.getSpec();
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        List<DeploymentReading.RunningImage> running = runningImages(deployment);
        List<String> imageIds = running.stream().map(DeploymentReading.RunningImage::imageId)
                .filter(id -> !id.isEmpty()).toList();
        return new DeploymentReading(
                name,
                orZero(deployment.getMetadata().getGeneration()),
                orZero(status.getObservedGeneration()),
                spec.getReplicas() == null ? 1 : spec.getReplicas(), // the API server's default
                orZero(status.getReplicas()),
                orZero(status.getUpdatedReplicas()),
                orZero(status.getReadyReplicas()),
                orZero(status.getAvailableReplicas()),
                progressDeadlineExceeded(status),
                containers(spec),
                imageIds,
                running);
    }

    @Override
    public boolean cronJobSuspended(String name) throws ClusterReadException {
        KubernetesErrors.Attempt get = attempt("get", "cronjobs.batch", name);
        CronJob cronJob;
        try {
            cronJob = client.batch().v1().cronjobs().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.read(get, e);
        }
        if (cronJob == null) {
            throw KubernetesErrors.missingRead(get);
        }
        return cronJob.getSpec() != null && Boolean.TRUE.equals(cronJob.getSpec().getSuspend());
    }

    /**
     * A GET of the Secret asking for its metadata only; the answer's body is never parsed unless it is an
     * error status. 404 is "absent"; a 403 is an error, since "may not look" is not "not there".
     */
    @Override
    public boolean secretExists(String name) throws ClusterReadException {
        KubernetesErrors.Attempt get = attempt("get", "secrets", name);
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/"
                + segment(namespace) + "/secrets/" + segment(name);
        long timeoutMillis = Math.max(1, client.getConfiguration().getRequestTimeout());
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url)
                .header("Accept", METADATA_ONLY).timeout(timeoutMillis, TimeUnit.MILLISECONDS).build();
        HttpResponse<String> response;
        try {
            // Bounded twice: the request's own timeout, and this wait in case a connection attempt hangs.
            response = client.getHttpClient().sendAsync(request, String.class)
                    .get(timeoutMillis + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterReadException(get + ": interrupted", true, e);
        } catch (ExecutionException | TimeoutException e) {
            throw KubernetesErrors.read(get, new KubernetesClientException("no answer: " + e.getMessage(), e));
        }
        if (response.code() == 200) {
            return true;
        }
        if (response.code() == 404) {
            return false;
        }
        throw KubernetesErrors.read(get, refusal(response));
    }

    @Override
    public PodCount pods(String labelSelector) throws ClusterReadException {
        List<Pod> pods;
        try {
            pods = client.pods().inNamespace(namespace)
                    .list(new ListOptionsBuilder().withLabelSelector(labelSelector).build()).getItems();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.read(attempt("list", "pods", null), e);
        }
        int ready = (int) pods.stream().filter(KubernetesClusterState::ready).count();
        return new PodCount(pods.size(), ready);
    }

    /** Every container of every pod the deployment's selector matches, with the image ID the kubelet reports. */
    private List<DeploymentReading.RunningImage> runningImages(Deployment deployment) throws ClusterReadException {
        List<Pod> pods;
        try {
            pods = client.pods().inNamespace(namespace).withLabelSelector(deployment.getSpec().getSelector())
                    .list().getItems();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.read(attempt("list", "pods", null), e);
        }
        List<DeploymentReading.RunningImage> running = new ArrayList<>();
        for (Pod pod : pods) {
            List<ContainerStatus> statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
            if (statuses == null) {
                continue;
            }
            for (ContainerStatus status : statuses) {
                running.add(new DeploymentReading.RunningImage(pod.getMetadata().getName(), status.getName(),
                        Objects.requireNonNullElse(status.getImageID(), "")));
            }
        }
        return running;
    }

    private static List<DeploymentReading.Container> containers(DeploymentSpec spec) {
        if (spec.getTemplate() == null || spec.getTemplate().getSpec() == null
                || spec.getTemplate().getSpec().getContainers() == null) {
            return List.of();
        }
        List<DeploymentReading.Container> result = new ArrayList<>();
        for (Container container : spec.getTemplate().getSpec().getContainers()) {
            Map<String, String> env = new LinkedHashMap<>();
            if (container.getEnv() != null) {
                for (EnvVar variable : container.getEnv()) {
                    // Only literal values: a valueFrom may point into a Secret, and is not followed.
                    if (variable.getValueFrom() == null && variable.getName() != null) {
                        env.put(variable.getName(), Objects.requireNonNullElse(variable.getValue(), ""));
                    }
                }
            }
            result.add(new DeploymentReading.Container(container.getName(),
                    Objects.requireNonNullElse(container.getImage(), ""), env));
        }
        return result;
    }

    /** kubectl's rule: the Progressing condition gives up with reason ProgressDeadlineExceeded. */
    private static boolean progressDeadlineExceeded(DeploymentStatus status) {
        List<DeploymentCondition> conditions = status.getConditions();
        return conditions != null && conditions.stream().anyMatch(c -> "Progressing".equals(c.getType())
                && "ProgressDeadlineExceeded".equals(c.getReason()));
    }

    private static boolean ready(Pod pod) {
        List<PodCondition> conditions = pod.getStatus() == null ? null : pod.getStatus().getConditions();
        return conditions != null && conditions.stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private KubernetesClientException refusal(HttpResponse<String> response) {
        String body = response.body();
        try {
            Status status = client.getKubernetesSerialization().unmarshal(body, Status.class);
            if (status != null && status.getCode() != null) {
                return new KubernetesClientException(status);
            }
        } catch (RuntimeException notAStatus) {
            // An answer that is not a Kubernetes Status (a proxy's page): the code is all there is to say.
        }
        return new KubernetesClientException("HTTP " + response.code(), response.code(), null);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private KubernetesErrors.Attempt attempt(String verb, String resource, String name) {
        return new KubernetesErrors.Attempt(verb, resource, name, namespace);
    }
}
