package dev.quarterdeck.sandbox;

import dev.quarterdeck.plan.Track;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, request by request, whether the canary or the stable service answers. The decision is error
 * diffusion, not a coin: after a weight is set, the first N requests send exactly round(N × weight / 100)
 * to the canary, so any run of requests is within one request of the exact share. A release captain who
 * sets 20 % and sends 5,000 requests sees 1,000 on the canary, not "about" 1,000.
 *
 * <p>Lock-free: the weight and the count of requests since it was set live in one {@code long}, so one
 * {@code getAndIncrement} both takes a ticket and reads the weight that ticket belongs to.
 */
final class CanarySplit {
    private static final int WEIGHT_SHIFT = 56;
    private static final long COUNT_MASK = (1L << WEIGHT_SHIFT) - 1;

    private final AtomicLong state = new AtomicLong();

    CanarySplit(int initialWeight) {
        setWeight(initialWeight);
    }

    /** The track that answers the next request. */
    Track next() {
        long ticket = state.getAndIncrement();
        return canaryAt(ticket & COUNT_MASK, (int) (ticket >>> WEIGHT_SHIFT)) ? Track.CANARY : Track.STABLE;
    }

    /** The canary's share in percent, as applied to requests now. */
    int weight() {
        return (int) (state.get() >>> WEIGHT_SHIFT);
    }

    /** Applies a new share at once; the error diffusion starts afresh so the new share is exact from here on. */
    void setWeight(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("canary weight must be 0..100 %, was " + percent);
        }
        state.set((long) percent << WEIGHT_SHIFT);
    }

    /** Whether the request numbered {@code n} (from 0) since the weight was set goes to the canary. */
    static boolean canaryAt(long n, int weight) {
        // Canary requests among the first n: round(n * weight / 100). The (n+1)th goes to the canary when
        // that rounded count steps up. n < 2^56 keeps (n + 1) * 100 well inside a long.
        return ((n + 1) * weight + 50) / 100 > (n * weight + 50) / 100;
    }
}
