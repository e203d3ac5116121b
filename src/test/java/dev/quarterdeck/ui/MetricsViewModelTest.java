package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.SessionEvent.MetricSample;
import dev.quarterdeck.session.SessionEvent.SessionStarted;
import dev.quarterdeck.session.SessionLog;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class MetricsViewModelTest {
    private final ManualClock clock = ManualClock.at("2026-03-02T10:00:00Z");
    private final SessionLog log = SessionLog.inMemory();

    private MetricsViewModel open() {
        FxBridge bridge = new FxBridge(Runnable::run);
        MetricsViewModel metrics = new MetricsViewModel(TestPlans.checkoutApi(), clock, bridge);
        bridge.connect(log);
        return metrics;
    }

    private void canaryErrors(double ratio) {
        log.append(new MetricSample(clock.instant(), Track.CANARY, Metric.ERROR_RATE, ratio, Outcome.PASS, ""));
        clock.advance(Duration.ofSeconds(1));
    }

    private void canaryErrorsMissing(Outcome outcome, String why) {
        log.append(new MetricSample(clock.instant(), Track.CANARY, Metric.ERROR_RATE, Double.NaN, outcome, why));
        clock.advance(Duration.ofSeconds(1));
    }

    private static List<Double> ys(MetricTrace trace) {
        return trace.segments().stream().flatMap(s -> s.points().stream()).map(TracePoint::y).toList();
    }

    @Test
    void no_data_leaves_a_gap_and_says_why_never_a_zero() {
        MetricsViewModel metrics = open();
        canaryErrors(0.004);
        canaryErrors(0.005);
        canaryErrorsMissing(Outcome.NO_DATA, "no canary traffic at 0 %");

        MetricTrace canary = metrics.errorRate().canary();
        assertThat(canary.latestProperty().get()).isEqualTo("canary no data: no canary traffic at 0 % · just now");
        assertThat(canary.latestToneProperty().get()).isEqualTo(Tone.WARNING);

        canaryErrorsMissing(Outcome.ERROR, "scrape timed out");
        assertThat(canary.latestProperty().get()).startsWith("canary error: scrape timed out");
        canaryErrors(0.006);

        assertThat(canary.segments()).hasSize(2);
        assertThat(canary.segments().get(0).points()).hasSize(2);
        assertThat(canary.segments().get(1).points()).hasSize(1);
        assertThat(ys(canary)).containsExactly(0.4, 0.5, 0.6).doesNotContain(0.0);
    }

    @Test
    void the_caption_keeps_no_data_on_one_short_line_and_the_reason_on_its_own() {
        MetricsViewModel metrics = open();
        canaryErrorsMissing(Outcome.NO_DATA,
                "no requests observed by http_request_duration_seconds in the last 15 s");
        MetricTrace canary = metrics.errorRate().canary();

        assertThat(canary.headlineProperty().get()).isEqualTo("canary no data · just now");
        assertThat(canary.reasonProperty().get())
                .isEqualTo("canary no data: no requests observed by http_request_duration_seconds in the last 15 s");

        canaryErrorsMissing(Outcome.ERROR, "");
        assertThat(canary.headlineProperty().get()).isEqualTo("canary error · just now");
        assertThat(canary.reasonProperty().get()).isEmpty();

        canaryErrors(0.004);
        assertThat(canary.headlineProperty().get()).isEqualTo("canary 0.40 % · just now");
        assertThat(canary.reasonProperty().get()).isEmpty();
    }

    @Test
    void a_fresh_session_spans_one_minute_from_its_start_so_its_first_seconds_fill_the_left_of_the_chart() {
        clock.advance(Duration.ofSeconds(20)); // the console opens 20 s into a minute; x counts from 10:00:00
        MetricsViewModel metrics = open();
        MetricChart chart = metrics.errorRate();
        for (int i = 0; i < 15; i++) {
            canaryErrors(0.001);
        }

        assertThat(chart.windowStartProperty().get()).isEqualTo(20.0);
        assertThat(chart.windowEndProperty().get()).isEqualTo(80.0);
        // Both charts reach back to the same moment, so their time axes line up.
        assertThat(metrics.p95Latency().windowStartProperty().get()).isEqualTo(20.0);
        assertThat(metrics.p95Latency().windowEndProperty().get()).isEqualTo(80.0);
    }

    @Test
    void the_axis_grows_with_the_session_from_its_first_sample_to_now_up_to_the_window() {
        MetricsViewModel metrics = open();
        MetricChart chart = metrics.errorRate();
        for (int i = 0; i < 90; i++) {
            canaryErrors(0.001);
        }
        metrics.tick();
        assertThat(chart.windowStartProperty().get()).isEqualTo(0.0);
        assertThat(chart.windowEndProperty().get()).isEqualTo(90.0);

        for (int i = 0; i < 400; i++) {
            canaryErrors(0.001);
        }
        metrics.tick();
        assertThat(chart.windowEndProperty().get()).isEqualTo(490.0);
        assertThat(chart.windowStartProperty().get()).isEqualTo(190.0);
    }

    @Test
    void the_session_start_counts_as_the_axis_start_before_any_sample() {
        clock.advance(Duration.ofSeconds(40));
        MetricsViewModel metrics = open();
        log.append(new SessionStarted(clock.instant().minusSeconds(150), "checkout-api", "2.14.0", "production",
                new Actor("dana")));
        metrics.tick();

        MetricChart chart = metrics.p95Latency();
        assertThat(chart.windowStartProperty().get()).isEqualTo(-110.0);
        assertThat(chart.windowEndProperty().get()).isEqualTo(40.0);
    }

    @Test
    void without_a_start_or_a_sample_the_axis_shows_the_last_minute() {
        clock.advance(Duration.ofSeconds(30));
        MetricsViewModel metrics = open();
        metrics.tick();

        assertThat(metrics.errorRate().windowStartProperty().get()).isEqualTo(-30.0);
        assertThat(metrics.errorRate().windowEndProperty().get()).isEqualTo(30.0);
    }

    @Test
    void tick_labels_are_whole_minutes_on_minute_steps_and_seconds_on_finer_ones() {
        MetricChart chart = open().errorRate();

        assertThat(chart.tickLabel(120, 60)).isEqualTo("10:02");
        assertThat(chart.tickLabel(130, 10)).isEqualTo("10:02:10");
        assertThat(chart.tickLabel(120, 15)).isEqualTo("10:02:00");
        assertThat(chart.tickLabel(125, 10)).isEmpty();
    }

    @Test
    void values_are_shown_in_the_charts_unit_with_their_age() {
        MetricsViewModel metrics = open();
        canaryErrors(0.008);
        log.append(new MetricSample(clock.instant(), Track.STABLE, Metric.P95_LATENCY, 0.182, Outcome.PASS, ""));
        clock.advance(Duration.ofSeconds(2));
        metrics.tick();

        assertThat(metrics.errorRate().canary().latestProperty().get()).isEqualTo("canary 0.80 % · 3 s ago");
        assertThat(metrics.p95Latency().stable().latestProperty().get()).isEqualTo("stable 182 ms · 2 s ago");
        assertThat(ys(metrics.p95Latency().stable())).containsExactly(182.0);
    }

    @Test
    void a_value_over_the_gates_ceiling_turns_its_caption_red() {
        MetricsViewModel metrics = open();
        canaryErrors(0.02);

        assertThat(metrics.errorRate().canary().latestToneProperty().get()).isEqualTo(Tone.DANGER);
    }

    @Test
    void ceilings_come_from_the_plans_gates_for_that_metric_only() {
        MetricsViewModel metrics = open();

        assertThat(metrics.errorRate().thresholds())
                .containsExactly(new MetricThreshold(Track.CANARY, 1.0, "canary max 1.00 %"));
        assertThat(metrics.p95Latency().thresholds())
                .containsExactly(new MetricThreshold(Track.CANARY, 300.0, "canary max 300 ms"));
    }

    @Test
    void abort_rules_that_roll_back_draw_their_ceiling_and_alerting_ones_do_not() throws Exception {
        FxBridge bridge = new FxBridge(Runnable::run);
        MetricsViewModel metrics = new MetricsViewModel(
                dev.quarterdeck.plan.PlanLoader.loadResource(dev.quarterdeck.plan.PlanLoader.BUILT_IN_SANDBOX), clock,
                bridge);

        // sev1 (max 5 %, roll back) is drawn; sev2 (max 1 %, alert) is the gate's line already, and only alerts.
        assertThat(metrics.errorRate().thresholds()).containsExactly(
                new MetricThreshold(Track.CANARY, 1.0, "canary max 1.00 %"),
                new MetricThreshold(Track.CANARY, 5.0, "sev1 rollback 5.00 %", MetricThreshold.Kind.ROLLBACK));
        metrics.close();
    }

    @Test
    void history_is_bounded_to_the_window() {
        MetricsViewModel metrics = open();
        for (int i = 0; i < 600; i++) {
            canaryErrors(0.001);
        }
        MetricChart chart = metrics.errorRate();

        assertThat(chart.windowEndProperty().get() - chart.windowStartProperty().get()).isEqualTo(300.0);
        List<TracePoint> points = chart.canary().segments().get(0).points();
        assertThat(points.size()).isBetween(300, 302);
        assertThat(points.get(0).x()).isGreaterThanOrEqualTo(chart.windowStartProperty().get());

        // A quiet chart forgets too: five minutes without samples leave nothing to draw.
        clock.advance(Duration.ofMinutes(6));
        metrics.tick();
        assertThat(chart.canary().segments()).isEmpty();
    }

    @Test
    void a_batch_of_samples_reaches_the_chart_as_one_change() {
        Queue<Runnable> fx = new ArrayDeque<>();
        FxBridge bridge = new FxBridge(fx::add);
        MetricsViewModel metrics = new MetricsViewModel(TestPlans.checkoutApi(), clock, bridge);
        bridge.connect(log);
        canaryErrors(0.001);
        fx.poll().run();
        AtomicInteger changes = new AtomicInteger();
        metrics.errorRate().canary().segments().get(0).points()
                .addListener((ListChangeListener<TracePoint>) change -> changes.incrementAndGet());

        for (int i = 0; i < 50; i++) {
            canaryErrors(0.002);
        }
        fx.poll().run();

        assertThat(changes).hasValue(1);
        assertThat(metrics.errorRate().canary().segments().get(0).points()).hasSize(51);
    }
}
