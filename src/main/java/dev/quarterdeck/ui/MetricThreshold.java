package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Track;

/**
 * A ceiling from one of the plan's gates, in the chart's unit, drawn as a dashed line: {@code label} reads
 * "canary max 1 %".
 */
public record MetricThreshold(Track track, double value, String label) {}
