package dev.quarterdeck.traffic;

import java.time.Instant;

/**
 * One console at a time drives an environment: a lease (a Kubernetes Lease) that the driving console holds
 * and renews. A second console finds it held and opens read-only, showing who holds it.
 */
public interface EnvironmentLease {

    /** Takes the lease if it is free or expired; otherwise reports who holds it. */
    State acquire(String holder) throws ActionException;

    /** Takes the lease whoever holds it: an incident commander taking over a stale or absent console. */
    State takeOver(String holder) throws ActionException;

    /** Renews a lease this console holds; reports the new holder if it was lost. */
    State renew() throws ActionException;

    /** Gives the lease up, if this console holds it. */
    void release() throws ActionException;

    /** Who holds the lease. */
    sealed interface State {
        String holder();

        Instant expiresAt();

        /** This console holds it. */
        record Held(String holder, Instant expiresAt) implements State {}

        /** Someone else does, renewed at {@code renewedAt}. */
        record HeldByOther(String holder, Instant renewedAt, Instant expiresAt) implements State {}
    }
}
