package dev.quarterdeck.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads one condition of a gate or an abort rule:
 * <ul>
 *   <li>{@code {metric: error-rate, track: canary, max: 1%}}: a threshold on one track;
 *   <li>{@code {metric: p95-latency, compare: canary-minus-stable, max: 100ms}}, or
 *       {@code {metric: error-rate, compare: canary-over-stable, max: 2}}: canary against stable;
 *   <li>{@code {metric: p95-latency, judge: mann-whitney, confidence: 95%}}: a statistical judgement.
 * </ul>
 * Every metric it names is recorded, so each environment's metrics source can be checked to provide it.
 */
final class ConditionBinder {
    private static final List<String> BOUNDS = List.of("max", "min");

    /** A condition's metric, where it was written. */
    record MetricUse(Metric metric, Location at) {}

    private final Problems problems;
    private final List<MetricUse> metricUses = new java.util.ArrayList<>();

    ConditionBinder(Problems problems) {
        this.problems = problems;
    }

    List<MetricUse> metricUses() {
        return metricUses;
    }

    Optional<Condition> condition(YamlNode node, String where) {
        return Fields.of(node, "a condition of " + where, problems).flatMap(f -> {
            Optional<Metric> metric = metric(f, where);
            boolean compares = f.has("compare");
            boolean judges = f.has("judge");
            Optional<Condition> condition;
            if (compares && judges) {
                problems.add(f.location(), "a condition of " + where + " either compares or judges, not both");
                condition = Optional.empty();
            } else if (judges) {
                condition = metric.flatMap(m -> judgement(f, m, where));
            } else if (compares) {
                condition = metric.flatMap(m -> comparison(f, m, where));
            } else {
                condition = metric.flatMap(m -> threshold(f, m, where));
            }
            f.rejectUnknown();
            return condition;
        });
    }

    /** A threshold only: abort rules are judged on one sample of one track. */
    Optional<Condition.Threshold> threshold(YamlNode node, String where) {
        return Fields.of(node, "the condition of " + where, problems).flatMap(f -> {
            Optional<Condition> t = metric(f, where).flatMap(m -> threshold(f, m, where));
            f.rejectUnknown();
            return t.map(Condition.Threshold.class::cast);
        });
    }

    private Optional<Metric> metric(Fields f, String where) {
        return f.requiredText("metric", "one of " + metricKeys()).flatMap(key -> {
            Optional<Metric> m = Metric.byKey(key);
            Location at = f.optional("metric").orElseThrow().location();
            if (m.isEmpty()) {
                problems.add(at, "unknown metric '" + key + "' in " + where + ": expected one of " + metricKeys());
            } else {
                metricUses.add(new MetricUse(m.get(), at));
            }
            return m;
        });
    }

    private Optional<Condition> threshold(Fields f, Metric metric, String where) {
        Optional<Track> track = f.text("track").map(t -> {
            for (Track candidate : Track.values()) {
                if (candidate.label().equals(t)) {
                    return Optional.of(candidate);
                }
            }
            problems.add(f.optional("track").orElseThrow().location(), "track of a condition of " + where
                    + " must be 'canary' or 'stable', found '" + t + "'");
            return Optional.<Track>empty();
        }).orElse(Optional.of(Track.CANARY));
        Optional<String> bound = f.oneOf(BOUNDS);
        Optional<Double> value = bound.flatMap(b -> value(f.optional(b).orElseThrow(), metric.unit(),
                "'" + b + "' of " + metric.key() + " in " + where));
        if (track.isEmpty() || bound.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Condition.Threshold(metric, track.get(), bound(bound.get()), value.get()));
    }

    private Optional<Condition> comparison(Fields f, Metric metric, String where) {
        Optional<Condition.Comparison.Kind> kind = f.text("compare").flatMap(k -> {
            for (Condition.Comparison.Kind candidate : Condition.Comparison.Kind.values()) {
                if (candidate.key().equals(k)) {
                    return Optional.of(candidate);
                }
            }
            problems.add(f.optional("compare").orElseThrow().location(), "'compare' in " + where + " must be "
                    + "canary-minus-stable or canary-over-stable, found '" + k + "'");
            return Optional.empty();
        });
        if (f.has("track")) {
            problems.add(f.optional("track").orElseThrow().location(), "a comparison in " + where
                    + " judges canary against stable: it has no 'track'");
        }
        Optional<String> bound = f.oneOf(BOUNDS);
        Optional<Double> value = kind.flatMap(k -> bound.flatMap(b -> value(f.optional(b).orElseThrow(),
                k == Condition.Comparison.Kind.CANARY_OVER_STABLE ? Metric.Unit.PER_SECOND : metric.unit(),
                "'" + b + "' of " + metric.key() + " " + k.key() + " in " + where)));
        if (kind.isEmpty() || bound.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Condition.Comparison(metric, kind.get(), bound(bound.get()), value.get()));
    }

    private Optional<Condition> judgement(Fields f, Metric metric, String where) {
        Optional<String> judge = f.text("judge").filter(j -> {
            if (!j.equals("mann-whitney")) {
                problems.add(f.optional("judge").orElseThrow().location(), "'judge' in " + where
                        + " must be mann-whitney, found '" + j + "'");
                return false;
            }
            return true;
        });
        double confidence = f.text("confidence").flatMap(c -> {
            Optional<Double> v = Quantities.share(c).filter(x -> x > 0 && x < 1);
            if (v.isEmpty()) {
                problems.add(f.optional("confidence").orElseThrow().location(), "'confidence' in " + where
                        + " must be between 0 and 100 %, such as 95%, found '" + c + "'");
            }
            return v;
        }).orElse(0.95);
        for (String key : List.of("track", "max", "min")) {
            if (f.has(key)) {
                problems.add(f.optional(key).orElseThrow().location(), "a Mann-Whitney judgement in " + where
                        + " compares canary with stable by itself: it takes no '" + key + "'");
            }
        }
        return judge.map(j -> new Condition.Judgement(metric, confidence));
    }

    /** A value in the given unit: a share, a duration, or a plain number. */
    private Optional<Double> value(YamlNode node, Metric.Unit unit, String where) {
        return Fields.scalar(node, where, "a threshold", problems).flatMap(text -> {
            switch (unit) {
                case RATIO:
                    return report(Quantities.share(text).filter(v -> v >= 0 && v <= 1), node, where + ": '" + text
                            + "' is not a share; write a percentage such as 1% or 0.5%, or a fraction from 0 to 1 "
                            + "such as 0.01");
                case SECONDS:
                    return report(Quantities.duration(text).map(d -> d.toNanos() / 1e9), node, where + ": '" + text
                            + "' is not a duration; " + Quantities.DURATION_HINT);
                default:
                    return report(Quantities.share(text).filter(v -> v >= 0), node, where + ": '" + text
                            + "' is not a number; write one such as 5 or 2.5");
            }
        });
    }

    private Optional<Double> report(Optional<Double> value, YamlNode node, String message) {
        if (value.isEmpty()) {
            problems.add(node.location(), message);
        }
        return value;
    }

    private static Condition.Bound bound(String key) {
        return key.equals("max") ? Condition.Bound.MAX : Condition.Bound.MIN;
    }

    static String metricKeys() {
        return String.join(", ", Arrays.stream(Metric.values()).map(Metric::key).toList());
    }
}
