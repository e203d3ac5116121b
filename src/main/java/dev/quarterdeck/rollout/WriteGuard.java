package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.TrafficSpec;
import dev.quarterdeck.traffic.AccessReview;
import dev.quarterdeck.traffic.Permission;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether this console may change the environment now, and if not, why: another console holds the lease, the
 * environment is locked until someone approves, a protected environment's name has not been typed, or the
 * API server said the user may not change the router. Rollback only needs the lease: it lowers risk, so it
 * never waits for a typed name or an approval, and a stale preflight never blocks it.
 *
 * <p>Read from the engine's and the rollback lane's threads, written from the setup lane's: fields are
 * volatile and each is written whole.
 */
final class WriteGuard {
    private final Environment environment;
    private volatile String otherHolder;
    private volatile boolean protectedConfirmed;
    private volatile boolean unlocked;
    private volatile List<AccessReview.Decision> deniedForTraffic = List.of();

    WriteGuard(Environment environment) {
        this.environment = environment;
    }

    /** Why a traffic change would be refused now; empty when it may go ahead. */
    Optional<String> refuseTrafficChange() {
        Optional<String> lease = refuseRollback();
        if (lease.isPresent()) {
            return lease;
        }
        if (environment.lock().isPresent() && !unlocked) {
            var lock = environment.lock().get();
            return Optional.of(environment.name() + " is locked until " + lock.approver() + " approves"
                    + (lock.reason().isBlank() ? "" : " (" + lock.reason() + ")"));
        }
        if (environment.isProtected() && !protectedConfirmed) {
            return Optional.of(environment.name() + " is protected: type its name to confirm before the first change");
        }
        List<AccessReview.Decision> denied = deniedForTraffic;
        if (!denied.isEmpty()) {
            AccessReview.Decision first = denied.get(0);
            return Optional.of("the cluster would refuse it: the current user may not " + first.permission()
                    + (first.reason().isBlank() ? "" : " (" + first.reason() + ")"));
        }
        return Optional.empty();
    }

    /** Why a rollback would be refused now: only when another console drives the environment. */
    Optional<String> refuseRollback() {
        String holder = otherHolder;
        return holder == null
                ? Optional.empty()
                : Optional.of(environment.name() + " is driven by " + holder + "; this console is read-only "
                        + "(take over the lease to act)");
    }

    void leaseHeldBy(String holderOrNullIfOurs) {
        otherHolder = holderOrNullIfOurs;
    }

    boolean readOnly() {
        return otherHolder != null;
    }

    /** True when the typed name is the environment's. */
    boolean confirmProtected(String typed) {
        if (typed != null && typed.strip().equals(environment.name())) {
            protectedConfirmed = true;
            return true;
        }
        return false;
    }

    /** True when {@code approver} is the person the lock names. */
    boolean unlock(String approver) {
        if (environment.lock().isPresent() && environment.lock().get().approver().equals(approver)) {
            unlocked = true;
            return true;
        }
        return false;
    }

    /** Keeps the denials that concern the router's own resource: those refuse every traffic change. */
    void preflight(List<AccessReview.Decision> decisions) {
        deniedForTraffic = decisions.stream().filter(d -> !d.allowed() && concernsRouter(d.permission())).toList();
    }

    /** Whether a permission is on the router's own resource (ingresses, httproutes). */
    boolean concernsRouter(Permission permission) {
        return routerResources(environment.traffic()).contains(permission.resource());
    }

    private static Set<String> routerResources(TrafficSpec traffic) {
        if (traffic instanceof TrafficSpec.IngressNginx) {
            return Set.of("ingresses");
        }
        if (traffic instanceof TrafficSpec.GatewayApi) {
            return Set.of("httproutes");
        }
        return Set.of();
    }
}
