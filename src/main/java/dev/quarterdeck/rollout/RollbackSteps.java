package dev.quarterdeck.rollout;

import dev.quarterdeck.plan.Action;
import dev.quarterdeck.probe.ClusterReadException;
import dev.quarterdeck.probe.ClusterState;
import dev.quarterdeck.probe.DeploymentReading;
import dev.quarterdeck.probe.ProbeTask;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.traffic.ActionException;
import dev.quarterdeck.traffic.CanaryWeight;
import dev.quarterdeck.traffic.WeightReading;
import dev.quarterdeck.traffic.Workloads;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one rollback step against the environment's ports and verifies it by reading back. A step that
 * cannot be verified throws a transient {@link ActionException}, so the executor retries it; one that can
 * never work (a denial, a missing resource, a declined approval) throws a permanent one.
 */
final class RollbackSteps {
    private final EnvironmentPorts ports;
    private final LastKnownGood lastKnownGood;
    private final Approvals approvals;
    private final SessionLog log;
    private final Clock clock;
    private final Pacing pacing;

    RollbackSteps(EnvironmentPorts ports, LastKnownGood lastKnownGood, Approvals approvals, SessionLog log,
            Clock clock, Pacing pacing) {
        this.ports = ports;
        this.lastKnownGood = lastKnownGood;
        this.approvals = approvals;
        this.log = log;
        this.clock = clock;
        this.pacing = pacing;
    }

    /** Whether the executor should retry this step on transient failures; waits and approvals pace themselves. */
    static boolean retried(Action step) {
        return !(step instanceof Action.WaitForRollout) && !(step instanceof Action.Approval)
                && !(step instanceof Action.Hold);
    }

    /** Runs the step, retrying transient failures with the pacing's backoff where retrying makes sense. */
    String runRetried(int index, Action step) throws ActionException, InterruptedException {
        if (!retried(step)) {
            return run(index, step);
        }
        return pacing.backoff().retry(() -> run(index, step));
    }

    /** Runs the step; returns what was verified, in a captain's words. */
    String run(int index, Action step) throws ActionException, InterruptedException {
        if (step instanceof Action.SetWeight set) {
            WeightReading reading = ports.router().setCanaryWeight(CanaryWeight.of(set.percent()));
            expectWeight(reading, set.percent());
            log.append(new SessionEvent.WeightApplied(clock.instant(), reading.weight().percent(), set.percent(),
                    ports.router().describe()));
            return "read back " + reading.weight() + " from " + ports.router().describe();
        }
        if (step instanceof Action.DisableCanary) {
            WeightReading reading = ports.router().disableCanary();
            expectWeight(reading, 0);
            log.append(new SessionEvent.WeightApplied(clock.instant(), 0, 0, ports.router().describe()));
            return "canary routing off; " + ports.router().describe() + " reads back 0%";
        }
        if (step instanceof Action.SetImage set) {
            String image = set.lastKnownGood()
                    ? lastKnownGood.image(set.deployment(), set.container()).orElseThrow(() -> new ActionException(
                            "no last known good image of " + set.deployment() + set.container().map(c -> "/" + c)
                                    .orElse("") + ": the session did not read it at start", false))
                    : set.image();
            workloads().setImage(set.deployment(), set.container(), image);
            String running = container(read(set.deployment()), set.container()).image();
            if (!running.equals(image)) {
                throw new ActionException(set.deployment() + " still specifies " + running + " after setting " + image,
                        true);
            }
            return set.deployment() + " specifies " + image;
        }
        if (step instanceof Action.RolloutUndo undo) {
            workloads().rolloutUndo(undo.deployment());
            DeploymentReading after = read(undo.deployment());
            return undo.deployment() + " back to the previous revision: " + images(after);
        }
        if (step instanceof Action.WaitForRollout wait) {
            return waitForRollout(index, wait);
        }
        if (step instanceof Action.SetEnv set) {
            workloads().setEnvironment(set.deployment(), set.container(), set.variables());
            Map<String, String> env = container(read(set.deployment()), set.container()).environment();
            for (Map.Entry<String, String> wanted : set.variables().entrySet()) {
                if (!wanted.getValue().equals(env.get(wanted.getKey()))) {
                    throw new ActionException(set.deployment() + " has " + wanted.getKey() + "=" + env.get(wanted.getKey())
                            + " after setting " + wanted.getValue(), true);
                }
            }
            return set.deployment() + " has " + set.variables().keySet().stream().sorted()
                    .map(k -> k + "=" + set.variables().get(k)).reduce((a, b) -> a + ", " + b).orElse("");
        }
        if (step instanceof Action.Scale scale) {
            workloads().scale(scale.deployment(), scale.replicas());
            int spec = read(scale.deployment()).specReplicas();
            if (spec != scale.replicas()) {
                throw new ActionException(scale.deployment() + " wants " + spec + " replicas after scaling to "
                        + scale.replicas(), true);
            }
            return scale.deployment() + " scaled to " + spec;
        }
        if (step instanceof Action.SuspendCronJob cron) {
            workloads().setCronJobSuspended(cron.cronJob(), cron.suspend());
            boolean suspended = readCron(cron.cronJob());
            if (suspended != cron.suspend()) {
                throw new ActionException("cronjob " + cron.cronJob() + " is still " + (suspended ? "suspended"
                        : "running"), true);
            }
            return "cronjob " + cron.cronJob() + (suspended ? " suspended" : " resumed");
        }
        if (step instanceof Action.RunProbes run) {
            return runProbes(run);
        }
        if (step instanceof Action.Approval approval) {
            return awaitApproval(index, approval);
        }
        if (step instanceof Action.Hold hold) {
            pacing.backoff().sleeper().sleep(hold.duration());
            return "held " + dev.quarterdeck.plan.Durations.human(hold.duration());
        }
        throw new ActionException("no way to run rollback step " + step.describe(), false);
    }

