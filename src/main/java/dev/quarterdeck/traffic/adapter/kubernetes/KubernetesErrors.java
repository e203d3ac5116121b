package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.probe.ClusterReadException;
import dev.quarterdeck.traffic.ActionException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

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
        // An interrupted call was given up by its caller (a rollback pre-empting it, a shutdown): not worth a retry.
        return new ActionException(describe(attempt, e), retryable(e.getCode()) && !interrupted(e), e);
    }

    static ClusterReadException read(Attempt attempt, KubernetesClientException e) {
        return new ClusterReadException(describe(attempt, e), retryable(e.getCode()) && !interrupted(e), e);
    }

    /** fabric8 answers a GET of a missing object with null rather than a 404 exception: same words as a 404. */
    static ActionException missing(Attempt attempt) {
        return new ActionException(attempt + ": " + notFound(attempt), false);
    }

    /** As {@link #missing(Attempt)}, for reads. */
    static ClusterReadException missingRead(Attempt attempt) {
        return new ClusterReadException(attempt + ": " + notFound(attempt), false, null);
    }

    /** Every re-read met a newer version: someone keeps writing the object. Worth another try later. */
    static ActionException stillConflicting(Attempt attempt, KubernetesClientException last, int attempts) {
        return new ActionException(describe(attempt, last) + " (still conflicting after " + attempts + " attempts)",
                true, last);
    }

    private static String notFound(Attempt attempt) {
        return "404 Not Found (no such " + attempt.resource() + ")";
    }

    /**
     * A code below 1 means "no HTTP answer": refused, reset, timed out. fabric8 7 reports those as -1 (older
     * versions as 0); either way a later try may get through.
     */
    static boolean retryable(int code) {
        return code <= 0 || code == 409 || code == 429 || code >= 500;
    }

    static String describe(Attempt attempt, KubernetesClientException e) {
        int code = e.getCode();
        String serverSays = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                // OkHttp's timeout closes the socket: "Socket closed" would only confuse the captain.
                : code <= 0 && timedOut(e) ? null : rootMessage(e);
        String what = code <= 0 ? noAnswer(e) : switch (code) {
            case 401 -> "401 Unauthorized (the kubeconfig's credentials were not accepted)";
            case 403 -> "403 Forbidden (the current user may not " + attempt.verb() + " " + attempt.resource() + ")";
            case 404 -> notFound(attempt);
            case 409 -> "409 Conflict (changed by someone else meanwhile)";
            case 422 -> "422 Invalid";
            case 429 -> "429 Too Many Requests";
            default -> code + (code >= 500 ? " server error" : "");
        };
        return attempt + ": " + what + (serverSays == null || serverSays.isBlank() ? "" : ": " + serverSays);
    }

    private static String noAnswer(KubernetesClientException e) {
        if (interrupted(e)) {
            return "interrupted before the API server answered";
        }
        return timedOut(e) ? "timed out waiting for the API server" : "no answer from the API server";
    }

    /** A connect, read or call timeout anywhere in the cause chain (OkHttp reports them in several ways). */
    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || (t instanceof InterruptedIOException && "timeout".equals(t.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
