package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something Quarterdeck does to an environment, as a canary step or a rollback step: move traffic, change
 * workloads, run checks, wait, or ask a person. Every action is idempotent: running it twice leaves the same
 * state.
 */
public sealed interface Action {

    /** A short description for progress and the timeline. */
    String describe();

    /** Move canary traffic to {@code percent} (usually 0). */
    record SetWeight(int percent) implements Action {
        public SetWeight {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("weight must be 0..100, was " + percent);
            }
        }

        @Override
        public String describe() {
            return "set canary weight to " + percent + "%";
        }
    }

    /** Turn canary routing off entirely (ingress-nginx: {@code canary: "false"}; others: weight 0). */
    record DisableCanary() implements Action {
        @Override
        public String describe() {
            return "disable canary routing";
        }
    }

    /**
     * Set a deployment's container image, to the one it ran when the session started
     * ({@link #LAST_KNOWN_GOOD}) or to an image named in the plan.
     */
    record SetImage(String deployment, Optional<String> container, String image) implements Action {
        public static final String LAST_KNOWN_GOOD = "last-known-good";

        public SetImage {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(image, "image");
        }

        public boolean lastKnownGood() {
            return LAST_KNOWN_GOOD.equals(image);
        }

        @Override
        public String describe() {
            return "set image of " + deployment + container.map(c -> "/" + c).orElse("") + " to "
                    + (lastKnownGood() ? "the last known good" : image);
        }
    }

    /** {@code kubectl rollout undo}: back to the deployment's previous revision. */
    record RolloutUndo(String deployment) implements Action {
        @Override
        public String describe() {
            return "undo the rollout of " + deployment;
        }
    }

    /** Wait until the deployment's rollout is complete (kubectl's rule), failing after {@code timeout}. */
    record WaitForRollout(String deployment, Duration timeout) implements Action {
        @Override
        public String describe() {
            return "wait for the rollout of " + deployment;
        }
    }

    /** Set environment variables (feature flags such as {@code FEATURE_X=0}) of a deployment's container. */
    record SetEnv(String deployment, Optional<String> container, Map<String, String> variables)
            implements Action {
        public SetEnv {
            variables = Map.copyOf(variables);
        }

        @Override
        public String describe() {
            return "set " + String.join(", ", variables.keySet().stream().sorted().toList()) + " on " + deployment;
        }
    }

    /** Scale a deployment. */
    record Scale(String deployment, int replicas) implements Action {
        @Override
        public String describe() {
            return "scale " + deployment + " to " + replicas;
        }
    }

    /** Suspend (or resume) a CronJob. */
    record SuspendCronJob(String cronJob, boolean suspend) implements Action {
        @Override
        public String describe() {
            return (suspend ? "suspend" : "resume") + " cronjob " + cronJob;
        }
    }

    /** Run these probes once and require them to pass: the smoke checks after a rollback. */
    record RunProbes(List<String> probes) implements Action {
        public RunProbes {
            probes = List.copyOf(probes);
        }

        @Override
        public String describe() {
            return "run " + String.join(", ", probes);
        }
    }

    /** Hold for {@code duration}: a staged rollback's wait at each weight. */
    record Hold(Duration duration) implements Action {
        public Hold {
            Objects.requireNonNull(duration, "duration");
        }

        @Override
        public String describe() {
            return "hold for " + Durations.human(duration);
        }
    }

    /**
     * Wait until {@code approver} confirms, e.g. "roll back the database only with the DB owner's approval", or a
     * person confirms a step done outside Quarterdeck. A decline stops the run there, unless
     * {@code skipIfDeclined}: then only this step is left out and the run goes on ("DB only when the DB owner
     * approves reversibility", then the smoke checks all the same).
     */
    record Approval(String approver, String title, boolean skipIfDeclined) implements Action {
        public Approval {
            Objects.requireNonNull(approver, "approver");
            Objects.requireNonNull(title, "title");
        }

        /** An approval whose decline stops the run. */
        public Approval(String approver, String title) {
            this(approver, title, false);
        }

        @Override
        public String describe() {
            return "approval by " + approver + ": " + title + (skipIfDeclined ? " (skipped if declined)" : "");
        }
    }
}
