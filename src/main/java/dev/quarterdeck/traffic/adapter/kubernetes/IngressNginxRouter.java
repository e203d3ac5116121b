package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.TrafficRouter;
import dev.quarterdeck.traffic.WeightReading;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Splits traffic with ingress-nginx canary annotations on the canary Ingress the plan names:
 * {@code canary: "true"}, {@code canary-weight} out of {@code canary-weight-total}, and the header and cookie
 * routes the plan asks for. Each write is a read-modify-write locked to the Ingress's resourceVersion and
 * retried on conflict; the weight reported is the one read back by a separate GET afterwards.
 *
 * <p>Only the annotations the plan is about are written; others on the Ingress (a header route someone set by
 * hand, rewrite rules) are left as they are.
 */
public final class IngressNginxRouter implements TrafficRouter {
    private static final String INGRESSES = "ingresses.networking.k8s.io";

    private final TrafficSpec.IngressNginx plan;
    private final Clock clock;
    private final String namespace;
    private final VersionedResource<Ingress> canary;

    /**
     * @param connection the environment's cluster and namespace; not closed by this router
     * @param plan the canary Ingress, the main Ingress if named, header and cookie routes, and the weight total
     * @param clock stamps each {@link WeightReading}
     * @throws IllegalArgumentException when the plan's weight total is not positive
     */
    public IngressNginxRouter(KubernetesConnection connection, TrafficSpec.IngressNginx plan, Clock clock) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (plan.weightTotal() < 1) {
            throw new IllegalArgumentException("canary-weight-total must be at least 1, was " + plan.weightTotal());
        }
        this.namespace = connection.namespace();
        this.canary = new VersionedResource<>(connection.client().network().v1().ingresses().inNamespace(namespace),
                INGRESSES, plan.canaryIngress(), namespace, "the canary Ingress the plan names");
    }

    @Override
    public String describe() {
        return "ingress-nginx canary Ingress " + canary.qualifiedName();
    }

    @Override
    public WeightReading setCanaryWeight(CanaryWeight weight) throws ActionException {
        Objects.requireNonNull(weight, "weight");
        String canaryWeight = Integer.toString(CanaryAnnotations.weightFor(weight, plan.weightTotal()));
        canary.edit(ingress -> {
            Map<String, String> wanted = new HashMap<>();
            wanted.put(CanaryAnnotations.CANARY, "true");
            wanted.put(CanaryAnnotations.WEIGHT, canaryWeight);
            Map<String, String> current = annotations(ingress);
            // An existing total is overwritten with the plan's, even 100: a hand-set 1000 left in place would make
            // the weight written here mean a tenth of what the plan says.
            if (plan.weightTotal() != CanaryAnnotations.DEFAULT_TOTAL
                    || current.containsKey(CanaryAnnotations.WEIGHT_TOTAL)) {
                wanted.put(CanaryAnnotations.WEIGHT_TOTAL, Integer.toString(plan.weightTotal()));
            }
            plan.header().ifPresent(h -> wanted.put(CanaryAnnotations.BY_HEADER, h));
            plan.headerValue().ifPresent(v -> wanted.put(CanaryAnnotations.BY_HEADER_VALUE, v));
            plan.cookie().ifPresent(c -> wanted.put(CanaryAnnotations.BY_COOKIE, c));
            return annotate(ingress, wanted);
        });
        return readCanaryWeight();
    }

    @Override
    public WeightReading readCanaryWeight() throws ActionException {
        Ingress ingress = canary.read();
        return new WeightReading(CanaryAnnotations.percentOf(annotations(ingress), where()), clock.instant());
    }

    /**
     * Turns the canary off: {@code canary: "false"}, so ingress-nginx ignores the weight and the header and
     * cookie routes alike, and the weight goes to 0 as well, so that flipping {@code canary} back on by hand
     * does not send the old share to the canary at once. Sticky sessions (session affinity on the canary's
     * backend, or a {@code canary-by-cookie} cookie a client keeps sending) can keep some users on the canary
     * at weight 0 while {@code canary} is still true; turning it off entirely is what ends those too.
     */
    @Override
    public WeightReading disableCanary() throws ActionException {
        canary.edit(ingress -> annotate(ingress, Map.of(
                CanaryAnnotations.CANARY, "false",
                CanaryAnnotations.WEIGHT, "0")));
        return readCanaryWeight();
    }

    /**
     * Checks before anything changes: the canary Ingress exists, its annotations make sense, a main Ingress
     * (the one named, else any non-canary Ingress) serves each of its hosts and paths, and no second canary
     * claims any of them.
     */
    @Override
    public void verify() throws ActionException {
        Ingress ingress = canary.read();
        CanaryAnnotations.percentOf(annotations(ingress), where());
        Optional<Ingress> named = Optional.empty();
        if (plan.mainIngress().isPresent()) {
            String main = plan.mainIngress().get();
            Ingress found = canary.find(main);
            if (found == null) {
                throw new ActionException("the main Ingress the plan names does not exist: " + INGRESSES + "/"
                        + main + " in namespace " + namespace, false);
            }
            named = Optional.of(found);
        }
        List<String> problems = IngressPairing.problems(ingress, named, canary.listNamespace());
        if (!problems.isEmpty()) {
            throw new ActionException(describe() + " is not set up as ingress-nginx needs: "
                    + String.join("; ", problems), false);
        }
    }

    /** Puts {@code wanted} into the Ingress's annotations; false when they all hold already. */
    private static boolean annotate(Ingress ingress, Map<String, String> wanted) {
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        if (annotations != null && annotations.entrySet().containsAll(wanted.entrySet())) {
            return false;
        }
        Map<String, String> updated = annotations == null ? new HashMap<>() : new HashMap<>(annotations);
        updated.putAll(wanted);
        ingress.getMetadata().setAnnotations(updated);
        return true;
    }

    private static Map<String, String> annotations(Ingress ingress) {
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    private String where() {
        return "Ingress " + canary.qualifiedName();
    }
}
