package dev.quarterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.plan.AbortRule;
import dev.quarterdeck.plan.PlanLoader;
import dev.quarterdeck.plan.ReleasePlan;
import dev.quarterdeck.probe.MetricsText;
import dev.quarterdeck.probe.Sample;
import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionEvent.AbortTriggered;
import dev.quarterdeck.session.SessionEvent.ChecklistItemMarked;
import dev.quarterdeck.session.SessionEvent.CommandRefused;
import dev.quarterdeck.session.SessionEvent.NoteAdded;
import dev.quarterdeck.session.SessionEvent.RollbackFinished;
import dev.quarterdeck.session.SessionEvent.RollbackStarted;
import dev.quarterdeck.session.SessionEvent.SandboxFaultsChanged;
import dev.quarterdeck.session.SessionEvent.StageChanged;
import dev.quarterdeck.session.SessionEvent.StepStarted;
import dev.quarterdeck.session.SessionEvent.WeightApplied;
import dev.quarterdeck.session.SessionEvent.WeightRequested;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.ui.ConsoleLauncher;
import dev.quarterdeck.ui.ConsoleWindow;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The release end to end, as a captain runs it: the console on the built-in sandbox with real services, real
 * generated load and the real router. The captain ticks the preflight and starts the canary in the console; its
 * first step moves real traffic, and the slider stays within the plan unless overridden. Then the canary turns bad
 * (through the sandbox faults panel), and Quarterdeck rolls it back by itself, with the abort banner up. And the
 * captain exports the session while it is under way: the report says so, holds what the captain noted, and no
 * secret the session knew reaches it.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleEndToEndTest {
    private static final Actor CAPTAIN = new Actor("dana");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The value of a variable whose name says it is a secret: only the session's own redactor knows it. */
    private static final String PLANTED = "qd-planted-7f3a9c41e2";

    private LiveSession session;
    /** Where the session's journal goes: never the real home of whoever runs the tests. */
    private Path home;
    private ConsoleWindow window;
    private final ExecutorService consoleIo = Executors.newSingleThreadExecutor();

    @Start
    void start(Stage stage) throws Exception {
        home = java.nio.file.Files.createTempDirectory("quarterdeck-home");
        ReleasePlan plan = PlanLoader.loadResource(PlanLoader.BUILT_IN_SANDBOX);
        session = LiveSession.open(plan, plan.environments().get(0), CAPTAIN, Clock.systemUTC(),
                Map.of("DEPLOY_TOKEN", PLANTED), home, dev.quarterdeck.rollout.Pacing.standard());
        window = new ConsoleWindow(session.consoleContext(CAPTAIN, Clock.systemUTC(),
                ConsoleLauncher.tasksOn(consoleIo)));
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
    void aCaptainStartsTheCanaryFromTheConsoleAndQuarterdeckRollsABadOneBackByItself(FxRobot robot)
            throws Exception {
        SessionLog log = session.log();
        URI router = session.environment().service("router").orElseThrow();
        await(log, WeightApplied.class, a -> a.percent() == 0);

        // The preflight: the probes pass by themselves; the captain ticks the one manual item, with a note, in the
        // checklist panel.
        CheckBox onCall = robot.lookup(".check-box").queryAllAs(CheckBox.class).stream()
                .filter(box -> box.getText().startsWith("On-call engineer"))
                .findFirst()
                .orElseThrow();
        // The rows grow and shrink as probe results arrive: a click aimed a moment before may land beside its
        // target, so it is aimed again until the form is open; Enter in the note then ticks.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            robot.clickOn(onCall);
            return shown(robot, "#note-on-call-notified");
        });
        typeInto(robot, "#note-on-call-notified", "paged Sam");
        robot.type(KeyCode.ENTER);
        ChecklistItemMarked ticked = await(log, ChecklistItemMarked.class, m -> m.item().equals("on-call-notified"));
        assertThat(ticked.who()).isEqualTo(CAPTAIN);
        assertThat(ticked.note()).isEqualTo("paged Sam");
        await(log, StageChanged.class, c -> c.stage() == ReleaseStage.READY);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> label(robot, "#release-headline").equals("Ready to start the canary"));

        // Start canary, in the console: its first step sends 10 % of traffic, applied once read back.
        robot.clickOn("#advance");
        StepStarted first = await(log, StepStarted.class, s -> s.step() == 0);
        assertThat(first.who()).isEqualTo(CAPTAIN);
        WeightApplied applied = await(log, WeightApplied.class, a -> a.requestedPercent() == 10);
        assertThat(applied.percent()).isEqualTo(10);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> label(robot, "#applied-weight").contains("10 %"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#release-step-1").queryAs(Label.class)
                .getAccessibleText().endsWith(": done"));
        assertThat(label(robot, "#allowed-range")).isEqualTo("the plan allows 0–10 % now");

        // The slider cannot pass the next step without an override: dragging past it asks for a reason, and
        // without one nothing goes to the engine.
        robot.drag(robot.lookup("#canary-weight .thumb").queryAs(Node.class)).moveBy(260, 0).drop();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shown(robot, "#weight-override"));
        robot.clickOn("#weight-override-cancel");
        assertThat(log.events()).noneMatch(e -> e instanceof WeightRequested r && r.percent() > 10);
        assertThat(log.events()).noneMatch(e -> e instanceof CommandRefused r && r.command().startsWith("set weight"));

        // The sandbox's own router now sends that share of the generated load to the canary.
        Map<String, Double> before = routed(router);
        Map<String, Double> after = awaitRouted(router, before, 200);
        double canaryShare = share(before, after, "canary");
        assertThat(canaryShare).isCloseTo(applied.percent() / 100.0, org.assertj.core.data.Offset.offset(0.03));

        // A bad canary, made in the sandbox faults panel: half of its answers become errors.
        Slider errors = robot.lookup("#fault-errors").queryAs(Slider.class);
        Node track = errors.lookup(".track");
        Bounds onScreen = track.localToScreen(track.getBoundsInLocal());
        robot.clickOn(new javafx.geometry.Point2D(onScreen.getMinX() + onScreen.getWidth() * 0.5,
                onScreen.getCenterY()));
        robot.clickOn("#apply-faults");
        SandboxFaultsChanged faults = await(log, SandboxFaultsChanged.class, f -> f.errorRatio() > 0.3);
        assertThat(faults.who()).isEqualTo(CAPTAIN);

        // Quarterdeck sees the Sev1 rule breached and rolls back by itself: nobody clicks Rollback.
        AbortTriggered abort = await(log, AbortTriggered.class, a -> a.severity().equals("sev1"));
        assertThat(abort.response()).isEqualTo(AbortRule.Response.ROLLBACK);
        assertThat(abort.observed()).isGreaterThan(0.05);
        RollbackStarted rollback = await(log, RollbackStarted.class, r -> true);
        assertThat(rollback.who()).isEqualTo(Actor.quarterdeck());
        RollbackFinished finished = await(log, RollbackFinished.class, f -> true);
        assertThat(finished.succeeded()).isTrue();
        assertThat(finished.weight()).isZero();

        // ... and the console says so where nobody can miss it.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shown(robot, "#abort-banner")
                && label(robot, "#abort-banner-text").endsWith("Quarterdeck rolled back automatically"));
        assertThat(label(robot, "#abort-banner-text")).startsWith("SEV1 — canary error-rate ")
                .contains(" breaches ≤ 5%: ");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> label(robot, "#release-headline").equals("Rolled back")
                && label(robot, "#applied-weight").equals("0 %"));

        // No more traffic reaches the canary.
        Map<String, Double> rolledBack = routed(router);
        Map<String, Double> later = awaitRouted(router, rolledBack, 100);
        assertThat(later.get("canary")).isEqualTo(rolledBack.get("canary"));
        assertThat(adminWeight(router)).isZero();
    }

    @Test
    void theCaptainExportsTheSessionSoFarAsAPostmortemAndAsHtml(FxRobot robot) throws Exception {
        await(session.log(), WeightApplied.class, a -> true);
        String note = "canary looks calm; deploy token " + PLANTED + ", Authorization: Bearer plantedBearer0123456789";
        typeInto(robot, "#note", note);
        robot.type(KeyCode.ENTER);
        NoteAdded added = await(session.log(), NoteAdded.class, n -> n.who().equals(CAPTAIN));
        assertThat(added.text()).startsWith("canary looks calm; deploy token ").doesNotContain(PLANTED);

        // The form opens on HTML, to go under ~/.quarterdeck/reports/, named for the plan, environment and start.
        robot.clickOn("#export");
        TextField file = robot.lookup("#export-file").queryAs(TextField.class);
        Path suggested = Path.of(file.getText());
        assertThat(suggested.getParent()).isEqualTo(home.resolve(".quarterdeck/reports"));
        assertThat(suggested.getFileName().toString()).startsWith("sandbox-checkout-sandbox-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-").withZone(ZoneOffset.UTC)
                        .format(session.log().events().get(0).at())).endsWith(".html");

        robot.clickOn("#export-format-md");
        Path markdown = Path.of(file.getText());
        assertThat(markdown.toString()).endsWith(".md");
        long events = export(robot, markdown);
        String report = Files.readString(markdown);
        assertThat(report).startsWith("# Postmortem draft: sandbox-checkout 1.5.0-rc.1 to sandbox")
                .contains("| **Session** | still in progress, not finished: ")
                .contains("canary looks calm; deploy token ")
                .contains("Built from " + events + " events of the session's journal")
                .doesNotContain(PLANTED).doesNotContain("plantedBearer");

        robot.clickOn("#export-format-html");
        Path html = Path.of(file.getText());
        assertThat(html.toString()).endsWith(".html");
        export(robot, html);
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("canary looks calm")
                .doesNotContain(PLANTED).doesNotContain("plantedBearer");
        try (var left = Files.list(markdown.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no part file left behind")
                    .containsExactlyInAnyOrder(markdown.getFileName().toString(), html.getFileName().toString());
        }
    }

    /** Clicks Export, waits until the console says it wrote {@code target}, and returns how many events. */
    private static long export(FxRobot robot, Path target) throws Exception {
        Label status = robot.lookup("#export-status").queryAs(Label.class);
        robot.clickOn("#export-run");
        Pattern wrote = Pattern.compile("Wrote (\\d+) events to " + Pattern.quote(target.toString()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> wrote.matcher(status.getText()).matches());
        Matcher m = wrote.matcher(status.getText());
        assertThat(m.matches()).isTrue();
        assertThat(target).isRegularFile();
        return Long.parseLong(m.group(1));
    }

    /** Clicks a field, again until it has the keyboard, and types into it. */
    private static void typeInto(FxRobot robot, String query, String text) throws Exception {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            robot.clickOn(field);
            return field.isFocused();
        });
        robot.write(text);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> field.getText().equals(text));
    }

    /** Visible, and so is every node above it. */
    private static boolean shown(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(node -> {
            for (Node at = node; at != null; at = at.getParent()) {
                if (!at.isVisible()) {
                    return false;
                }
            }
            return true;
        }).orElse(false);
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
