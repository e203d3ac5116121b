package dev.quarterdeck.probe;

import dev.quarterdeck.plan.Durations;
import dev.quarterdeck.plan.Environment;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.MetricsSpec;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * One track's canary metrics, read from its own {@code /metrics} page: each run scrapes once, keeps the
 * scrape in the window, and reports error rate, p95 and p99 latency, and request rate over the window.
 *
 * <p>A failed or malformed scrape is reported as {@code ERROR} for every metric and is not kept, so the next
 * good scrape reads from the good ones before it. Each track is its own {@link ProbeTask} so a hung canary
 * never holds up the stable scrape. Build it through {@link ScrapeMetricsSource}.
 */
public final class TrackMetrics implements ProbeTask {
    /** What a scrape source reports for each track, in this order. */
    public static final List<Metric> METRICS =
            List.of(Metric.ERROR_RATE, Metric.P95_LATENCY, Metric.P99_LATENCY, Metric.REQUEST_RATE);

    private static final Predicate<Map<String, String>> ALL = labels -> true;
    private static final Predicate<Map<String, String>> HAS_CODE = labels -> labels.containsKey("code");
    private static final Predicate<Map<String, String>> SERVER_ERROR =
            labels -> PrometheusMath.isServerError(labels.getOrDefault("code", ""));

    private final Track track;
    private final MetricsSpec.Scrape spec;
    private final HttpTransport transport;
    private final Clock clock;
    private final Duration timeout;
    private final URI url;
    /** The URL as messages show it (no credentials). */
    private final String shown;
    private final String unbound;
    private final ScrapeWindow window;

    TrackMetrics(Track track, Environment environment, MetricsSpec.Scrape spec, HttpTransport transport,
            Clock clock, Duration timeout) {
        this.track = Objects.requireNonNull(track, "track");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.url = ServiceUrl.of(environment, track.label(), spec.path()).orElse(null);
        this.shown = url == null ? "" : ServiceUrl.shown(url);
        this.unbound = url == null ? ServiceUrl.unbound(environment, track.label()) : null;
        // Twice the scrapes the window should hold at the planned interval, plus the two a reading needs.
        long expected = spec.window().toMillis() / Math.max(1, spec.interval().toMillis());
        this.window = new ScrapeWindow(spec.window(), (int) Math.min(10_000, 2 * expected + 2));
    }

    public Track track() {
        return track;
    }

    /** Scrapes once now and reads all four metrics over the window. Blocks for at most the timeout. */
    public List<MetricSample> sample() {
        Instant at = clock.instant();
        if (url == null) {
            return all(at, Outcome.ERROR, unbound);
        }
        TrackScrape scrape;
        try {
            HttpReply reply = transport.get(url, timeout);
            if (reply.status() != 200) {
                return all(at, Outcome.ERROR, "GET " + shown + ": HTTP " + reply.status() + ", expected 200");
            }
            scrape = TrackScrape.read(at, reply.body(), spec.requestsCounter(), spec.latencyHistogram());
        } catch (HttpFailure e) {
            return all(at, Outcome.ERROR, e.getMessage());
        } catch (MalformedMetricsException e) {
            return all(at, Outcome.ERROR, "GET " + shown + ": not Prometheus text: " + e.getMessage());
        }
        synchronized (window) {
            window.add(scrape);
            return read(at);
        }
    }

    private List<MetricSample> read(Instant at) {
        String last = "in the last " + Durations.human(spec.window());
        if (window.size() < 2) {
            return all(at, Outcome.NO_DATA, window.size() + " good scrape of " + shown + " " + last + "; need two");
        }
        Duration span = window.span();
        if (span.isZero()) {
            return all(at, Outcome.NO_DATA, "every scrape of " + shown + " " + last + " was at the same instant");
        }
        String over = "over " + Durations.human(span);
        List<MetricSample> samples = new ArrayList<>(4);
        samples.add(errorRate(at, over, last));
        samples.add(latency(at, Metric.P95_LATENCY, 0.95, over, last));
        samples.add(latency(at, Metric.P99_LATENCY, 0.99, over, last));
        samples.add(requestRate(at, span, over));
        return samples;
    }

