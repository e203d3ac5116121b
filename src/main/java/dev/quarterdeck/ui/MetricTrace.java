package dev.quarterdeck.ui;

import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One track's recent values of one metric, as segments split at missing samples, and a caption with the
 * latest reading and its age: "canary 0.8 % · 2 s ago". Samples of a batch are buffered and added in one
 * change, so the chart does one update per pulse, not one per sample.
 */
public final class MetricTrace {
    private final Track track;
    private final double scale;
    private final DoubleFunction<String> format;
    private final int maxPoints;
    private final double ceiling;
    private final ObservableList<TraceSegment> segments = FXCollections.observableArrayList();
    // One wrapper, kept: a fresh unmodifiable view per call would drop its listeners when collected.
    private final ObservableList<TraceSegment> segmentsView = FXCollections.unmodifiableObservableList(segments);
    private final ReadOnlyStringWrapper latest = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> latestTone = new ReadOnlyObjectWrapper<>(Tone.MUTED);
    private final List<TracePoint> buffered = new ArrayList<>();
    private boolean segmentOpen;
    private double lastX = Double.NEGATIVE_INFINITY;
    private MetricSample lastSample;

    MetricTrace(Track track, double scale, DoubleFunction<String> format, int maxPoints, double ceiling) {
        this.track = track;
        this.ceiling = ceiling;
        this.scale = scale;
        this.format = format;
        this.maxPoints = maxPoints;
        latest.set(track.label() + " · no samples yet");
        headline.set(latest.get());
    }

    /** Takes one sample; nothing reaches the segments before {@link #flush}. */
    void accept(MetricSample sample, double x) {
        if (x < lastX) {
            return; // a late sample would draw the line backwards; the newer one already tells the story
        }
        lastX = x;
        lastSample = sample;
        if (sample.hasValue()) {
            buffered.add(new TracePoint(x, sample.value() * scale));
        } else {
            flushBuffered();
            segmentOpen = false;
        }
    }

    /** Adds buffered points, trims what left the window, and refreshes the caption. */
    void flush(double windowStart, Instant now) {
        flushBuffered();
        while (!segments.isEmpty() && segments.get(0).trimBefore(windowStart)) {
            segments.remove(0);
            if (segments.isEmpty()) {
                segmentOpen = false;
            }
        }
        int total = segments.stream().mapToInt(TraceSegment::size).sum();
        while (total > maxPoints && !segments.isEmpty()) {
            TraceSegment oldest = segments.get(0);
            int excess = total - maxPoints;
            if (oldest.size() <= excess) {
                segments.remove(0);
                total -= oldest.size();
            } else {
                oldest.trimToLast(oldest.size() - excess);
                total = maxPoints;
            }
        }
        refreshCaption(now);
    }

    private void flushBuffered() {
        if (buffered.isEmpty()) {
            return;
        }
        if (!segmentOpen || segments.isEmpty()) {
            segments.add(new TraceSegment());
            segmentOpen = true;
        }
        segments.get(segments.size() - 1).append(List.copyOf(buffered));
        buffered.clear();
    }

    void refreshCaption(Instant now) {
        if (lastSample == null) {
            return;
        }
        String age = Age.ago(lastSample.at(), now);
        if (lastSample.hasValue()) {
            latest.set(track.label() + " " + format.apply(lastSample.value() * scale) + " · " + age);
            headline.set(latest.get());
            reason.set("");
            latestTone.set(lastSample.value() * scale > ceiling ? Tone.DANGER : Tone.NEUTRAL);
        } else {
            String what = lastSample.outcome() == Outcome.ERROR ? "error" : "no data";
            boolean explained = lastSample.detail() != null && !lastSample.detail().isBlank();
            String why = explained ? ": " + lastSample.detail() : "";
            latest.set(track.label() + " " + what + why + " · " + age);
            headline.set(track.label() + " " + what + " · " + age);
            reason.set(explained ? track.label() + " " + what + why : "");
            latestTone.set(Tone.WARNING);
        }
    }

    public Track track() {
        return track;
    }

    /** Unbroken runs of values, oldest first. */
    public ObservableList<TraceSegment> segments() {
        return segmentsView;
    }

    /** "canary 0.8 % · 2 s ago", or why there is no value: "canary no data: no traffic yet · 4 s ago". */
    public ReadOnlyStringProperty latestProperty() {
        return latest.getReadOnlyProperty();
    }

    /**
     * The caption without the reason, short enough for one line: "canary 0.8 % · 2 s ago", "canary no data ·
     * 4 s ago". The fact that there is no value stays in it; the why is {@link #reasonProperty()}.
     */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /**
     * Why the latest sample has no value, for a line of its own that may wrap: "canary no data: no requests
     * observed by http_request_duration_seconds in the last 15 s". Empty while there is a value.
     */
    public ReadOnlyStringProperty reasonProperty() {
        return reason.getReadOnlyProperty();
    }

    /** DANGER above the track's lowest ceiling, WARNING while the latest sample carries no value. */
    public ReadOnlyObjectProperty<Tone> latestToneProperty() {
        return latestTone.getReadOnlyProperty();
    }
}
