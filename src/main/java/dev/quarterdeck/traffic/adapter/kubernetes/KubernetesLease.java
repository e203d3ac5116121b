package dev.quarterdeck.traffic.adapter.kubernetes;

import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.EnvironmentLease;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseList;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * {@link EnvironmentLease} as a {@code coordination.k8s.io/v1} Lease named {@code quarterdeck-<environment>}
 * in the environment's namespace, the way Kubernetes' own leader election uses one: {@code holderIdentity},
 * {@code leaseDurationSeconds}, {@code acquireTime} and {@code renewTime}.
 *
 * <p>A lease is free when it has no holder or its holder has not renewed it within its duration ({@code
 * renewTime + leaseDurationSeconds} before now, by the injected clock; consoles' clocks are assumed to agree
 * to well within the duration). Every write is a PUT of the lease as read, so the API server refuses it with
 * 409 when someone else wrote in between; the lease is then read again and judged anew. Releasing clears the
 * holder rather than deleting the lease, so the console needs only {@code get}, {@code create} and {@code
 * update} on leases.
 */
public final class KubernetesLease implements EnvironmentLease {
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    private static final String LEASES = "leases.coordination.k8s.io";
    private static final int ATTEMPTS = ReadModifyWrite.ATTEMPTS;

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final Duration duration;
    private final Clock clock;
    /** Who this console is, once it has asked for the lease. Guarded by {@code this}. */
    private String holder;

    public KubernetesLease(KubernetesClient client, String namespace, String environment, Clock clock) {
        this(client, namespace, environment, DEFAULT_DURATION, clock);
    }

    public KubernetesLease(KubernetesClient client, String namespace, String environment, Duration duration,
            Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = leaseName(environment);
        this.duration = Objects.requireNonNull(duration, "duration");
        if (duration.toSeconds() < 1) {
            throw new IllegalArgumentException("a lease lasts at least a second, was " + duration);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code quarterdeck-<environment>}, folded into what Kubernetes allows in a name. */
    public static String leaseName(String environment) {
        String folded = environment.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
        String lease = ("quarterdeck-" + folded).replaceAll("[-.]+$", "");
        return lease.length() <= 253 ? lease : lease.substring(0, 253);
    }

    @Override
    public synchronized State acquire(String holder) throws ActionException {
        Objects.requireNonNull(holder, "holder");
        if (holder.isBlank()) {
            throw new IllegalArgumentException("a holder identity is needed");
        }
        this.holder = holder;
        return hold(false);
    }

    /**
     * Takes the lease even from a live holder: an incident commander taking over from a console that is gone
     * or stuck. The other console learns it on its next renewal.
     */
    @Override
    public synchronized State takeOver(String holder) throws ActionException {
        Objects.requireNonNull(holder, "holder");
        if (holder.isBlank()) {
            throw new IllegalArgumentException("a holder identity is needed");
        }
        this.holder = holder;
        return hold(true);
    }

    /**
     * Renews the lease while it is this console's, also when it expired without anyone taking it; takes it
     * again when it was released or deleted meanwhile; reports the holder when someone else has it now.
     */
    @Override
    public synchronized State renew() throws ActionException {
        if (holder == null) {
            throw new IllegalStateException("renew() before acquire(): this console never asked for " + name);
        }
        return hold(false);
    }

    @Override
    public synchronized void release() throws ActionException {
        if (holder == null) {
            return;
        }
        KubernetesClientException conflict = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Lease current = read();
            if (current == null || !holder.equals(holderOf(current))) {
                holder = null;
                return; // not ours (any more): nothing to give up
            }
            Lease cleared = new LeaseBuilder(current).editSpec().withHolderIdentity(null)
                    .withRenewTime(at(clock.instant())).endSpec().build();
            try {
                lease().resource(cleared).update();
                holder = null;
                return;
            } catch (KubernetesClientException e) {
                conflict = unlessConflict(e, attempt("update"));
            }
        }
        throw KubernetesErrors.stillConflicting(attempt("update"), conflict, ATTEMPTS);
    }

