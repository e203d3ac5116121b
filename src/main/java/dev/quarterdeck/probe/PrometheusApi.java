package dev.quarterdeck.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The probes' way to one Prometheus server (the port; {@code probe.adapter.prometheus.PrometheusHttpApi} is
 * the HTTP adapter). Every call is bounded by its {@code timeout}, blocks the calling I/O thread, and either
 * returns a well-formed answer or throws a {@link PrometheusFailure} naming the server: never another
 * exception for anything the server or the network does.
 */
public interface PrometheusApi {

    /** The server as messages name it: its base URL without credentials or query string. */
    String shownUrl();

    /**
     * Evaluates {@code promql} at {@code time} ({@code /api/v1/query}).
     *
     * @throws PrometheusFailure no answer, an error answer, or a malformed one
     */
    PrometheusAnswer<PrometheusResult> query(String promql, Instant time, Duration timeout) throws PrometheusFailure;

    /**
     * Evaluates {@code promql} at every {@code step} from {@code start} to {@code end} ({@code
     * /api/v1/query_range}); Prometheus leaves out the steps where a series has no value.
     *
     * @throws PrometheusFailure no answer, an error answer, or a malformed one
     */
    PrometheusAnswer<PrometheusResult.Matrix> queryRange(String promql, Instant start, Instant end, Duration step,
            Duration timeout) throws PrometheusFailure;

    /**
     * The active alerts, firing and pending ({@code /api/v1/alerts}).
     *
     * @throws PrometheusFailure no answer, an error answer, or a malformed one
     */
    PrometheusAnswer<List<PrometheusAlert>> alerts(Duration timeout) throws PrometheusFailure;
}
