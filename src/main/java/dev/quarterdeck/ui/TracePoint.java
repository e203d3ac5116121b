package dev.quarterdeck.ui;

/**
 * One plotted metric value: {@code x} is seconds since the chart's origin, {@code y} is in the unit the chart
 * shows (percent, milliseconds).
 */
public record TracePoint(double x, double y) {}