    private String waitForRollout(int index, Action.WaitForRollout wait) throws ActionException,
            InterruptedException {
        Instant deadline = clock.instant().plus(wait.timeout());
        String lastProgress = "";
        while (true) {
            DeploymentReading reading;
            try {
                reading = cluster().deployment(wait.deployment());
            } catch (ClusterReadException e) {
                if (!e.transientFailure()) {
                    throw new ActionException(e.getMessage(), false, e);
                }
                reading = null;
                lastProgress = "could not read the deployment: " + e.getMessage();
            }
            if (reading != null) {
                DeploymentReading.Rollout rollout = reading.rollout();
                if (rollout == DeploymentReading.Rollout.COMPLETE) {
                    return wait.deployment() + " rolled out: " + images(reading);
                }
                if (rollout == DeploymentReading.Rollout.FAILED) {
                    throw new ActionException("the rollout of " + wait.deployment() + " failed: "
                            + reading.rolloutProgress(), false);
                }
                String progress = reading.rolloutProgress();
                if (!progress.equals(lastProgress)) {
                    lastProgress = progress;
                    log.append(new SessionEvent.RollbackStepProgress(clock.instant(), index, progress));
                }
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new ActionException("the rollout of " + wait.deployment() + " did not complete within "
                        + wait.timeout().toSeconds() + " s: " + lastProgress, false);
            }
            pacing.backoff().sleeper().sleep(pacing.pollInterval());
        }
    }

    private String runProbes(Action.RunProbes run) throws ActionException {
        List<String> failing = new ArrayList<>();
        for (String id : run.probes()) {
            ProbeTask task = ports.probes().get(id);
            if (task == null) {
                throw new ActionException("probe " + id + " does not run in this environment", false);
            }
            for (SessionEvent sample : task.run()) {
                log.append(sample);
                if (sample instanceof SessionEvent.ProbeSample p && p.outcome() != Outcome.PASS) {
                    failing.add(id + ": " + p.outcome() + " · " + p.observed());
                }
            }
        }
        if (!failing.isEmpty()) {
            throw new ActionException(String.join("; ", failing), true);
        }
        return String.join(", ", run.probes()) + " passed";
    }

    private String awaitApproval(int index, Action.Approval approval) throws ActionException,
            InterruptedException {
        var pending = approvals.await(index, approval.approver());
        log.append(new SessionEvent.ApprovalRequested(clock.instant(), index, approval.approver(), approval.title()));
        Approvals.Answer answer = Approvals.take(pending);
        log.append(new SessionEvent.ApprovalAnswered(clock.instant(), index, answer.approver(), answer.recordedBy(),
                answer.approved(), answer.note()));
        if (!answer.approved()) {
            String declined = "declined by " + answer.approver().name()
                    + (answer.note().isBlank() ? "" : ": " + answer.note());
            if (approval.skipIfDeclined()) {
                return declined + "; skipped, as the plan allows";
            }
            throw new ActionException(declined, false);
        }
        return "approved by " + answer.approver().name() + (answer.recordedBy().equals(answer.approver())
                ? "" : " (recorded by " + answer.recordedBy().name() + ")");
    }

    private static void expectWeight(WeightReading reading, int wanted) throws ActionException {
        if (reading.weight().percent() != wanted) {
            throw new ActionException("the router reads back " + reading.weight() + " after setting " + wanted + "%",
                    true);
        }
    }

    private DeploymentReading read(String deployment) throws ActionException {
        try {
            return cluster().deployment(deployment);
        } catch (ClusterReadException e) {
            throw new ActionException(e.getMessage(), e.transientFailure(), e);
        }
    }

    private boolean readCron(String cronJob) throws ActionException {
        try {
            return cluster().cronJobSuspended(cronJob);
        } catch (ClusterReadException e) {
            throw new ActionException(e.getMessage(), e.transientFailure(), e);
        }
    }

    private static DeploymentReading.Container container(DeploymentReading reading, Optional<String> name)
            throws ActionException {
        return reading.container(name).orElseThrow(() -> new ActionException(reading.name() + " has no container "
                + name.orElse("(it has several: name one)"), false));
    }

    private static String images(DeploymentReading reading) {
        return reading.containers().stream().map(c -> c.name() + "=" + c.image()).reduce((a, b) -> a + ", " + b)
                .orElse("no containers");
    }

    private Workloads workloads() throws ActionException {
        return ports.workloads().orElseThrow(() -> new ActionException(
                "this environment has no Kubernetes connection to change workloads with", false));
    }

    private ClusterState cluster() throws ActionException {
        return ports.cluster().orElseThrow(() -> new ActionException(
                "this environment has no Kubernetes connection to read workloads with", false));
    }
}
