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

    @Override
    default void close() {}
}
