package dev.quarterdeck.plan;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** How an environment's canary traffic is split. One variant per router kind. */
public sealed interface TrafficSpec {

    /** A short, human name for the router kind, as written in a plan. */
    String kind();

    /**
     * The built-in sandbox router. Without an {@code adminUrl} Quarterdeck starts the sandbox in process;
     * with one it drives a standalone {@code quarterdeck sandbox} over its admin API.
     */
    record Sandbox(Optional<URI> adminUrl, int requestsPerSecond) implements TrafficSpec {
        public static final int DEFAULT_REQUESTS_PER_SECOND = 50;

        public boolean embedded() {
            return adminUrl.isEmpty();
        }

        @Override
        public String kind() {
            return "sandbox";
        }
    }

    /**
     * ingress-nginx canary annotations on {@code canaryIngress}, which must match a main Ingress (the one named,
     * or the one with the same host and path). Header and cookie routing take precedence over the weight, as
     * in ingress-nginx; {@code weightTotal} is {@code canary-weight-total} (100 by default).
     */
    record IngressNginx(
            String canaryIngress,
            Optional<String> mainIngress,
            Optional<String> header,
            Optional<String> headerValue,
            Optional<String> cookie,
            int weightTotal) implements TrafficSpec {
        public static final int DEFAULT_WEIGHT_TOTAL = 100;

        public IngressNginx {
            Objects.requireNonNull(canaryIngress, "canaryIngress");
            Objects.requireNonNull(mainIngress, "mainIngress");
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(headerValue, "headerValue");
            Objects.requireNonNull(cookie, "cookie");
        }

        @Override
        public String kind() {
            return "ingress-nginx";
        }
    }

    /**
     * Gateway API: the weights of the {@code stableBackend} and {@code canaryBackend} backendRefs of one rule of
     * HTTPRoute {@code route} (rule {@code rule}, or the one rule that holds both).
     */
    record GatewayApi(String route, OptionalInt rule, String stableBackend, String canaryBackend)
            implements TrafficSpec {
        public GatewayApi {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(stableBackend, "stableBackend");
            Objects.requireNonNull(canaryBackend, "canaryBackend");
        }

        @Override
        public String kind() {
            return "gateway-api";
        }
    }

    /**
     * Kong: the weights of two targets of an upstream, through the Admin API at {@code adminUrl}. The token,
     * when the Admin API needs one, comes from the environment ({@code ${env:KONG_ADMIN_TOKEN}}).
     */
    record Kong(URI adminUrl, String upstream, String stableTarget, String canaryTarget, Optional<ValueTemplate> token)
            implements TrafficSpec {
        public Kong {
            Objects.requireNonNull(adminUrl, "adminUrl");
            Objects.requireNonNull(upstream, "upstream");
            Objects.requireNonNull(stableTarget, "stableTarget");
            Objects.requireNonNull(canaryTarget, "canaryTarget");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String kind() {
            return "kong";
        }
    }

    /**
     * No canary router: the release replaces what runs (a rolling update of a Deployment, a platform deploy) and
     * the new version takes all traffic as its rollout completes, as owlhub's {@code kubectl rollout} and nova's
     * {@code terraform apply} do. There is no canary weight to set or read; a plan that would move traffic in such
     * an environment (a weight step, disabling the canary, a staged rollback, the default rollback) is refused
     * when it is loaded.
     */
    record None() implements TrafficSpec {
        @Override
        public String kind() {
            return "none";
        }
    }
}
