package dev.quarterdeck.sandbox;

/**
 * The seeded dice a sandbox service rolls for each work request: how long it pretends to work, and
 * whether it fails. Every roll is a pure function of (seed, request number), not of a shared generator's
 * state, so N requests give the same latencies and the same number of errors whatever order the threads
 * happen to run in. That is what lets a test assert "about 10 % errors" without ever flaking.
 */
final class RequestDice {
    // A log-normal body around 40 ms (about 22..72 ms for 90 % of requests) plus a thin slow tail, which is
    // what a healthy small web service looks like on a latency histogram.
    private static final double MEDIAN_MILLIS = 40;
    private static final double SIGMA = 0.35;
    private static final double TAIL_SHARE = 0.01;
    private static final double TAIL_MIN_MILLIS = 50;
    private static final double TAIL_SPAN_MILLIS = 200;
    private static final double CAP_MILLIS = 2_000;

    private static final int LATENCY_STREAM = 1;
    private static final int ANGLE_STREAM = 2;
    private static final int TAIL_STREAM = 3;
    private static final int TAIL_SIZE_STREAM = 4;
    private static final int ERROR_STREAM = 5;

    private final long seed;

    RequestDice(long seed) {
        this.seed = seed;
    }

    /** The simulated service time of request {@code n}, before any injected latency. */
    long baselineNanos(long n) {
        // Box-Muller: 1 - u keeps the logarithm's argument in (0, 1].
        double radius = Math.sqrt(-2 * Math.log(1 - uniform(n, LATENCY_STREAM)));
        double normal = radius * Math.cos(2 * Math.PI * uniform(n, ANGLE_STREAM));
        double millis = MEDIAN_MILLIS * Math.exp(SIGMA * normal);
        if (uniform(n, TAIL_STREAM) < TAIL_SHARE) {
            millis += TAIL_MIN_MILLIS + TAIL_SPAN_MILLIS * uniform(n, TAIL_SIZE_STREAM);
        }
        return (long) (Math.min(millis, CAP_MILLIS) * 1_000_000);
    }

    /** Whether request {@code n} is answered with a 500 when the service fails {@code errorRatio} of its work. */
    boolean fails(long n, double errorRatio) {
        return errorRatio > 0 && uniform(n, ERROR_STREAM) < errorRatio;
    }

    /** A uniform double in [0, 1), independent across (n, stream) pairs. */
    double uniform(long n, int stream) {
        long z = mix(seed + n * 0x9E3779B97F4A7C15L + stream * 0xD1B54A32D192ED03L);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finaliser: turns consecutive inputs into statistically independent outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
