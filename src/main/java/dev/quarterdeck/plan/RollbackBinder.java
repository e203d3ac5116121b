package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code rollback} section: what one click runs, in order, and the optional staged rollback that
 * steps the weight down with a hold at each weight.
 */
final class RollbackBinder {
    private final Problems problems;
    private final ActionBinder actions;
    private final List<Location> kubernetesSteps;
    private final List<Location> trafficSteps;
    private boolean staged;

    /**
     * {@code kubernetesSteps} collects where steps that change Kubernetes were written, {@code trafficSteps} where
     * steps that move canary traffic (and a staged rollback) were.
     */
    RollbackBinder(Problems problems, ActionBinder actions, List<Location> kubernetesSteps,
            List<Location> trafficSteps) {
        this.problems = problems;
        this.actions = actions;
        this.kubernetesSteps = kubernetesSteps;
        this.trafficSteps = trafficSteps;
    }

    /** Whether the plan offers a staged rollback (abort rules may ask for one). */
    boolean offersStaged() {
        return staged;
    }

    RollbackPlan bind(YamlNode node) {
        return Fields.of(node, "the rollback section", problems).map(f -> {
            List<YamlNode> items = f.list("steps");
            if (items.isEmpty()) {
                problems.add(f.location(), "the rollback section needs at least one step under 'steps', such as "
                        + "{setWeight: 0}");
            }
            List<Action> steps = Fields.each(items, this::step);
            Optional<RollbackPlan.Staged> stagedPlan = f.optional("staged").flatMap(this::staged);
            f.rejectUnknown();
            return new RollbackPlan(steps, stagedPlan);
        }).orElse(RollbackPlan.weightToZero());
    }

    private Optional<Action> step(YamlNode node) {
        return Fields.of(node, "a rollback step", problems).flatMap(f -> {
            Optional<Action> step = f.oneOf(ActionBinder.KINDS).flatMap(kind -> {
                YamlNode value = f.optional(kind).orElse(new YamlNode.Mapping(Map.of(), f.location()));
                Optional<Action> read = actions.read(kind, value, kind + " in the rollback");
                if (read.isPresent() && ActionBinder.needsKubernetes(read.get())) {
                    kubernetesSteps.add(value.location());
                }
                if (read.isPresent() && ActionBinder.movesTraffic(read.get())) {
                    trafficSteps.add(value.location());
                }
                return read;
            });
            f.rejectUnknown();
            return step;
        });
    }

    /** {@code staged: {weights: [75, 50, 25, 10, 0], hold: 5m}}. */
    private Optional<RollbackPlan.Staged> staged(YamlNode node) {
        trafficSteps.add(node.location());
        return Fields.of(node, "the staged rollback", problems).flatMap(f -> {
            List<Integer> weights = new ArrayList<>();
            for (YamlNode item : f.list("weights")) {
                Fields.integer(item, "a weight of the staged rollback", 0, 100, problems).ifPresent(weights::add);
            }
            if (weights.isEmpty() || weights.get(weights.size() - 1) != 0) {
                problems.add(f.location(), "the staged rollback's 'weights' must step down to 0, such as "
                        + "[75, 50, 25, 10, 0]");
            }
            for (int i = 1; i < weights.size(); i++) {
                if (weights.get(i) >= weights.get(i - 1)) {
                    problems.add(f.location(), "the staged rollback's weights must go down, but " + weights.get(i)
                            + " follows " + weights.get(i - 1));
                    break;
                }
            }
            Optional<Duration> hold = f.required("hold", "how long to hold at each weight, such as 5m")
                    .flatMap(h -> Fields.duration(h, "'hold' of the staged rollback", problems));
            f.rejectUnknown();
            staged = true;
            return hold.map(h -> new RollbackPlan.Staged(weights, h));
        });
    }
}
