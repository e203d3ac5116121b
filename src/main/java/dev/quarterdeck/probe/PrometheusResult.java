package dev.quarterdeck.probe;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a PromQL query gave, one variant per Prometheus result type. Values are doubles as Prometheus sent
 * them, {@code NaN} and the infinities included: judging them is the caller's business.
 */
public sealed interface PrometheusResult {

    /** Prometheus' own name of the result type, as messages show it: {@code vector}, {@code matrix}, ... */
    String type();

    /** An instant vector: one value per series, all at the evaluation time. */
    record Vector(List<Series> series) implements PrometheusResult {
        public Vector {
            series = List.copyOf(series);
        }

        @Override
        public String type() {
            return "vector";
        }
    }

    /** A plain number, as {@code scalar(...)} or {@code 1 + 1} give. */
    record Scalar(Instant at, double value) implements PrometheusResult {
        public Scalar {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "scalar";
        }
    }

    /** A range vector: for each series, its values over time (range queries, or {@code x[5m]}). */
    record Matrix(List<RangeSeries> series) implements PrometheusResult {
        public Matrix {
            series = List.copyOf(series);
        }

        @Override
        public String type() {
            return "matrix";
        }
    }

    /** A string literal; nothing a gate can compare, but a valid answer. */
    record Text(Instant at, String value) implements PrometheusResult {
        public Text {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String type() {
            return "string";
        }
    }

    /** One series of an instant vector. Labels are sorted by name, so a series prints the same everywhere. */
    record Series(Map<String, String> labels, Instant at, double value) {
        public Series {
            labels = Collections.unmodifiableMap(new TreeMap<>(labels));
            Objects.requireNonNull(at, "at");
        }
    }

    /** One series of a matrix, its points oldest first. */
    record RangeSeries(Map<String, String> labels, List<Point> points) {
        public RangeSeries {
            labels = Collections.unmodifiableMap(new TreeMap<>(labels));
            points = List.copyOf(points);
        }
    }

    /** One value of a series at one time. */
    record Point(Instant at, double value) {
        public Point {
            Objects.requireNonNull(at, "at");
        }
    }
}
