package dev.quarterdeck.probe;

import dev.quarterdeck.session.SessionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Something the {@link ProbeScheduler} runs on an interval: an HTTP probe, one track's metrics scrape, and
 * later a Prometheus query or a Kubernetes read. A new kind of check plugs in by implementing this.
 *
 * <p>Contract: {@link #run()} does its own I/O on the calling (I/O) thread, bounds every call by {@link
 * #timeout()}, never throws for a target's failure (a failure is an {@code ERROR} sample), and timestamps
 * its events from the clock it was given.
 */
public interface ProbeTask {

    /** Unique within a scheduler; shown in counts and logs: the probe id, or {@code metrics canary}. */
    String name();

    /** How often it is due. */
    Duration interval();

    /** The deadline of one run's I/O. */
    Duration timeout();

    /** Runs once, returning what it observed. Blocking is fine: it runs on the I/O pool. */
    List<? extends SessionEvent> run();

    /**
     * The events that record a beat with no observation: the previous run still in flight, no free I/O
     * thread, or a run that crashed. They are {@code ERROR} samples so the timeline and gates see that the
     * target went unobserved, instead of the last good sample silently standing in for it.
     */
    List<? extends SessionEvent> missed(Instant at, String reason);
}
