package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.TrafficRouter;
import dev.quarterdeck.traffic.WeightReading;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Splits traffic with the backendRef weights of one rule of a Gateway API HTTPRoute: the plan's rule (by index,
 * from 0), or the one rule that holds both the stable and the canary backend. A canary share of p % is written
 * as stable weight 100 − p and canary weight p; the share read back is canary / (stable + canary), a weight
 * left out counting as 1, as the Gateway API says. Other backendRefs of the rule are left as they are and are
 * not counted. Writes are read-modify-write locked to the resourceVersion, retried on conflict, then read back.
 */
public final class GatewayApiRouter implements TrafficRouter {
    private static final String HTTP_ROUTES = "httproutes.gateway.networking.k8s.io";
    private static final int DEFAULT_WEIGHT = 1;

    private final TrafficSpec.GatewayApi plan;
    private final Clock clock;
    private final VersionedResource<HTTPRoute> route;

    /** The two backendRefs of the chosen rule. */
    private record Backends(int rule, HTTPBackendRef stable, HTTPBackendRef canary) {}

    /**
     * @param connection the environment's cluster and namespace; not closed by this router
     * @param plan the route, the rule if named, and the stable and canary backends
     * @param clock stamps each {@link WeightReading}
     */
    public GatewayApiRouter(KubernetesConnection connection, TrafficSpec.GatewayApi plan, Clock clock) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.clock = Objects.requireNonNull(clock, "clock");
        String namespace = connection.namespace();
        this.route = new VersionedResource<>(connection.client().resources(HTTPRoute.class).inNamespace(namespace),
                HTTP_ROUTES, plan.route(), namespace, "the HTTPRoute the plan names");
    }

    @Override
    public String describe() {
        return "Gateway API HTTPRoute " + route.qualifiedName() + ", backends " + plan.stableBackend() + " (stable) and "
                + plan.canaryBackend() + " (canary)";
    }

    @Override
    public WeightReading setCanaryWeight(CanaryWeight weight) throws ActionException {
        Objects.requireNonNull(weight, "weight");
        int canaryWeight = weight.percent();
        int stableWeight = 100 - weight.percent();
        route.edit(current -> {
            Backends backends = backends(current);
            if (Objects.equals(backends.stable().getWeight(), stableWeight)
                    && Objects.equals(backends.canary().getWeight(), canaryWeight)) {
                return false;
            }
            backends.stable().setWeight(stableWeight);
            backends.canary().setWeight(canaryWeight);
            return true;
        });
        return readCanaryWeight();
    }

    @Override
    public WeightReading readCanaryWeight() throws ActionException {
        return new WeightReading(share(backends(route.read())), clock.instant());
    }

    /** Weight 0 for the canary backend, 100 for stable; the canary's backendRef stays, ready for the next try. */
    @Override
    public WeightReading disableCanary() throws ActionException {
        return setCanaryWeight(CanaryWeight.NONE);
    }

    /** The route exists, the rule exists and holds both backends, and the weights give a share. */
    @Override
    public void verify() throws ActionException {
        share(backends(route.read()));
    }

    private CanaryWeight share(Backends backends) throws ActionException {
        long stable = weightOf(backends.stable());
        long canary = weightOf(backends.canary());
        if (stable < 0 || canary < 0) {
            throw new ActionException(where(backends.rule()) + ": a negative weight (" + plan.stableBackend() + " "
                    + stable + ", " + plan.canaryBackend() + " " + canary + ")", false);
        }
        if (stable + canary == 0) {
            throw new ActionException(where(backends.rule()) + ": no traffic to either backend (" + plan.stableBackend()
                    + " and " + plan.canaryBackend() + " both weigh 0)", false);
        }
        return CanaryWeight.of((int) Math.round(canary * 100.0 / (stable + canary)));
    }

    private Backends backends(HTTPRoute current) throws ActionException {
        List<HTTPRouteRule> rules = current.getSpec() == null || current.getSpec().getRules() == null
                ? List.of() : current.getSpec().getRules();
        if (plan.rule().isPresent()) {
            int index = plan.rule().getAsInt();
            if (index < 0 || index >= rules.size()) {
                throw new ActionException("HTTPRoute " + route.qualifiedName() + " has " + rules.size()
                        + (rules.size() == 1 ? " rule" : " rules") + "; the plan names rule " + index
                        + " (counted from 0)", false);
            }
            HTTPRouteRule rule = rules.get(index);
            return new Backends(index, backend(rule, index, plan.stableBackend()),
                    backend(rule, index, plan.canaryBackend()));
        }
        List<Integer> holdingBoth = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            List<String> names = names(rules.get(i));
            if (names.contains(plan.stableBackend()) && names.contains(plan.canaryBackend())) {
                holdingBoth.add(i);
            }
        }
        if (holdingBoth.size() == 1) {
            int index = holdingBoth.get(0);
            HTTPRouteRule rule = rules.get(index);
            return new Backends(index, backend(rule, index, plan.stableBackend()),
                    backend(rule, index, plan.canaryBackend()));
        }
        if (holdingBoth.isEmpty()) {
            throw new ActionException("no rule of HTTPRoute " + route.qualifiedName() + " holds both backends "
                    + plan.stableBackend() + " and " + plan.canaryBackend() + " (" + ruleBackends(rules) + ")", false);
        }
        throw new ActionException("rules " + holdingBoth + " of HTTPRoute " + route.qualifiedName() + " all hold "
                + plan.stableBackend() + " and " + plan.canaryBackend() + "; the plan must name the rule to weigh",
                false);
    }

    private HTTPBackendRef backend(HTTPRouteRule rule, int index, String name) throws ActionException {
        List<HTTPBackendRef> matching = refs(rule).stream().filter(ref -> name.equals(ref.getName()))
                .collect(Collectors.toList());
        if (matching.isEmpty()) {
            throw new ActionException(where(index) + " has no backendRef named " + name + " (it has "
                    + listed(names(rule)) + ")", false);
        }
        if (matching.size() > 1) {
            throw new ActionException(where(index) + " has " + matching.size() + " backendRefs named " + name
                    + "; Quarterdeck cannot tell which one to weigh", false);
        }
        return matching.get(0);
    }

    private static long weightOf(HTTPBackendRef ref) {
        return ref.getWeight() == null ? DEFAULT_WEIGHT : ref.getWeight();
    }

    private static List<HTTPBackendRef> refs(HTTPRouteRule rule) {
        return rule.getBackendRefs() == null ? List.of() : rule.getBackendRefs();
    }

    private static List<String> names(HTTPRouteRule rule) {
        return refs(rule).stream().map(HTTPBackendRef::getName).collect(Collectors.toList());
    }

    private static String ruleBackends(List<HTTPRouteRule> rules) {
        if (rules.isEmpty()) {
            return "it has no rules";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            parts.add("rule " + i + ": " + listed(names(rules.get(i))));
        }
        return String.join("; ", parts);
    }

    private static String listed(List<String> names) {
        return names.isEmpty() ? "no backends" : String.join(", ", names);
    }

    private String where(int rule) {
        return "rule " + rule + " of HTTPRoute " + route.qualifiedName();
    }
}
