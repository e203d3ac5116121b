package dev.quarterdeck.testing;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

/**
 * What kube-controller-manager does for a test cluster, in one line of behaviour: when a deployment's spec
 * changes (its generation moves past the observed one), it reports the new revision rolled out. The CRUD API
 * server bumps generations but has no controller, so without this a rollout would never complete.
 */
public final class DeploymentController implements AutoCloseable {
    private final KubernetesClient client;
    private final String namespace;
    private final Watch watch;

    private DeploymentController(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.watch = client.apps().deployments().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment deployment) {
                if (action == Action.ADDED || action == Action.MODIFIED) {
                    reconcile(deployment);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // The test is over, or the server went away with it.
            }
        });
    }

    public static DeploymentController start(KubernetesClient client, String namespace) {
        return new DeploymentController(client, namespace);
    }

    private void reconcile(Deployment deployment) {
        Long generation = deployment.getMetadata().getGeneration();
        DeploymentStatus status = deployment.getStatus();
        Long observed = status == null ? null : status.getObservedGeneration();
        if (generation == null || (observed != null && observed >= generation)) {
            return;
        }
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        try {
            client.apps().deployments().inNamespace(namespace).withName(deployment.getMetadata().getName())
                    .editStatus(d -> {
                        d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation)
                                .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas)
                                .withAvailableReplicas(replicas).build());
                        return d;
                    });
        } catch (KubernetesClientException e) {
            // Changed by someone else since this event (a test, a rollback): the watch delivers that change
            // next and it is reconciled then, as the real controller requeues. Anything else is a real error.
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        watch.close();
    }
}
