package dev.quarterdeck.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One benchmark's figures, written to {@code target/bench/NAME.json} in the shape DESIGN.md fixes:
 * {@code {"name","unit","value","baseline","baselineName","ratio","runs","p50","p99"}}. A field without
 * meaning is null, never a made-up number.
 */
public record BenchReport(
        String name,
        String unit,
        double value,
        Double baseline,
        String baselineName,
        Integer runs,
        Double p50,
        Double p99,
        String note) {

    public Double ratio() {
        return baseline == null || baseline == 0 ? null : value / baseline;
    }

    /** Writes the report and prints one line for the build log. */
    public Path write() throws IOException {
        Path dir = Path.of(System.getProperty("quarterdeck.bench.dir", "target/bench"));
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode node = json.createObjectNode();
        node.put("name", name);
        node.put("unit", unit);
        node.put("value", round(value));
        putNullable(node, "baseline", baseline);
        node.put("baselineName", baselineName);
        putNullable(node, "ratio", ratio());
        if (runs == null) {
            node.putNull("runs");
        } else {
            node.put("runs", runs);
        }
        putNullable(node, "p50", p50);
        putNullable(node, "p99", p99);
        if (note != null) {
            node.put("note", note);
        }
        Path file = dir.resolve(name + ".json");
        json.writeValue(file.toFile(), node);
        System.out.printf("BENCH %s: %s %s (baseline %s: %s, ratio %s, runs %s, p50 %s, p99 %s)%n", name,
                round(value), unit, baselineName, baseline == null ? "-" : round(baseline),
                ratio() == null ? "-" : String.format("%.2f", ratio()), runs == null ? "-" : runs,
                p50 == null ? "-" : round(p50), p99 == null ? "-" : round(p99));
        return file;
    }

    /** The q-quantile (0..1) of samples by nearest rank. */
    public static double quantile(List<Double> samples, double q) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static double median(double... samples) {
        return quantile(Arrays.stream(samples).boxed().toList(), 0.5);
    }

    private static void putNullable(ObjectNode node, String field, Double value) {
        if (value == null || value.isNaN()) {
            node.putNull(field);
        } else {
            node.put(field, round(value));
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
