package dev.quarterdeck.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a {@code /metrics} page, parsed the way Prometheus reads text format 0.0.4, with just the
 * arithmetic the tests need: sums, deltas between scrapes, and histogram_quantile over buckets.
 */
record Scrape(String contentType, List<String> lines, List<Sample> samples, Map<String, String> types) {

    /** One sample line: name, labels in order, value. */
    record Sample(String name, Map<String, String> labels, double value) {}

    static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile(
            "([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"(,|$)");

    static Scrape of(HttpClient http, URI base) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(base + "/metrics answered " + response.statusCode());
        }
        return parse(response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    static Scrape parse(String contentType, String text) {
        List<String> lines = text.lines().toList();
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.startsWith("#") && !line.isBlank()) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalArgumentException("not a sample line: " + line);
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null && !m.group(3).isEmpty()) {
                    Matcher l = LABEL.matcher(m.group(3));
                    int end = 0;
                    while (l.find() && l.start() == end) {
                        labels.put(l.group(1), l.group(2));
                        end = l.end();
                    }
                    if (end != m.group(3).length()) {
                        throw new IllegalArgumentException("malformed labels: " + line);
                    }
                }
                samples.add(new Sample(m.group(1), labels, parseValue(m.group(4))));
            }
        }
        return new Scrape(contentType, lines, samples, types);
    }

    static double parseValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** The value of the sample with exactly these label pairs (name, value, name, value...), or 0 if absent. */
    double value(String name, String... labelPairs) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(wanted))
                .mapToDouble(Sample::value)
                .findFirst()
                .orElse(0);
    }

    /** Sum over every label combination of a metric. */
    double sum(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
    }

    /** The cumulative buckets of a histogram, by upper bound, ascending, +Inf last. */
    List<Bucket> buckets(String histogram) {
        return samples.stream()
                .filter(s -> s.name().equals(histogram + "_bucket"))
                .map(s -> new Bucket(parseValue(s.labels().get("le")), s.value()))
                .sorted(Comparator.comparingDouble(Bucket::le))
                .toList();
    }

    /** What these buckets gained since an earlier scrape: the observations in between. */
    static List<Bucket> delta(List<Bucket> later, List<Bucket> earlier) {
        List<Bucket> delta = new ArrayList<>();
        for (int i = 0; i < later.size(); i++) {
            delta.add(new Bucket(later.get(i).le(), later.get(i).count() - earlier.get(i).count()));
        }
        return delta;
    }

    /** Prometheus's histogram_quantile: linear interpolation inside the bucket holding the rank. */
    static double quantile(double q, List<Bucket> buckets) {
        double total = buckets.get(buckets.size() - 1).count();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Bucket bucket : buckets) {
            if (bucket.count() >= rank) {
                if (Double.isInfinite(bucket.le())) {
                    return lowerBound;
                }
                return lowerBound + (bucket.le() - lowerBound) * (rank - lowerCount) / (bucket.count() - lowerCount);
            }
            lowerBound = bucket.le();
            lowerCount = bucket.count();
        }
        return Double.NaN;
    }

    record Bucket(double le, double count) {}
}