    /**
     * Reads the lease and takes or keeps it for {@link #holder} when that is allowed: it is absent, free,
     * expired or already ours. Someone else's live lease is taken only on {@code takeOver}; otherwise it is
     * reported, not fought over.
     */
    private State hold(boolean takeOver) throws ActionException {
        KubernetesClientException conflict = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // a MicroTime keeps microseconds
            Lease current = read();
            if (current == null) {
                try {
                    lease().resource(fresh(now)).create();
                    return held(now);
                } catch (KubernetesClientException e) {
                    conflict = unlessConflict(e, attempt("create")); // another console created it first
                    continue;
                }
            }
            String currentHolder = holderOf(current);
            boolean ours = holder.equals(currentHolder);
            if (!ours && !takeOver && !currentHolder.isEmpty() && !expiresAt(current.getSpec()).isBefore(now)) {
                return heldByOther(current.getSpec());
            }
            LeaseBuilder next = new LeaseBuilder(current).editOrNewSpec()
                    .withRenewTime(at(now))
                    .withLeaseDurationSeconds((int) duration.toSeconds())
                    .endSpec();
            if (!ours) {
                Integer previous = current.getSpec() == null ? null : current.getSpec().getLeaseTransitions();
                int transitions = Objects.requireNonNullElse(previous, 0);
                // As Kubernetes' leader election counts them: every change of holder, a released lease included.
                next.editSpec().withHolderIdentity(holder).withAcquireTime(at(now))
                        .withLeaseTransitions(transitions + 1).endSpec();
            }
            try {
                lease().resource(next.build()).update();
                return held(now);
            } catch (KubernetesClientException e) {
                // Someone wrote the lease since it was read; read again: it may be someone else's now.
                conflict = unlessConflict(e, attempt("update"));
            }
        }
        throw KubernetesErrors.stillConflicting(attempt("update"), conflict, ATTEMPTS);
    }

    private Lease fresh(Instant now) {
        return new LeaseBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec()
                .withHolderIdentity(holder)
                .withLeaseDurationSeconds((int) duration.toSeconds())
                .withAcquireTime(at(now))
                .withRenewTime(at(now))
                .withLeaseTransitions(0)
                .endSpec().build();
    }

    private Lease read() throws ActionException {
        try {
            return lease().withName(name).get();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.action(attempt("get"), e);
        }
    }

    private State held(Instant now) {
        return new State.Held(holder, now.plus(duration));
    }

    private State heldByOther(LeaseSpec spec) {
        return new State.HeldByOther(spec.getHolderIdentity(), renewedAt(spec), expiresAt(spec));
    }

    /** When the holder last showed it is alive: the renew time, or the acquire time before any renewal. */
    private static Instant renewedAt(LeaseSpec spec) {
        ZonedDateTime time = spec.getRenewTime() != null ? spec.getRenewTime() : spec.getAcquireTime();
        return time == null ? Instant.EPOCH : time.toInstant();
    }

    private Instant expiresAt(LeaseSpec spec) {
        Integer seconds = spec.getLeaseDurationSeconds();
        return renewedAt(spec).plusSeconds(seconds == null ? duration.toSeconds() : seconds);
    }

    private static String holderOf(Lease lease) {
        return lease.getSpec() == null ? "" : Objects.requireNonNullElse(lease.getSpec().getHolderIdentity(), "");
    }

    /** A 409 is returned to be retried; anything else is thrown as the refusal it is. */
    private static KubernetesClientException unlessConflict(KubernetesClientException e, KubernetesErrors.Attempt what)
            throws ActionException {
        if (e.getCode() != 409) {
            throw KubernetesErrors.action(what, e);
        }
        return e;
    }

    private static ZonedDateTime at(Instant instant) {
        return ZonedDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private NonNamespaceOperation<Lease, LeaseList, Resource<Lease>> lease() {
        return client.leases().inNamespace(namespace);
    }

    private KubernetesErrors.Attempt attempt(String verb) {
        return new KubernetesErrors.Attempt(verb, LEASES, name, namespace);
    }
}
