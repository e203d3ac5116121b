package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one {@link Action}, as canary steps and rollback steps write it: {@code setImage: {deployment: api,
 * image: last-known-good}}, {@code suspendCronJob: billing}, {@code approval: {approver: db-owner, title: ...}}.
 */
final class ActionBinder {
    static final List<String> KINDS = List.of("setWeight", "disableCanary", "setImage", "rolloutUndo",
            "waitForRollout", "setEnv", "scale", "suspendCronJob", "resumeCronJob", "runProbes", "approval", "hold");
    private static final Duration DEFAULT_ROLLOUT_TIMEOUT = Duration.ofMinutes(5);

    private final Problems problems;
    private final References references;

    ActionBinder(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
    }

    Optional<Action> read(String kind, YamlNode value, String where) {
        switch (kind) {
            case "setWeight":
                return Fields.integer(value, "setWeight", 0, 100, problems).map(Action.SetWeight::new);
            case "disableCanary":
                return Fields.of(value, where, problems).map(f -> {
                    f.rejectUnknown();
                    return new Action.DisableCanary();
                });
            case "setImage":
                return Fields.of(value, where, problems).flatMap(f -> {
                    Optional<String> deployment = f.requiredText("deployment", "the name of a Deployment");
                    Optional<String> container = f.text("container");
                    Optional<String> image = f.requiredText("image", "an image, or " + Action.SetImage.LAST_KNOWN_GOOD
                            + " for the one it ran when the session started");
                    f.rejectUnknown();
                    return deployment.flatMap(d -> image.map(i -> new Action.SetImage(d, container, i)));
                });
            case "rolloutUndo":
                return deployment(value, where).map(Action.RolloutUndo::new);
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
                    return deployment.flatMap(d -> replicas.map(r -> new Action.Scale(d, r)));
                });
            case "suspendCronJob":
            case "resumeCronJob":
                return Fields.scalar(value, where, "the name of a CronJob", problems)
                        .map(n -> new Action.SuspendCronJob(n, kind.equals("suspendCronJob")));
            case "runProbes":
                return runProbes(value, where);
            case "hold":
                return Fields.duration(value, where, problems).map(Action.Hold::new);
            default:
                return Fields.of(value, where, problems).flatMap(f -> {
                    Optional<String> approver = f.requiredText("approver", "who must approve, such as db-owner");
                    Optional<String> title = f.requiredText("title", "what is being approved, in a sentence");
                    boolean skip = f.text("ifDeclined").map(d -> {
                        if (!d.equals("stop") && !d.equals("skip")) {
                            problems.add(f.optional("ifDeclined").orElseThrow().location(), "'ifDeclined' of " + where
                                    + " must be stop (the run stops there) or skip (only this step is left out), "
                                    + "found '" + d + "'");
                        }
                        return d.equals("skip");
                    }).orElse(false);
                    f.rejectUnknown();
                    return approver.flatMap(a -> title.map(t -> new Action.Approval(a, t, skip)));
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

    private Optional<Action> waitForRollout(YamlNode value, String where) {
        if (value instanceof YamlNode.Scalar) {
            return Fields.scalar(value, where, "the name of a Deployment", problems)
                    .map(d -> new Action.WaitForRollout(d, DEFAULT_ROLLOUT_TIMEOUT));
        }
        return Fields.of(value, where, problems).flatMap(f -> {
            Optional<String> d = f.requiredText("deployment", "the name of a Deployment");
            Duration timeout = f.duration("timeout").orElse(DEFAULT_ROLLOUT_TIMEOUT);
            f.rejectUnknown();
            return d.map(name -> new Action.WaitForRollout(name, timeout));
        });
    }

    private Optional<Action> setEnv(YamlNode value, String where) {
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
            return deployment.map(d -> new Action.SetEnv(d, container, variables));
        });
    }

    private Optional<Action> runProbes(YamlNode value, String where) {
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
        return Optional.of(new Action.RunProbes(probes));
    }

    /** Steps that need a canary router: they set or read back a weight. */
    static boolean movesTraffic(Action step) {
        return step instanceof Action.SetWeight || step instanceof Action.DisableCanary;
    }

    static boolean needsKubernetes(Action step) {
        return step instanceof Action.SetImage || step instanceof Action.RolloutUndo
                || step instanceof Action.WaitForRollout || step instanceof Action.SetEnv
                || step instanceof Action.Scale || step instanceof Action.SuspendCronJob;
    }
}
