package dev.quarterdeck.traffic;

/**
 * Splits an environment's traffic between stable and canary. A weight counts as applied only once it has
 * been read back from the router, so {@link #setCanaryWeight} writes and then reads.
 * Implementations are called from I/O threads, never from the console's FX thread.
 */
public interface TrafficRouter extends AutoCloseable {

    /** What this router is, for the console and the journal: "sandbox router at http://127.0.0.1:41234". */
    String describe();

    /** Writes the weight, reads it back, and returns what was read. */
    WeightReading setCanaryWeight(CanaryWeight weight) throws ActionException;

    /** Reads the weight the router applies now. */
    WeightReading readCanaryWeight() throws ActionException;

    /**
     * Checks that the router is set up as the plan says before anything is changed: the canary Ingress exists
     * and matches a main Ingress, the route has both backends, the upstream has both targets. Throws with what
     * is missing.
     */
    default void verify() throws ActionException {
        readCanaryWeight();
    }

    /**
     * Turns canary routing off entirely, as far as the router can (ingress-nginx sets {@code canary: "false"});
     * where it cannot, sends no traffic to the canary. Returns the weight read back afterwards.
     */
    default WeightReading disableCanary() throws ActionException {
        return setCanaryWeight(CanaryWeight.NONE);
    }

    @Override
    default void close() {}
}
