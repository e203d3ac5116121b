package dev.quarterdeck.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads the {@code canary}, {@code gates} and {@code rollback} sections. */
final class CanaryBinder {
    private static final List<String> STEP_KINDS = List.of("setWeight", "pause", "gate");
    private static final List<String> BOUNDS = List.of("max", "min");

    /** A gate condition's metric, where it was written: every Prometheus environment needs a query for it. */
    record MetricUse(Metric metric, Location at) {}

    private final Problems problems;
    private final References references;
    private final List<MetricUse> metricUses = new java.util.ArrayList<>();

    CanaryBinder(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
    }

    List<MetricUse> metricUses() {
        return metricUses;
    }

    List<CanaryStep> steps(YamlNode canary) {
        return Fields.of(canary, "the canary section", problems).map(f -> {
            List<YamlNode> items = f.list("steps");
            f.rejectUnknown();
            return Fields.each(items, this::step);
        }).orElse(List.of());
    }

    private Optional<CanaryStep> step(YamlNode node) {
        return Fields.of(node, "a canary step", problems).flatMap(f -> {
            Optional<CanaryStep> step = f.oneOf(STEP_KINDS).flatMap(kind -> {
                YamlNode value = EnvironmentBinder.variant(f, kind);
                return switch (kind) {
                    case "setWeight" -> weight(value, "setWeight").map(CanaryStep.SetWeight::new);
                    case "pause" -> pause(value);
                    default -> gateReference(value);
                };
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

    private Optional<Integer> weight(YamlNode value, String where) {
        return Fields.integer(value, where, 0, 100, problems);
    }

    Optional<Gate> gate(YamlNode node) {
        return Fields.of(node, "a gate", problems).flatMap(unnamed -> {
            Optional<String> name = Names.read(unnamed, "name", problems);
            name.ifPresent(n -> references.define(References.Kind.GATE, n, unnamed.location()));
            String what = "gate '" + unnamed.peek("name") + "'";
            Fields f = unnamed.as(what);
            List<YamlNode> items = f.list("conditions");
            if (!f.has("conditions") || items.isEmpty()) {
                problems.add(f.location(), what + " needs at least one condition under 'conditions', such as "
                        + "{metric: error-rate, track: canary, max: 1%}");
            }
            List<Condition> conditions = Fields.each(items, item -> condition(item, what));
            f.rejectUnknown();
            return name.map(n -> new Gate(n, conditions));
        });
    }

    private Optional<Condition> condition(YamlNode node, String gate) {
        return Fields.of(node, "a condition of " + gate, problems).flatMap(f -> {
            Optional<Metric> metric = f.requiredText("metric", "one of " + metricKeys()).flatMap(key -> {
                Optional<Metric> m = Metric.byKey(key);
                m.ifPresent(found -> metricUses.add(new MetricUse(found, f.optional("metric").orElseThrow().location())));
                if (m.isEmpty()) {
                    problems.add(f.optional("metric").orElseThrow().location(), "unknown metric '" + key + "' in "
                            + gate + ": expected one of " + metricKeys());
                }
                return m;
            });
            Optional<Track> track = f.text("track").map(t -> {
                for (Track candidate : Track.values()) {
                    if (candidate.label().equals(t)) {
                        return Optional.of(candidate);
                    }
                }
                problems.add(f.optional("track").orElseThrow().location(), "track of a condition of " + gate
                        + " must be 'canary' or 'stable', found '" + t + "'");
                return Optional.<Track>empty();
            }).orElse(Optional.of(Track.CANARY));
            Optional<String> boundKey = f.oneOf(BOUNDS);
            Optional<Double> threshold = boundKey.flatMap(b -> metric.flatMap(m ->
                    threshold(f.optional(b).orElse(null), m, "'" + b + "' of " + m.key() + " in " + gate)));
            f.rejectUnknown();
            if (metric.isEmpty() || track.isEmpty() || boundKey.isEmpty() || threshold.isEmpty()) {
                return Optional.empty();
            }
            Condition.Bound bound = boundKey.get().equals("max") ? Condition.Bound.MAX : Condition.Bound.MIN;
            return Optional.of(new Condition(metric.get(), track.get(), bound, threshold.get()));
        });
    }

    /** A threshold in the metric's own unit: a share for rates, a duration for latencies. */
    private Optional<Double> threshold(YamlNode node, Metric metric, String where) {
        if (node == null) {
            return Optional.empty();
        }
        return Fields.scalar(node, where, "a threshold", problems).flatMap(text -> switch (metric.unit()) {
            case RATIO -> Quantities.share(text).filter(v -> v >= 0 && v <= 1).or(() -> {
                problems.add(node.location(), where + ": '" + text + "' is not a share; write a percentage such as "
                        + "1% or 0.5%, or a fraction from 0 to 1 such as 0.01");
                return Optional.empty();
            });
            case SECONDS -> Quantities.duration(text).map(d -> d.toNanos() / 1e9).or(() -> {
                problems.add(node.location(), where + ": '" + text + "' is not a duration; "
                        + Quantities.DURATION_HINT);
                return Optional.empty();
            });
            case PER_SECOND -> Quantities.number(text).filter(v -> v >= 0).or(() -> {
                problems.add(node.location(), where + ": '" + text + "' is not a rate; write a number of requests "
                        + "per second, such as 5");
                return Optional.empty();
            });
        });
    }

    static String metricKeys() {
        return String.join(", ", java.util.Arrays.stream(Metric.values()).map(Metric::key).toList());
    }
}
