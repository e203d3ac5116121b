package dev.quarterdeck.probe;

import dev.quarterdeck.plan.Probe;
import dev.quarterdeck.plan.ProbeSpec;
import dev.quarterdeck.plan.ProbeSpec.KubernetesCheck;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.ProbeSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@link ProbeSpec.Kubernetes} kind: one read of the environment's cluster through {@link ClusterState},
 * judged and said the way a captain would check it by hand: {@code PASS} "deployment api rolled out: 3/3
 * ready, image gcr.io/x/api:1.5.0"; {@code FAIL} what is there instead ("2 of 3 updated replicas are
 * available"); {@code ERROR} a read that did not work, naming the verb and the resource ("get
 * deployments.apps/api in namespace shop: 403 Forbidden ..."). A Secret is only checked for existence.
 */
public final class KubernetesProbe implements ProbeTask {
    private final Probe probe;
    private final KubernetesCheck check;
    private final ClusterState cluster;
    private final Clock clock;

    /**
     * @throws IllegalArgumentException when {@code probe} is not a Kubernetes probe
     */
    public KubernetesProbe(Probe probe, ClusterState cluster, Clock clock) {
        this.probe = Objects.requireNonNull(probe, "probe");
        if (!(probe.spec() instanceof ProbeSpec.Kubernetes kubernetes)) {
            throw new IllegalArgumentException("probe " + probe.id() + " is not a Kubernetes probe");
        }
        this.check = kubernetes.check();
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs the check once, on the calling thread. */
    public ProbeSample check() {
        Instant at = clock.instant();
        Verdict verdict;
        try {
            verdict = judge();
        } catch (ClusterReadException e) {
            verdict = new Verdict(Outcome.ERROR, e.getMessage());
        }
        return new ProbeSample(at, probe.id(), verdict.outcome(), verdict.observed(),
                Duration.between(at, clock.instant()));
    }

    private record Verdict(Outcome outcome, String observed) {
        static Verdict pass(String observed) {
            return new Verdict(Outcome.PASS, observed);
        }

        static Verdict fail(String observed) {
            return new Verdict(Outcome.FAIL, observed);
        }

        static Verdict of(boolean passed, String observed) {
            return passed ? pass(observed) : fail(observed);
        }
    }

    private Verdict judge() throws ClusterReadException {
        if (check instanceof KubernetesCheck.RolloutComplete rollout) {
            return rollout(cluster.deployment(rollout.deployment()));
        }
        if (check instanceof KubernetesCheck.Replicas replicas) {
            DeploymentReading d = cluster.deployment(replicas.deployment());
            boolean enough = d.readyReplicas() >= replicas.atLeast() && d.availableReplicas() >= replicas.atLeast();
            String seen = "deployment " + d.name() + ": " + d.readyReplicas() + "/" + d.specReplicas() + " ready, "
                    + d.availableReplicas() + " available";
            return Verdict.of(enough, seen + (enough ? "" : "; at least " + replicas.atLeast() + " needed"));
        }
        if (check instanceof KubernetesCheck.Image image) {
            return image(image, cluster.deployment(image.deployment()));
        }
        if (check instanceof KubernetesCheck.ReadyPods pods) {
            ClusterState.PodCount count = cluster.pods(pods.selector());
            boolean enough = count.ready() >= pods.atLeast();
            String seen = count.ready() + "/" + count.total() + " pods ready (" + pods.selector() + ")";
            return Verdict.of(enough, seen + (enough ? "" : "; at least " + pods.atLeast() + " needed"));
        }
        if (check instanceof KubernetesCheck.CronJobSuspended cron) {
            boolean suspended = cluster.cronJobSuspended(cron.cronJob());
            String seen = "cronjob " + cron.cronJob() + (suspended ? " is suspended" : " is not suspended");
            return Verdict.of(suspended == cron.suspended(), suspended == cron.suspended() ? seen
                    : seen + ", expected " + (cron.suspended() ? "suspended" : "not suspended"));
        }
        if (check instanceof KubernetesCheck.SecretExists secret) {
            boolean exists = cluster.secretExists(secret.secret());
            return Verdict.of(exists, "secret " + secret.secret() + (exists ? " exists" : " does not exist"));
        }
        throw new IllegalStateException("unknown Kubernetes check " + check);
    }

    private static Verdict rollout(DeploymentReading d) {
        String state = d.readyReplicas() + "/" + d.specReplicas() + " ready, " + images(d);
        switch (d.rollout()) {
            case COMPLETE:
                return Verdict.pass("deployment " + d.name() + " rolled out: " + state);
            case FAILED:
                return Verdict.fail(d.rolloutProgress() + " (" + state + ")");
            default:
                return Verdict.fail("deployment " + d.name() + " rolling out: " + d.rolloutProgress() + " ("
                        + state + ")");
        }
    }

    private static Verdict image(KubernetesCheck.Image image, DeploymentReading d) {
        Optional<DeploymentReading.Container> found = d.container(image.container());
        if (found.isEmpty()) {
            String names = d.containers().stream().map(DeploymentReading.Container::name)
                    .collect(Collectors.joining(", "));
            return Verdict.fail(image.container()
                    .map(c -> "deployment " + d.name() + " has no container '" + c + "' (containers: " + names + ")")
                    .orElse("deployment " + d.name() + " has " + d.containers().size() + " containers (" + names
                            + "); the probe must name one"));
        }
        DeploymentReading.Container container = found.get();
        String where = "deployment " + d.name() + (d.containers().size() > 1 ? "/" + container.name() : "");
        if (!container.image().equals(image.image())) {
            return Verdict.fail(where + " runs image " + container.image() + ", expected " + image.image());
        }
        if (image.digest().isEmpty()) {
            return Verdict.pass(where + " runs image " + container.image());
        }
        String digest = image.digest().get().replaceFirst("^@", "");
        List<String> ids = d.imageIdsOf(container.name());
        String running = where + " runs image " + container.image();
        if (ids.isEmpty()) {
            return Verdict.fail(running + ", but no pod reports the image it runs yet; expected "
                    + shortDigest(digest));
        }
        long matching = ids.stream().filter(id -> id.endsWith("@" + digest)).count();
        if (matching == ids.size()) {
            return Verdict.pass(running + ", " + matching + "/" + ids.size() + " pods run " + shortDigest(digest));
        }
        List<String> others = ids.stream().filter(id -> !id.isEmpty() && !id.endsWith("@" + digest)).toList();
        long notStarted = ids.stream().filter(String::isEmpty).count();
        StringBuilder instead = new StringBuilder();
        if (!others.isEmpty()) {
            instead.append(others.size()).append(" of ").append(ids.size())
                    .append(others.size() == 1 ? " pods runs " : " pods run ")
                    .append(others.stream().map(id -> shortDigest(digestOf(id))).distinct().sorted()
                            .collect(Collectors.joining(", ")));
        }
        if (notStarted > 0) {
            instead.append(others.isEmpty() ? notStarted + " of " + ids.size() : " and " + notStarted)
                    .append(notStarted == 1 ? " has" : " have").append(" not started");
        }
        return Verdict.fail(running + ", but " + instead + "; expected " + shortDigest(digest));
    }

    /** "api=gcr.io/x/api:1.5.0, proxy=envoy:1.30" or, for one container, "image gcr.io/x/api:1.5.0". */
    private static String images(DeploymentReading d) {
        if (d.containers().size() == 1) {
            return "image " + d.containers().get(0).image();
        }
        return "images " + d.containers().stream().map(c -> c.name() + "=" + c.image())
                .collect(Collectors.joining(", "));
    }

    /** The digest part of an image ID ({@code docker-pullable://gcr.io/x/api@sha256:...}), or the ID itself. */
    private static String digestOf(String imageId) {
        int at = imageId.lastIndexOf('@');
        return at < 0 ? imageId : imageId.substring(at + 1);
    }

    /** {@code sha256:} and 12 hex digits, as container tools show them; enough to tell two builds apart. */
    private static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        int keep = colon < 0 ? 12 : colon + 1 + 12;
        return digest.length() <= keep ? digest : digest.substring(0, keep) + "…";
    }

    @Override
    public String name() {
        return probe.id();
    }

    @Override
    public Duration interval() {
        return probe.interval();
    }

    /** The reads themselves are bounded by the Kubernetes client's request timeout, which the wiring sets. */
    @Override
    public Duration timeout() {
        return probe.timeout();
    }

    @Override
    public List<ProbeSample> run() {
        return List.of(check());
    }

    @Override
    public List<ProbeSample> missed(Instant at, String reason) {
        return List.of(new ProbeSample(at, probe.id(), Outcome.ERROR, reason, Duration.ZERO));
    }
}