    private MetricSample errorRate(Instant at, String over, String last) {
        String counter = spec.requestsCounter();
        String missing = requestsMissing();
        if (missing != null) {
            return noData(at, Metric.ERROR_RATE, missing);
        }
        ScrapeWindow.Increase all = window.increase(TrackScrape::requests, ALL);
        if (!(all.value() >= 0)) {
            return noData(at, Metric.ERROR_RATE, counter + " at " + shown + " went NaN or backwards " + last);
        }
        if (all.value() == 0) {
            // No requests is not a 0% error rate: a gate must not pass a canary that served nothing.
            return noData(at, Metric.ERROR_RATE, "no requests " + last);
        }
        if (!window.anySeries(TrackScrape::requests, HAS_CODE)) {
            return noData(at, Metric.ERROR_RATE, counter + " at " + shown + " has no 'code' label");
        }
        double errors = window.increase(TrackScrape::requests, SERVER_ERROR).value();
        if (!(errors >= 0)) {
            return noData(at, Metric.ERROR_RATE, "5xx " + counter + " at " + shown + " went NaN or backwards");
        }
        return pass(at, Metric.ERROR_RATE, errors / all.value(),
                count(errors) + " of " + count(all.value()) + " requests were 5xx " + over);
    }

    private MetricSample requestRate(Instant at, Duration span, String over) {
        String missing = requestsMissing();
        if (missing != null) {
            return noData(at, Metric.REQUEST_RATE, missing);
        }
        double requests = window.increase(TrackScrape::requests, ALL).value();
        if (!(requests >= 0)) {
            return noData(at, Metric.REQUEST_RATE, spec.requestsCounter() + " at " + shown + " went NaN or backwards");
        }
        // Zero is a reading here: "canary request-rate min 1" must fail on a canary that gets no traffic.
        return pass(at, Metric.REQUEST_RATE, requests / (span.toNanos() / 1e9), count(requests) + " requests " + over);
    }

    private MetricSample latency(Instant at, Metric metric, double q, String over, String last) {
        String histogram = spec.latencyHistogram();
        if (!window.exposes(TrackScrape::buckets)) {
            return noData(at, metric, shown + " exposes no " + histogram + "_bucket");
        }
        List<HistogramBucket> buckets = window.bucketIncreases();
        if (buckets.isEmpty()) {
            return noData(at, metric, "no " + histogram + "_bucket series in two scrapes " + last + " yet");
        }
        OptionalDouble infBucket = buckets.stream()
                .filter(b -> b.upperBound() == Double.POSITIVE_INFINITY)
                .mapToDouble(HistogramBucket::count)
                .findFirst();
        if (infBucket.isEmpty()) {
            // Prometheus answers NaN here too; it is a broken histogram, not a quiet one, so it is an error.
            return new MetricSample(at, track, metric, Double.NaN, Outcome.ERROR,
                    histogram + " at " + shown + " has no le=\"+Inf\" bucket");
        }
        double observations = infBucket.getAsDouble();
        if (!(observations >= 0)) {
            return noData(at, metric, histogram + " at " + shown + " went NaN or backwards " + last);
        }
        if (observations == 0) {
            return noData(at, metric, "no requests observed by " + histogram + " " + last);
        }
        double value = PrometheusMath.histogramQuantile(q, buckets);
        if (Double.isNaN(value)) {
            // Only a +Inf bucket, or NaN counts: Prometheus has no quantile either.
            return noData(at, metric, histogram + " at " + shown + " gives no quantile: it needs finite buckets"
                    + " and counts that are numbers");
        }
        return pass(at, metric, value, "from " + count(observations) + " observations " + over);
    }

    /** Why request metrics cannot be read at all, or null when they can. */
    private String requestsMissing() {
        String counter = spec.requestsCounter();
        if (!window.exposes(TrackScrape::requests)) {
            return shown + " exposes no " + counter;
        }
        if (window.increase(TrackScrape::requests, ALL).series() == 0) {
            return "no " + counter + " series in two scrapes in the last " + Durations.human(spec.window()) + " yet";
        }
        return null;
    }

    private MetricSample pass(Instant at, Metric metric, double value, String detail) {
        return new MetricSample(at, track, metric, value, Outcome.PASS, detail);
    }

    private MetricSample noData(Instant at, Metric metric, String reason) {
        return new MetricSample(at, track, metric, Double.NaN, Outcome.NO_DATA, reason);
    }

    private List<MetricSample> all(Instant at, Outcome outcome, String detail) {
        List<MetricSample> samples = new ArrayList<>(4);
        for (Metric metric : METRICS) {
            samples.add(new MetricSample(at, track, metric, Double.NaN, outcome, detail));
        }
        return samples;
    }

    private static String count(double n) {
        return n == Math.rint(n) && Math.abs(n) < 1e15
                ? Long.toString((long) n)
                : String.format(Locale.ROOT, "%.4g", n);
    }

    @Override
    public String name() {
        return "metrics " + track.label();
    }

    @Override
    public Duration interval() {
        return spec.interval();
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public List<MetricSample> run() {
        return sample();
    }

    @Override
    public List<MetricSample> missed(Instant at, String reason) {
        return all(at, Outcome.ERROR, (url == null ? unbound + "; " : "GET " + shown + ": ") + reason);
    }
}
