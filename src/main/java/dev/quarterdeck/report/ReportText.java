package dev.quarterdeck.report;

import dev.quarterdeck.plan.Durations;
import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.session.GateVerdict;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.GateJudged;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Words and numbers as every format prints them, so the three say the same thing the same way. */
final class ReportText {
    private ReportText() {}

    static String verdict(GateVerdict verdict) {
        return verdict.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String outcome(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Every condition of a judgement with the values it was judged on, as the judge worded them. */
    static String conditions(GateJudged judged) {
        return judged.conditions().stream().map(c -> c.detail().isBlank() ? c.condition() + ": " + outcome(c.outcome())
                : c.detail()).collect(Collectors.joining("; "));
    }

    /** The sandbox's canary faults in words: "10% errors", "200 ms added latency", both, or "none". */
    static String faults(double errorRatio, Duration addedLatency) {
        String errors = errorRatio > 0 ? Metric.ERROR_RATE.format(errorRatio) + " errors" : "";
        String latency = addedLatency.isZero() ? "" : Durations.human(addedLatency) + " added latency";
        return errors.isEmpty() && latency.isEmpty() ? "none" : errors.isEmpty() ? latency
                : latency.isEmpty() ? errors : errors + " and " + latency;
    }

    static String duration(Duration d) {
        return d.isNegative() ? "−" + Durations.human(d.negated()) : Durations.human(d);
    }

    static String duration(Optional<Duration> d) {
        return d.map(ReportText::duration).orElse("not known");
    }

    /** A value in its metric's unit; "—" for NaN where a table wants a dash. */
    static String value(Metric metric, double value) {
        return Double.isNaN(value) ? "—" : metric.format(value);
    }

    /** Times as a report prints them: the zone chosen once, and the date only where the session needs it. */
    static final class Clock {
        private final ZoneId zone;
        private final DateTimeFormatter time;
        private final DateTimeFormatter full = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

        Clock(ZoneId zone, Instant start, Instant end) {
            this.zone = zone;
            boolean oneDay = start.atZone(zone).toLocalDate().equals(end.atZone(zone).toLocalDate());
            this.time = DateTimeFormatter.ofPattern(oneDay ? "HH:mm:ss" : "MM-dd HH:mm:ss", Locale.ROOT);
        }

        /** Within the session: "09:31:15", or "11-23 09:31:15" when the session crosses midnight. */
        String time(Instant at) {
            return at == null ? "—" : time.format(at.atZone(zone));
        }

        String full(Instant at) {
            return at == null ? "—" : full.format(at.atZone(zone));
        }

        /** "UTC", "Europe/Paris". */
        String zone() {
            return zone.getId().equals("Z") ? "UTC" : zone.getId();
        }
    }
}
