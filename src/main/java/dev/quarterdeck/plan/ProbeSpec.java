package dev.quarterdeck.plan;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a probe checks. One variant per probe kind. */
public sealed interface ProbeSpec {

    /**
     * An HTTP request to {@code url}, or to {@code path} on a named service of the environment. Passes when the
     * status is {@code expectStatus}, the answer came within {@code latencyBudget}, every JSON assertion holds
     * and the body contains {@code bodyContains}. Header values may name environment variables and are never
     * recorded.
     */
    record Http(
            Optional<String> service,
            String path,
            Optional<URI> url,
            String method,
            Map<String, ValueTemplate> headers,
            Optional<String> body,
            int expectStatus,
            Optional<Duration> latencyBudget,
            List<JsonAssertion> json,
            Optional<String> bodyContains) implements ProbeSpec {
        public Http {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(method, "method");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(latencyBudget, "latencyBudget");
            json = List.copyOf(json);
            Objects.requireNonNull(bodyContains, "bodyContains");
            if (service.isEmpty() == url.isEmpty()) {
                throw new IllegalArgumentException("an http probe names either a service or a url");
            }
        }

        /** A plain GET of {@code path} on a named service, expecting {@code expectStatus}. */
        public Http(String service, String path, int expectStatus) {
            this(Optional.of(service), path, Optional.empty(), "GET", Map.of(), Optional.empty(), expectStatus,
                    Optional.empty(), List.of(), Optional.empty());
        }
    }

    /**
     * A PromQL instant query against the environment's Prometheus that must give one value within a bound,
     * e.g. canary error rate at most 1 %. An empty result is no data, never a pass.
     */
    record PrometheusQuery(String query, Condition.Bound bound, double threshold) implements ProbeSpec {
        public PrometheusQuery {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(bound, "bound");
        }
    }

    /** No Prometheus alert with all of these labels is firing. */
    record Alerts(Map<String, String> labels) implements ProbeSpec {
        public Alerts {
            labels = Map.copyOf(labels);
        }
    }

    /** These environment variables are set (and not empty) where Quarterdeck runs. Values are never shown. */
    record EnvironmentVariables(List<String> names) implements ProbeSpec {
        public EnvironmentVariables {
            names = List.copyOf(names);
        }
    }

    /** A check of Kubernetes state in the environment's namespace. */
    record Kubernetes(KubernetesCheck check) implements ProbeSpec {
        public Kubernetes {
            Objects.requireNonNull(check, "check");
        }
    }

    /** The Kubernetes checks a probe can make. */
    sealed interface KubernetesCheck {

        /** Done by kubectl's rule: observed generation current, all replicas updated and available. */
        record RolloutComplete(String deployment) implements KubernetesCheck {}

        /** At least {@code atLeast} ready and available replicas. */
        record Replicas(String deployment, int atLeast) implements KubernetesCheck {}

        /**
         * The deployment's container runs {@code image}, and its pods run the image with {@code digest} when
         * one is given ({@code sha256:...}).
         */
        record Image(String deployment, Optional<String> container, String image, Optional<String> digest)
                implements KubernetesCheck {}

        /** At least {@code atLeast} pods matching the label selector are ready. */
        record ReadyPods(String selector, int atLeast) implements KubernetesCheck {}

        /** The CronJob's {@code suspend} is {@code suspended}. */
        record CronJobSuspended(String cronJob, boolean suspended) implements KubernetesCheck {}

        /** The Secret exists. Its contents are never read. */
        record SecretExists(String secret) implements KubernetesCheck {}
    }
}
