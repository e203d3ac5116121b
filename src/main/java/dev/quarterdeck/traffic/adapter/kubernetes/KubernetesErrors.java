package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.probe.ClusterReadException;
import dev.quarterdeck.traffic.ActionException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns the API server's refusals into messages a captain can act on, naming the verb, the resource and the
 * namespace ("patch ingresses.networking.k8s.io/checkout-canary in namespace shop: 403 Forbidden: ..."),
 * and says whether a retry may help: conflicts, throttling, server errors and timeouts may pass; denials,
 * missing resources and invalid requests will not.
 */
final class KubernetesErrors {
    private KubernetesErrors() {}

    /** What was attempted: {@code patch ingresses.networking.k8s.io/checkout-canary in namespace shop}. */
    record Attempt(String verb, String resource, String name, String namespace) {
        @Override
        public String toString() {
            return verb + " " + resource + (name == null || name.isEmpty() ? "" : "/" + name)
                    + (namespace == null || namespace.isEmpty() ? "" : " in namespace " + namespace);
        }
    }

    static ActionException action(Attempt attempt, KubernetesClientException e) {
        return new ActionException(describe(attempt, e), retryable(e.getCode()), e);
    }

    static ClusterReadException read(Attempt attempt, KubernetesClientException e) {
        return new ClusterReadException(describe(attempt, e), retryable(e.getCode()), e);
    }

    /** 0 is fabric8's code for "no HTTP answer": refused, reset, timed out. */
    static boolean retryable(int code) {
        return code == 0 || code == 409 || code == 429 || code >= 500;
    }

    static String describe(Attempt attempt, KubernetesClientException e) {
        int code = e.getCode();
        String serverSays = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : rootMessage(e);
        String what = switch (code) {
            case 0 -> "no answer from the API server";
            case 401 -> "401 Unauthorized (the kubeconfig's credentials were not accepted)";
            case 403 -> "403 Forbidden (the current user may not " + attempt.verb() + " " + attempt.resource() + ")";
            case 404 -> "404 Not Found (no such " + attempt.resource() + ")";
            case 409 -> "409 Conflict (changed by someone else meanwhile)";
            case 422 -> "422 Invalid";
            case 429 -> "429 Too Many Requests";
            default -> code + (code >= 500 ? " server error" : "");
        };
        return attempt + ": " + what + (serverSays == null || serverSays.isBlank() ? "" : ": " + serverSays);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
