package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.EnvironmentLock;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.EnvironmentUnlocked;
import dev.quarterdeck.session.SessionEvent.LeaseChanged;
import dev.quarterdeck.session.SessionEvent.PreflightChecked;
import dev.quarterdeck.session.SessionEvent.ProtectedEnvironmentConfirmed;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether this console may change the environment, as far as the session has told it: the engine's own rules
 * (its {@code WriteGuard}), read back from events, so the console disables what the engine would refuse and says
 * why. Plain Java, no JavaFX: each view model that needs it keeps its own and feeds it from its own batch, so no
 * view model depends on the order in which the bridge calls the others.
 *
 * <p>Before the first {@link LeaseChanged} the console is not read-only: the engine also lets writes through
 * until it knows another console holds the lease.
 */
final class WriteAccess {
    private final Environment environment;
    private String otherHolder;
    private Instant otherRenewedAt;
    private boolean unlocked;
    private boolean confirmed;
    private List<PreflightChecked.Access> routerDenied = List.of();

    WriteAccess(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Takes in one event; true when it changed what this console may do. */
    boolean accept(SessionEvent event) {
        if (event instanceof LeaseChanged lease) {
            String before = otherHolder;
            Instant renewedBefore = otherRenewedAt;
            otherHolder = lease.ours() ? null : lease.holder();
            otherRenewedAt = lease.ours() ? null : lease.renewedAt();
            return !Objects.equals(before, otherHolder) || !Objects.equals(renewedBefore, otherRenewedAt);
        } else if (event instanceof EnvironmentUnlocked) {
            boolean changed = !unlocked;
            unlocked = true;
            return changed;
        } else if (event instanceof ProtectedEnvironmentConfirmed) {
            boolean changed = !confirmed;
            confirmed = true;
            return changed;
        } else if (event instanceof PreflightChecked preflight) {
            routerDenied = preflight.missing().stream().filter(PreflightChecked.Access::neededByRouter).toList();
            return true;
        }
        return false;
    }

    /**
     * Why a traffic change would be refused now, in a captain's words: the first of read-only, locked,
     * protected and not confirmed, the cluster forbids the router write (the engine's order).
     */
    Optional<String> trafficRefusal() {
        if (otherHolder != null) {
            return Optional.of("Read-only: " + otherHolder + " drives " + environment.name()
                    + ". Take over to change traffic.");
        }
        Optional<EnvironmentLock> lock = waitingLock();
        if (lock.isPresent()) {
            return Optional.of("Locked until " + lock.get().approver() + " approves. Record the approval to change"
                    + " traffic.");
        }
        if (awaitingConfirmation()) {
            return Optional.of(environment.name() + " is protected: type its name in the banner above to allow"
                    + " traffic changes.");
        }
        if (!routerDenied.isEmpty()) {
            PreflightChecked.Access first = routerDenied.get(0);
            return Optional.of("The cluster would refuse it: you may not " + first.permission() + ".");
        }
        return Optional.empty();
    }

    /** Who drives the environment from another console; empty while this one may (or nobody said otherwise). */
    Optional<String> otherHolder() {
        return Optional.ofNullable(otherHolder);
    }

    /** When the other console last renewed its lease, when the session said so. */
    Optional<Instant> otherRenewedAt() {
        return Optional.ofNullable(otherRenewedAt);
    }

    /** The environment's lock, while nobody has recorded its approver's approval. */
    Optional<EnvironmentLock> waitingLock() {
        return unlocked ? Optional.empty() : environment.lock();
    }

    /** A protected environment whose name has not been typed yet. */
    boolean awaitingConfirmation() {
        return environment.isProtected() && !confirmed;
    }

    /** The permissions the preflight found missing that concern the router's own resource. */
    List<PreflightChecked.Access> routerDenied() {
        return routerDenied;
    }

    Environment environment() {
        return environment;
    }
}
