package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.KubernetesTarget;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.Action;
import dev.quarterdeck.probe.ClusterReadException;
import dev.quarterdeck.probe.DeploymentReading;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.traffic.AccessReview;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.EnvironmentLease;
import dev.quarterdeck.traffic.Permission;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a session does before the captain's first change: take the environment's lease (or learn who holds
 * it), record the running images as the last known good, ask the API server what the user may do, and check
 * that the router is set up as the plan says. Each step records its outcome; none stops the others.
 */
final class SessionOpening {
    private final ReleasePlan plan;
    private final Environment environment;
    private final EnvironmentPorts ports;
    private final List<Permission> required;
    private final WriteGuard guard;
    private final LastKnownGood lastKnownGood;
    private final SessionLog log;
    private final Clock clock;

    SessionOpening(ReleasePlan plan, Environment environment, EnvironmentPorts ports, List<Permission> required,
            WriteGuard guard, LastKnownGood lastKnownGood, SessionLog log, Clock clock) {
        this.plan = plan;
        this.environment = environment;
        this.ports = ports;
        this.required = List.copyOf(required);
        this.guard = guard;
        this.lastKnownGood = lastKnownGood;
        this.log = log;
        this.clock = clock;
    }

    void run(String leaseHolder) {
        ports.lease().ifPresent(lease -> record(lease, () -> lease.acquire(leaseHolder)));
        recordLastKnownGood();
        ports.accessReview().ifPresent(this::preflight);
        checkRouter();
    }

    /** Records a lease state and tells the guard whether this console may write. */
    void record(EnvironmentLease lease, LeaseCall call) {
        try {
            EnvironmentLease.State state = call.call();
            boolean ours = state instanceof EnvironmentLease.State.Held;
            guard.leaseHeldBy(ours ? null : state.holder());
            java.time.Instant renewedAt = ours ? clock.instant()
                    : ((EnvironmentLease.State.HeldByOther) state).renewedAt();
            String detail = ours
                    ? "held by this console until " + state.expiresAt()
                    : "held by " + state.holder() + ": this console is read-only";
            log.append(new SessionEvent.LeaseChanged(clock.instant(), state.holder(), ours, renewedAt,
                    state.expiresAt(), detail));
        } catch (ActionException e) {
            log.append(new SessionEvent.EnvironmentChecked(clock.instant(), "lease", false, e.getMessage()));
        }
    }

    @FunctionalInterface
    interface LeaseCall {
        EnvironmentLease.State call() throws ActionException;
    }

    private void recordLastKnownGood() {
        if (ports.cluster().isEmpty()) {
            return;
        }
        for (String deployment : deploymentsToRemember()) {
            if (lastKnownGood.knows(deployment)) {
                continue; // a resumed session keeps what it saw when it first started
            }
            try {
                DeploymentReading reading = ports.cluster().get().deployment(deployment);
                Map<String, String> images = new LinkedHashMap<>();
                Map<String, String> flags = new java.util.TreeMap<>();
                reading.containers().forEach(c -> {
                    images.put(c.name(), c.image());
                    c.environment().forEach((name, value) -> {
                        if (name.startsWith("FEATURE_")) {
                            flags.put(name, value);
                        }
                    });
                });
                lastKnownGood.record(deployment, images);
                log.append(new SessionEvent.LastKnownGoodRecorded(clock.instant(), deployment, images, flags));
            } catch (ClusterReadException e) {
                log.append(new SessionEvent.EnvironmentChecked(clock.instant(), "last known good of " + deployment,
                        false, e.getMessage()));
            }
        }
    }

    /** The deployments the environment names, and those a rollback returns to their last known good. */
    private Set<String> deploymentsToRemember() {
        Set<String> names = new LinkedHashSet<>(environment.kubernetes().map(KubernetesTarget::deployments)
                .map(Map::values).orElse(List.of()));
        for (Action step : plan.rollback().steps()) {
            if (step instanceof Action.SetImage set && set.lastKnownGood()) {
                names.add(set.deployment());
            }
        }
        return names;
    }

    private void preflight(AccessReview review) {
        if (required.isEmpty()) {
            return;
        }
        try {
            List<AccessReview.Decision> decisions = review.review(required);
            guard.preflight(decisions);
            log.append(new SessionEvent.PreflightChecked(clock.instant(), decisions.stream()
                    .map(d -> new SessionEvent.PreflightChecked.Access(d.permission().toString(),
                            d.permission().purpose(), d.allowed(), d.reason(), guard.concernsRouter(d.permission())))
                    .toList()));
        } catch (ActionException e) {
            log.append(new SessionEvent.EnvironmentChecked(clock.instant(), "preflight", false, e.getMessage()));
        }
    }

    private void checkRouter() {
        try {
            ports.router().verify();
            log.append(new SessionEvent.EnvironmentChecked(clock.instant(), "router", true,
                    ports.router().describe() + " is set up as the plan says"));
        } catch (ActionException e) {
            log.append(new SessionEvent.EnvironmentChecked(clock.instant(), "router", false, e.getMessage()));
        }
    }
}
