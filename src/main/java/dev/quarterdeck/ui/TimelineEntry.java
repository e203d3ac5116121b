package dev.quarterdeck.ui;

import java.time.Instant;

/** One line of the timeline: when ("14:03:22"), who, what happened, and how alarming it is. */
public record TimelineEntry(Instant at, String time, String who, String text, Tone tone) {}
