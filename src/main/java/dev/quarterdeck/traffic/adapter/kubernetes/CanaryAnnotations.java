package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.CanaryWeight;
import java.util.Map;
import java.util.Set;

/**
 * ingress-nginx's canary annotations and the arithmetic between them and a percentage. All values are strings.
 * ingress-nginx sends {@code canary-weight} out of {@code canary-weight-total} (100 unless set) requests to the
 * canary, all of them once the weight reaches the total, and ignores every canary annotation unless
 * {@code canary} is true. Header and cookie routes take precedence over the weight.
 */
final class CanaryAnnotations {
    static final String PREFIX = "nginx.ingress.kubernetes.io/";
    static final String CANARY = PREFIX + "canary";
    static final String WEIGHT = PREFIX + "canary-weight";
    static final String WEIGHT_TOTAL = PREFIX + "canary-weight-total";
    static final String BY_HEADER = PREFIX + "canary-by-header";
    static final String BY_HEADER_VALUE = PREFIX + "canary-by-header-value";
    static final String BY_COOKIE = PREFIX + "canary-by-cookie";
    static final int DEFAULT_TOTAL = 100;

    /** What Go's strconv.ParseBool, which ingress-nginx parses the annotation with, accepts as true. */
    private static final Set<String> TRUE = Set.of("1", "t", "T", "true", "TRUE", "True");

    private CanaryAnnotations() {}

    /** {@code canary-weight} for a percentage: round(p × total / 100), halves up. */
    static int weightFor(CanaryWeight percent, int total) {
        return (int) ((percent.percent() * (long) total + 50) / 100);
    }

    /** Whether ingress-nginx treats the Ingress as a canary at all. */
    static boolean isCanary(Map<String, String> annotations) {
        return annotations != null && TRUE.contains(annotations.getOrDefault(CANARY, "").strip());
    }

    /**
     * The share ingress-nginx sends to the canary by weight, as the annotations stand: 0 % unless
     * {@code canary} is true, 100 % once the weight reaches the total, else round(weight × 100 / total).
     *
     * @param where names the Ingress, for the message when an annotation is not a number
     * @throws ActionException (permanent) when the weight or the total is not a whole number, the weight is
     *     negative or the total is not positive: the captain must look before Quarterdeck moves anything
     */
    static CanaryWeight percentOf(Map<String, String> annotations, String where) throws ActionException {
        if (!isCanary(annotations)) {
            return CanaryWeight.NONE;
        }
        int total = number(annotations, WEIGHT_TOTAL, DEFAULT_TOTAL, where);
        int weight = number(annotations, WEIGHT, 0, where);
        if (total <= 0) {
            throw new ActionException(where + ": " + WEIGHT_TOTAL + " is " + total + ", it must be at least 1",
                    false);
        }
        if (weight < 0) {
            throw new ActionException(where + ": " + WEIGHT + " is " + weight + ", it cannot be negative", false);
        }
        if (weight >= total) {
            return CanaryWeight.ALL;
        }
        return CanaryWeight.of((int) Math.round(weight * 100.0 / total));
    }

    private static int number(Map<String, String> annotations, String key, int absent, String where)
            throws ActionException {
        String value = annotations.get(key);
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ActionException(where + ": " + key + " is \"" + value + "\", not a whole number", false, e);
        }
    }
}
