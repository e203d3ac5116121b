package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.testing.KubernetesTestCluster;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;

/**
 * A client of the test cluster that reports a 5xx or a dropped connection at once. fabric8 by default retries
 * those itself with exponential backoff (up to 10 times, about 100 s), which would hide a staged 500 behind a
 * successful retry and make a failing test slow. How the application's client retries is the wiring's choice.
 */
final class Clients {
    private Clients() {}

    static KubernetesClient withoutRetries(KubernetesTestCluster cluster) {
        return new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(cluster.client().getConfiguration()).withRequestRetryBackoffLimit(0)
                        .build())
                .withHttpClientFactory(new OkHttpClientFactory())
                .build();
    }
}
