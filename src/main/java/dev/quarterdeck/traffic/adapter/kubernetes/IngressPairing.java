package dev.quarterdeck.traffic.adapter.kubernetes;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How ingress-nginx pairs a canary Ingress with the main Ingress it splits: by host and path. A canary with no
 * main Ingress for its host and path is ignored, and only one canary per host and path is applied. This finds
 * what keeps a canary from working, in words a captain can act on.
 */
final class IngressPairing {
    /** One host and path an Ingress routes; an empty host means any host. */
    record Route(String host, String path) {
        @Override
        public String toString() {
            return (host.isEmpty() ? "(any host)" : host) + path;
        }
    }

    private IngressPairing() {}

    /** The hosts and paths an Ingress routes, in its own order. A path left out means "/". */
    static Set<Route> routes(Ingress ingress) {
        Set<Route> routes = new LinkedHashSet<>();
        if (ingress.getSpec() == null || ingress.getSpec().getRules() == null) {
            return routes;
        }
        for (IngressRule rule : ingress.getSpec().getRules()) {
            String host = rule.getHost() == null ? "" : rule.getHost();
            if (rule.getHttp() == null || rule.getHttp().getPaths() == null) {
                continue;
            }
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                String location = path.getPath() == null || path.getPath().isEmpty() ? "/" : path.getPath();
                routes.add(new Route(host, location));
            }
        }
        return routes;
    }

    /**
     * What keeps {@code canary} from working, one sentence each; empty when it is set up right.
     *
     * @param named the main Ingress the plan names, when it names one (and it exists)
     * @param all every Ingress in the namespace, the canary included
     */
    static List<String> problems(Ingress canary, Optional<Ingress> named, List<Ingress> all) {
        List<String> problems = new ArrayList<>();
        String canaryName = qualified(canary);
        Set<Route> canaryRoutes = routes(canary);
        if (canaryRoutes.isEmpty()) {
            problems.add("the canary Ingress " + canaryName + " has no rule with a host and path, so ingress-nginx "
                    + "cannot pair it with a main Ingress");
            return problems;
        }
        for (Ingress other : all) {
            if (same(other, canary) || !CanaryAnnotations.isCanary(annotations(other))) {
                continue;
            }
            Set<Route> shared = new LinkedHashSet<>(routes(other));
            shared.retainAll(canaryRoutes);
            if (!shared.isEmpty()) {
                problems.add("a second canary Ingress, " + qualified(other) + ", claims " + listed(shared)
                        + " too; ingress-nginx applies only one canary per host and path");
            }
        }
        if (named.isPresent()) {
            problems.addAll(againstNamedMain(canary, canaryRoutes, named.get()));
        } else {
            problems.addAll(againstAnyMain(canary, canaryRoutes, all));
        }
        return problems;
    }

    private static List<String> againstNamedMain(Ingress canary, Set<Route> canaryRoutes, Ingress main) {
        List<String> problems = new ArrayList<>();
        String mainName = qualified(main);
        if (CanaryAnnotations.isCanary(annotations(main))) {
            problems.add("the main Ingress the plan names, " + mainName + ", is itself a canary ("
                    + CanaryAnnotations.CANARY + ": \"" + annotations(main).get(CanaryAnnotations.CANARY) + "\")");
            return problems;
        }
        Set<Route> unserved = new LinkedHashSet<>(canaryRoutes);
        unserved.removeAll(routes(main));
        if (!unserved.isEmpty()) {
            problems.add("the canary Ingress " + qualified(canary) + " routes " + listed(unserved)
                    + ", which the main Ingress " + mainName + " does not serve (it serves "
                    + listedOrNothing(routes(main)) + ")");
        }
        classMismatch(canary, main).ifPresent(problems::add);
        return problems;
    }

    private static List<String> againstAnyMain(Ingress canary, Set<Route> canaryRoutes, List<Ingress> all) {
        List<String> problems = new ArrayList<>();
        List<Ingress> mains = all.stream()
                .filter(i -> !same(i, canary) && !CanaryAnnotations.isCanary(annotations(i)))
                .collect(Collectors.toList());
        Set<Route> unserved = new LinkedHashSet<>();
        for (Route route : canaryRoutes) {
            List<Ingress> serving = mains.stream().filter(m -> routes(m).contains(route)).collect(Collectors.toList());
            if (serving.isEmpty()) {
                unserved.add(route);
            }
            serving.forEach(main -> classMismatch(canary, main).filter(p -> !problems.contains(p))
                    .ifPresent(problems::add));
        }
        if (!unserved.isEmpty()) {
            String others = mains.isEmpty() ? "there is no other Ingress there"
                    : mains.stream().map(m -> qualified(m) + " serves " + listedOrNothing(routes(m)))
                            .collect(Collectors.joining("; "));
            problems.add(0, "no main Ingress in namespace " + namespace(canary) + " serves " + listed(unserved)
                    + ", which the canary Ingress " + qualified(canary) + " routes; ingress-nginx ignores a canary "
                    + "without one (" + others + ")");
        }
        return problems;
    }

    /** The canary must be picked up by the same ingress controller as its main Ingress. */
    private static Optional<String> classMismatch(Ingress canary, Ingress main) {
        String canaryClass = canary.getSpec() == null ? null : canary.getSpec().getIngressClassName();
        String mainClass = main.getSpec() == null ? null : main.getSpec().getIngressClassName();
        if (canaryClass == null || mainClass == null || canaryClass.equals(mainClass)) {
            return Optional.empty();
        }
        return Optional.of("the canary Ingress " + qualified(canary) + " has ingressClassName " + canaryClass
                + " but the main Ingress " + qualified(main) + " has " + mainClass);
    }

    private static Map<String, String> annotations(Ingress ingress) {
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    private static boolean same(Ingress a, Ingress b) {
        return Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
    }

    static String qualified(Ingress ingress) {
        return namespace(ingress) + "/" + ingress.getMetadata().getName();
    }

    private static String namespace(Ingress ingress) {
        return ingress.getMetadata().getNamespace();
    }

    private static String listed(Set<Route> routes) {
        return routes.stream().map(Route::toString).collect(Collectors.joining(", "));
    }

    private static String listedOrNothing(Set<Route> routes) {
        return routes.isEmpty() ? "no host and path" : listed(routes);
    }
}
