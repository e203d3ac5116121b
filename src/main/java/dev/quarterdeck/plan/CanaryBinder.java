package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads the {@code canary} section (mode and steps) and the {@code gates}. */
final class CanaryBinder {
    private final Problems problems;
    private final References references;
    private static final List<String> KINDS = Stream.concat(Stream.of("pause", "gate"),
            ActionBinder.KINDS.stream()).toList();

    private final ConditionBinder conditions;
    private final ActionBinder actions;
    private final List<Location> kubernetesSteps;
    private final List<Location> trafficSteps;
    private Mode mode = Mode.MANUAL;

    /**
     * {@code kubernetesSteps} collects where steps that change Kubernetes were written, {@code trafficSteps} where
     * steps that move canary traffic were.
     */
    CanaryBinder(Problems problems, References references, ConditionBinder conditions, ActionBinder actions,
            List<Location> kubernetesSteps, List<Location> trafficSteps) {
        this.problems = problems;
        this.references = references;
        this.conditions = conditions;
        this.actions = actions;
        this.kubernetesSteps = kubernetesSteps;
        this.trafficSteps = trafficSteps;
    }

    /** The canary's mode, read with its steps; manual when the plan says nothing. */
    Mode mode() {
        return mode;
    }

    List<CanaryStep> steps(YamlNode canary) {
        return Fields.of(canary, "the canary section", problems).map(f -> {
            f.text("mode").ifPresent(m -> Mode.byKey(m).ifPresentOrElse(found -> mode = found, () -> problems.add(
                    f.optional("mode").orElseThrow().location(), "'mode' of the canary must be manual, assisted or "
                            + "automatic, found '" + m + "'")));
            List<YamlNode> items = f.list("steps");
            f.rejectUnknown();
            return Fields.each(items, this::step);
        }).orElse(List.of());
    }

    /** {@code setWeight}, {@code pause}, {@code gate}, or any action ({@code setImage}, {@code setEnv}, ...). */
    private Optional<CanaryStep> step(YamlNode node) {
        return Fields.of(node, "a canary step", problems).flatMap(f -> {
            Optional<CanaryStep> step = f.oneOf(KINDS).flatMap(kind -> {
                YamlNode value = EnvironmentBinder.variant(f, kind);
                if (kind.equals("pause")) {
                    return pause(value);
                }
                if (kind.equals("gate")) {
                    return gateReference(value);
                }
                Optional<Action> action = actions.read(kind, value, kind + " in the canary");
                action.filter(ActionBinder::needsKubernetes).ifPresent(a -> kubernetesSteps.add(value.location()));
                action.filter(ActionBinder::movesTraffic).ifPresent(a -> trafficSteps.add(value.location()));
                return action.map(a -> a instanceof Action.SetWeight set
                        ? new CanaryStep.SetWeight(set.percent())
                        : new CanaryStep.Perform(a));
            });
            f.rejectUnknown();
            return step;
        });
    }

    /** {@code pause: {}} waits for the captain; {@code pause: 30s} or {@code pause: {duration: 30s}} waits. */
    private Optional<CanaryStep> pause(YamlNode value) {
        if (value instanceof YamlNode.Scalar) {
            return Fields.duration(value, "pause", problems).map(d -> new CanaryStep.Pause(Optional.of(d)));
        }
        return Fields.of(value, "pause", problems).map(f -> {
            Optional<Duration> duration = f.duration("duration");
            f.rejectUnknown();
            return new CanaryStep.Pause(duration);
        });
    }

    private Optional<CanaryStep> gateReference(YamlNode value) {
        return Fields.scalar(value, "gate", "the name of a gate", problems).map(name -> {
            references.use(References.Kind.GATE, name, value.location(), "this canary step");
            return new CanaryStep.GateCheck(name);
        });
    }

    Optional<Gate> gate(YamlNode node) {
        return Fields.of(node, "a gate", problems).flatMap(unnamed -> {
            Optional<String> name = Names.read(unnamed, "name", problems);
            name.ifPresent(n -> references.define(References.Kind.GATE, n, unnamed.location()));
            String what = "gate '" + unnamed.peek("name") + "'";
            Fields f = unnamed.as(what);
            Duration holdFor = f.duration("holdFor").orElse(Duration.ZERO);
            int maxFailures = f.integer("maxFailures", 1, 1000).orElse(Gate.DEFAULT_MAX_FAILURES);
            Duration window = f.duration("window").orElse(Gate.DEFAULT_WINDOW);
            List<YamlNode> items = f.list("conditions");
            if (!f.has("conditions") || items.isEmpty()) {
                problems.add(f.location(), what + " needs at least one condition under 'conditions', such as "
                        + "{metric: error-rate, track: canary, max: 1%}");
            }
            List<Condition> read = Fields.each(items, item -> conditions.condition(item, what));
            f.rejectUnknown();
            return name.map(n -> new Gate(n, holdFor, maxFailures, window, read));
        });
    }
}
