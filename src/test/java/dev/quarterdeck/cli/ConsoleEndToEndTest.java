package dev.quarterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.Metric;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.plan.Track;
import dev.quarterdeck.probe.MetricsText;
import dev.quarterdeck.probe.Sample;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.Outcome;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.WeightApplied;
import dev.quarterdeck.session.SessionEvent.WeightRequested;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.ui.ConsoleContext;
import dev.quarterdeck.ui.ConsoleLauncher;
import dev.quarterdeck.ui.ConsoleWindow;
import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The walking skeleton end to end, as a captain uses it: the console on the built-in sandbox with real
 * services, real generated load and the real router; the canary's first step moves real traffic, the slider stays
 * within the plan, and rollback takes it all back.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleEndToEndTest {
    private static final Actor CAPTAIN = new Actor("dana");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LiveSession session;
    /** Where the session's journal goes: never the real home of whoever runs the tests. */
    private Path home;
    private ConsoleWindow window;
    private final ExecutorService consoleIo = Executors.newSingleThreadExecutor();

    @Start
    void start(Stage stage) throws Exception {
        home = java.nio.file.Files.createTempDirectory("quarterdeck-home");
        ReleasePlan plan = PlanLoader.loadResource(PlanLoader.BUILT_IN_SANDBOX);
        session = LiveSession.open(plan, plan.environments().get(0), CAPTAIN, Clock.systemUTC(), Map.of(), home,
                dev.quarterdeck.rollout.Pacing.standard());
        window = new ConsoleWindow(new ConsoleContext(plan, session.environment(), session.log(), session.engine(),
                CAPTAIN, session.sandbox(), Clock.systemUTC(), ConsoleLauncher.tasksOn(consoleIo)));
        window.show(stage);
        // Monocle's headless screen is 1280×800: keep every control on it so the robot can reach it.
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.asyncFx(window::close);
        WaitForAsyncUtils.waitForFxEvents();
        session.close();
        consoleIo.shutdownNow();
    }

    @Test
    void theCanaryMovesRealTrafficAndRollbackTakesItBack(FxRobot robot) throws Exception {
        SessionLog log = session.log();
        URI router = session.environment().service("router").orElseThrow();
        await(log, WeightApplied.class, a -> a.percent() == 0);

        // The preflight: the probes pass by themselves; the captain ticks the one manual item, then starts the
        // canary. Its first step sends 10 % of traffic, applied once read back.
        session.engine().markChecklistItem("on-call-notified", true, CAPTAIN, "paged Sam");
        await(log, SessionEvent.StageChanged.class, c -> c.stage() == ReleaseStage.READY);
        session.engine().advance(CAPTAIN);
        WeightApplied applied = await(log, WeightApplied.class, a -> a.requestedPercent() == 10);
        assertThat(applied.percent()).isEqualTo(10);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> label(robot, "#applied-weight").contains("10 %"));

        // The slider cannot pass the next step without an override: dragging past it asks for a reason, and
        // without one nothing goes to the engine.
        robot.drag(robot.lookup("#canary-weight .thumb").queryAs(Node.class)).moveBy(260, 0).drop();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#weight-override").query().isVisible());
        robot.clickOn("#weight-override-cancel");
        assertThat(log.events()).noneMatch(e -> e instanceof WeightRequested r && r.percent() > 10);
        assertThat(log.events()).noneMatch(e -> e instanceof CommandRefused r && r.command().startsWith("set weight"));

        // The sandbox's own router now sends that share of the generated load to the canary.
        Map<String, Double> before = routed(router);
        Map<String, Double> after = awaitRouted(router, before, 200);
        double canaryShare = share(before, after, "canary");
        assertThat(canaryShare).isCloseTo(applied.percent() / 100.0, org.assertj.core.data.Offset.offset(0.03));
        // ... and the console's charts see canary traffic.
        await(log, SessionEvent.MetricSample.class, s -> s.track() == Track.CANARY
                && s.metric() == Metric.REQUEST_RATE && s.outcome() == Outcome.PASS && s.value() > 0);

        // One click on Rollback: weight 0 read back, shown, and no more traffic to the canary.
        robot.clickOn("#rollback");
        RollbackFinished finished = await(log, RollbackFinished.class, f -> true);
        assertThat(finished.succeeded()).isTrue();
        assertThat(finished.weight()).isZero();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> label(robot, "#applied-weight").contains("0 %"));
        Map<String, Double> rolledBack = routed(router);
        Map<String, Double> later = awaitRouted(router, rolledBack, 100);
        assertThat(later.get("canary")).isEqualTo(rolledBack.get("canary"));
        assertThat(adminWeight(router)).isZero();
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** The router's per-track request counters, from its own /metrics. */
    private static Map<String, Double> routed(URI router) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(router.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<Sample> samples = MetricsText.parse(text);
        return samples.stream()
                .filter(s -> s.name().equals("sandbox_router_requests_total"))
                .collect(Collectors.toMap(s -> s.labels().get("track"), Sample::value));
    }

    /** Waits until at least {@code requests} more requests went through the router. */
    private static Map<String, Double> awaitRouted(URI router, Map<String, Double> since, int requests)
            throws Exception {
        double start = total(since);
        AtomicReference<Map<String, Double>> now = new AtomicReference<>();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            now.set(routed(router));
            return total(now.get()) - start >= requests;
        });
        return now.get();
    }

    private static double share(Map<String, Double> before, Map<String, Double> after, String track) {
        double delta = after.getOrDefault(track, 0.0) - before.getOrDefault(track, 0.0);
        return delta / (total(after) - total(before));
    }

    private static double total(Map<String, Double> counters) {
        return counters.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static int adminWeight(URI router) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(router.resolve("/router/weight")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("weight").asInt(-1);
    }

    private static <T extends SessionEvent> T await(SessionLog log, Class<T> type, Predicate<? super T> matching)
            throws Exception {
        AtomicReference<T> found = new AtomicReference<>();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            log.events().stream().filter(type::isInstance).map(type::cast).filter(matching)
                    .findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }
}
