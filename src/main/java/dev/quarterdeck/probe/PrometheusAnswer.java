package dev.quarterdeck.probe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A successful Prometheus answer: the result, the warnings Prometheus attached (a partial answer from a
 * remote store, a query over too few samples: worth showing next to the value), and how long it took.
 */
public record PrometheusAnswer<T>(T result, List<String> warnings, Duration elapsed) {
    public PrometheusAnswer {
        Objects.requireNonNull(result, "result");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
