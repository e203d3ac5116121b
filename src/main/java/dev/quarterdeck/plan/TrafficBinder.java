package dev.quarterdeck.plan;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads an environment's {@code traffic}: which router splits its canary traffic, and how to reach it. */
final class TrafficBinder {
    static final List<String> ROUTERS = List.of("sandbox", "ingressNginx", "gatewayApi", "kong", "none");

    private final Problems problems;

    TrafficBinder(Problems problems) {
        this.problems = problems;
    }

    Optional<TrafficSpec> bind(YamlNode node, String env) {
        return Fields.of(node, "traffic of " + env, problems).flatMap(f -> {
            Optional<TrafficSpec> spec = f.oneOf(ROUTERS).flatMap(kind -> {
                YamlNode value = EnvironmentBinder.variant(f, kind);
                switch (kind) {
                    case "sandbox":
                        return sandbox(value, env);
                    case "ingressNginx":
                        return ingressNginx(value, env);
                    case "gatewayApi":
                        return gatewayApi(value, env);
                    case "none":
                        return none(value, env);
                    default:
                        return kong(value, env);
                }
            });
            f.rejectUnknown();
            return spec;
        });
    }

    private Optional<TrafficSpec> sandbox(YamlNode node, String env) {
        return Fields.of(node, "the sandbox router of " + env, problems).map(f -> {
            Optional<URI> url = f.optional("url").flatMap(u -> Urls.http(u, "'url' of the sandbox router of " + env,
                    problems));
            int rps = f.integer("requestsPerSecond", 0, 10_000).orElse(TrafficSpec.Sandbox.DEFAULT_REQUESTS_PER_SECOND);
            f.rejectUnknown();
            return new TrafficSpec.Sandbox(url, rps);
        });
    }

    private Optional<TrafficSpec> ingressNginx(YamlNode node, String env) {
        return Fields.of(node, "the ingress-nginx router of " + env, problems).flatMap(f -> {
            Optional<String> canary = f.requiredText("canaryIngress", "the name of the canary Ingress");
            Optional<String> main = f.text("mainIngress");
            Optional<String> header = f.text("header");
            Optional<String> headerValue = f.text("headerValue");
            Optional<String> cookie = f.text("cookie");
            int total = f.integer("weightTotal", 1, 1_000_000).orElse(TrafficSpec.IngressNginx.DEFAULT_WEIGHT_TOTAL);
            if (headerValue.isPresent() && header.isEmpty()) {
                problems.add(f.location(), "'headerValue' of the ingress-nginx router of " + env
                        + " needs 'header': the value is matched against that header");
            }
            f.rejectUnknown();
            return canary.map(c -> new TrafficSpec.IngressNginx(c, main, header, headerValue, cookie, total));
        });
    }

    private Optional<TrafficSpec> gatewayApi(YamlNode node, String env) {
        return Fields.of(node, "the Gateway API router of " + env, problems).flatMap(f -> {
            Optional<String> route = f.requiredText("route", "the name of the HTTPRoute");
            OptionalInt rule = f.integer("rule", 0, 1000).map(OptionalInt::of).orElse(OptionalInt.empty());
            Optional<String> stable = f.requiredText("stableBackend", "the backendRef name of the stable Service");
            Optional<String> canary = f.requiredText("canaryBackend", "the backendRef name of the canary Service");
            if (stable.isPresent() && stable.equals(canary)) {
                problems.add(f.location(), "the Gateway API router of " + env + " names the same backend '"
                        + stable.get() + "' for stable and canary");
            }
            f.rejectUnknown();
            if (route.isEmpty() || stable.isEmpty() || canary.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new TrafficSpec.GatewayApi(route.get(), rule, stable.get(), canary.get()));
        });
    }

    private Optional<TrafficSpec> kong(YamlNode node, String env) {
        return Fields.of(node, "the Kong router of " + env, problems).flatMap(f -> {
            Optional<URI> admin = f.required("adminUrl", "the Kong Admin API's URL, such as http://kong-admin:8001")
                    .flatMap(u -> Urls.http(u, "'adminUrl' of the Kong router of " + env, problems));
            Optional<String> upstream = f.requiredText("upstream", "the name of the Kong upstream");
            Optional<String> stable = f.requiredText("stableTarget", "the stable target, such as checkout:3000");
            Optional<String> canary = f.requiredText("canaryTarget", "the canary target, such as checkout-canary:3000");
            Optional<ValueTemplate> token = f.optional("token")
                    .flatMap(t -> Secrets.template(t, "'token' of the Kong router of " + env, problems));
            f.rejectUnknown();
            if (admin.isEmpty() || upstream.isEmpty() || stable.isEmpty() || canary.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new TrafficSpec.Kong(admin.get(), upstream.get(), stable.get(), canary.get(), token));
        });
    }

    /** {@code none: {}}: no canary router; it takes no settings. */
    private Optional<TrafficSpec> none(YamlNode node, String env) {
        return Fields.of(node, "'none' (no canary router) of " + env, problems).map(f -> {
            for (YamlNode.Mapping.Entry entry : ((YamlNode.Mapping) node).entries().values()) {
                problems.add(entry.key().location(), "'none' (no canary router) of " + env + " takes no settings, "
                        + "found '" + entry.key().name() + "': write none: {}");
            }
            return new TrafficSpec.None();
        });
    }

    /** Routers whose state lives in Kubernetes objects. */
    static boolean inKubernetes(TrafficSpec spec) {
        return spec instanceof TrafficSpec.IngressNginx || spec instanceof TrafficSpec.GatewayApi;
    }
}
