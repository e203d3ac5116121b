package dev.quarterdeck.probe;

/**
 * How one scheduled task has fared: runs started, runs finished, and beats missed (skipped because the
 * previous run was still in flight, or no I/O thread was free). {@code started - finished} is 0 or 1.
 */
public record RunCounts(long started, long finished, long missed) {}
