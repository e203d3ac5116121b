package dev.quarterdeck.probe;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a query meant to give one number gave, judged once for probes and metrics alike: a value, nothing to
 * judge, or an answer of the wrong shape. Release gates compare one number with one threshold, so anything
 * that is not exactly one number is said out loud instead of being picked from.
 */
sealed interface QueryReading {
    /** How many series a "too many series" message lists before "and N more". */
    int SHOWN_SERIES = 3;

    /** One number. Infinities are values: a p95 beyond the last finite bucket is +Inf and fails a maximum. */
    record Value(double value) implements QueryReading {
        boolean infinite() {
            return Double.isInfinite(value);
        }
    }

    /** Nothing to judge: no series, or NaN (0/0, such as an error rate with no requests). Never a pass. */
    record NoData(String reason) implements QueryReading {}

    /** An answer that cannot be judged as one number: several series, a matrix, a string. */
    record Unusable(String reason) implements QueryReading {}

    static QueryReading of(PrometheusResult result) {
        if (result instanceof PrometheusResult.Vector vector) {
            List<PrometheusResult.Series> series = vector.series();
            if (series.isEmpty()) {
                return new NoData("query returned no series");
            }
            if (series.size() > 1) {
                return tooMany(series.stream().map(PrometheusResult.Series::labels).toList());
            }
            return of(series.get(0).value());
        }
        if (result instanceof PrometheusResult.Scalar scalar) {
            return of(scalar.value());
        }
        if (result instanceof PrometheusResult.Matrix) {
            return new Unusable("query returned a matrix (a range such as x[5m]); the condition needs one value");
        }
        return new Unusable("query returned a " + result.type() + "; the condition needs a number");
    }

    private static QueryReading of(double value) {
        if (Double.isNaN(value)) {
            return new NoData("query returned NaN (nothing to compute from, e.g. no requests in the window)");
        }
        return new Value(value);
    }

    /** Several series where one value is needed, the first few named. */
    static Unusable tooMany(List<Map<String, String>> labelSets) {
        // Sorted: Prometheus' order varies between calls, and the timeline should not seem to change.
        String shown = labelSets.stream()
                .map(Readings::labels)
                .sorted()
                .limit(SHOWN_SERIES)
                .collect(Collectors.joining(", "));
        int more = labelSets.size() - SHOWN_SERIES;
        return new Unusable(labelSets.size() + " series; the condition needs one: " + shown
                + (more > 0 ? " and " + more + " more" : "") + " (aggregate them, e.g. with sum(...))");
    }
}
