package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code rollback} section: what one click runs, in order. */
final class RollbackBinder {
    private static final List<String> KINDS = List.of("setWeight", "disableCanary", "setImage", "rolloutUndo",
            "waitForRollout", "setEnv", "scale", "suspendCronJob", "resumeCronJob", "runProbes", "approval");
    private static final Duration DEFAULT_ROLLOUT_TIMEOUT = Duration.ofMinutes(5);

    private final Problems problems;
    private final References references;
    private final List<Location> kubernetesSteps = new ArrayList<>();

    RollbackBinder(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
    }

    /** Where the steps that need a Kubernetes API were written. */
    List<Location> kubernetesSteps() {
        return kubernetesSteps;
    }

    RollbackPlan bind(YamlNode node) {
        return Fields.of(node, "the rollback section", problems).map(f -> {
            List<YamlNode> items = f.list("steps");
            if (items.isEmpty()) {
                problems.add(f.location(), "the rollback section needs at least one step under 'steps', such as "
                        + "{setWeight: 0}");
            }
            List<RollbackStep> steps = Fields.each(items, this::step);
            f.rejectUnknown();
            return new RollbackPlan(steps);
        }).orElse(RollbackPlan.weightToZero());
    }

    private Optional<RollbackStep> step(YamlNode node) {
        return Fields.of(node, "a rollback step", problems).flatMap(f -> {
            Optional<RollbackStep> step = f.oneOf(KINDS).flatMap(kind -> {
                YamlNode value = f.optional(kind).orElse(new YamlNode.Mapping(Map.of(), f.location()));
                String where = kind + " in the rollback";
                Optional<RollbackStep> read = read(kind, value, where);
                if (read.isPresent() && needsKubernetes(read.get())) {
                    kubernetesSteps.add(value.location());
                }
                return read;
            });
            f.rejectUnknown();
            return step;
        });
    }

    private Optional<RollbackStep> read(String kind, YamlNode value, String where) {
        switch (kind) {
            case "setWeight":
                return Fields.integer(value, "setWeight", 0, 100, problems).map(RollbackStep.SetWeight::new);
            case "disableCanary":
                return Fields.of(value, where, problems).map(f -> {
                    f.rejectUnknown();
                    return new RollbackStep.DisableCanary();
                });
            case "setImage":
                return Fields.of(value, where, problems).flatMap(f -> {
                    Optional<String> deployment = f.requiredText("deployment", "the name of a Deployment");
                    Optional<String> container = f.text("container");
                    Optional<String> image = f.requiredText("image", "an image, or " + RollbackStep.SetImage.LAST_KNOWN_GOOD
                            + " for the one it ran when the session started");
                    f.rejectUnknown();
                    return deployment.flatMap(d -> image.map(i -> new RollbackStep.SetImage(d, container, i)));
                });
            case "rolloutUndo":
                return deployment(value, where).map(RollbackStep.RolloutUndo::new);
            case "waitForRollout":
                return waitForRollout(value, where);
            case "setEnv":
                return setEnv(value, where);
            case "scale":
                return Fields.of(value, where, problems).flatMap(f -> {
                    Optional<String> deployment = f.requiredText("deployment", "the name of a Deployment");
                    Optional<Integer> replicas = f.integer("replicas", 0, 10_000);
                    if (!f.has("replicas")) {
                        problems.add(f.location(), where + " is missing 'replicas'");
                    }
                    f.rejectUnknown();
                    return deployment.flatMap(d -> replicas.map(r -> new RollbackStep.Scale(d, r)));
                });
            case "suspendCronJob":
            case "resumeCronJob":
                return Fields.scalar(value, where, "the name of a CronJob", problems)
                        .map(n -> new RollbackStep.SuspendCronJob(n, kind.equals("suspendCronJob")));
            case "runProbes":
                return runProbes(value, where);
            default:
                return Fields.of(value, where, problems).flatMap(f -> {
                    Optional<String> approver = f.requiredText("approver", "who must approve, such as db-owner");
                    Optional<String> title = f.requiredText("title", "what is being approved, in a sentence");
                    f.rejectUnknown();
                    return approver.flatMap(a -> title.map(t -> new RollbackStep.Approval(a, t)));
                });
        }
    }

    /** {@code rolloutUndo: checkout} or {@code rolloutUndo: {deployment: checkout}}. */
    private Optional<String> deployment(YamlNode value, String where) {
        if (value instanceof YamlNode.Scalar) {
            return Fields.scalar(value, where, "the name of a Deployment", problems);
        }
        return Fields.of(value, where, problems).flatMap(f -> {
            Optional<String> d = f.requiredText("deployment", "the name of a Deployment");
            f.rejectUnknown();
            return d;
        });
    }

    private Optional<RollbackStep> waitForRollout(YamlNode value, String where) {
        if (value instanceof YamlNode.Scalar) {
            return Fields.scalar(value, where, "the name of a Deployment", problems)
                    .map(d -> new RollbackStep.WaitForRollout(d, DEFAULT_ROLLOUT_TIMEOUT));
        }
        return Fields.of(value, where, problems).flatMap(f -> {
            Optional<String> d = f.requiredText("deployment", "the name of a Deployment");
            Duration timeout = f.duration("timeout").orElse(DEFAULT_ROLLOUT_TIMEOUT);
            f.rejectUnknown();
            return d.map(name -> new RollbackStep.WaitForRollout(name, timeout));
        });
    }

    private Optional<RollbackStep> setEnv(YamlNode value, String where) {
        return Fields.of(value, where, problems).flatMap(f -> {
            Optional<String> deployment = f.requiredText("deployment", "the name of a Deployment");
            Optional<String> container = f.text("container");
            Map<String, String> variables = new LinkedHashMap<>();
            Optional<YamlNode> env = f.required("env", "the variables to set, such as {FEATURE_X: \"0\"}");
            env.flatMap(e -> Fields.of(e, "env of " + where, problems)).ifPresent(ef -> {
                for (YamlNode.Mapping.Entry entry : ((YamlNode.Mapping) env.get()).entries().values()) {
                    ef.has(entry.key().name());
                    Fields.scalar(entry.value(), "variable '" + entry.key().name() + "' of " + where,
                            "a value (quote numbers: \"0\")", problems)
                            .ifPresent(v -> variables.put(entry.key().name(), v));
                }
            });
            f.rejectUnknown();
            return deployment.map(d -> new RollbackStep.SetEnv(d, container, variables));
        });
    }

    private Optional<RollbackStep> runProbes(YamlNode value, String where) {
        List<YamlNode> items = value instanceof YamlNode.Sequence s ? s.items() : List.of(value);
        List<String> probes = new ArrayList<>();
        for (YamlNode item : items) {
            Fields.scalar(item, where, "probe ids", problems).ifPresent(id -> {
                references.use(References.Kind.PROBE, id, item.location(), where);
                probes.add(id);
            });
        }
        if (probes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RollbackStep.RunProbes(probes));
    }

    static boolean needsKubernetes(RollbackStep step) {
        return step instanceof RollbackStep.SetImage || step instanceof RollbackStep.RolloutUndo
                || step instanceof RollbackStep.WaitForRollout || step instanceof RollbackStep.SetEnv
                || step instanceof RollbackStep.Scale || step instanceof RollbackStep.SuspendCronJob;
    }
}
