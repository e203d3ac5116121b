package dev.quarterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarterdeck.session.Actor;
import dev.quarterdeck.session.ReleaseStage;
import dev.quarterdeck.session.SessionEvent;
import dev.quarterdeck.session.SessionLog;
import dev.quarterdeck.ui.ConsoleContext;
import dev.quarterdeck.ui.ConsoleLauncher;
import dev.quarterdeck.ui.ConsoleWindow;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelReader;
import javafx.scene.input.KeyCode;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.robot.Motion;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A captain at the console over a live session: every command is a click or typed text in the window, as a person
 * sends it, and each waits for what the session recorded in answer. Used by the tests that run the runbook plans
 * from the console.
 */
final class ConsoleCaptain implements AutoCloseable {
    /** Only bounds a broken test; it asserts nothing about speed. */
    private static final long WAIT_SECONDS = RunbookFixtures.DEADLINE.toSeconds();

    private final FxRobot robot;
    private final SessionLog log;
    private final ConsoleWindow window;
    private final ExecutorService io = Executors.newSingleThreadExecutor();

    private ConsoleCaptain(FxRobot robot, LiveSession session, Stage stage, Actor operator) throws Exception {
        this.robot = robot;
        this.log = session.log();
        ConsoleContext context = session.consoleContext(operator, Clock.systemUTC(), ConsoleLauncher.tasksOn(io));
        this.window = WaitForAsyncUtils.asyncFx(() -> {
            ConsoleWindow opened = new ConsoleWindow(context);
            opened.show(stage);
            // Monocle's headless screen is 1280×800: every control on it, so the robot can reach it.
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1280);
            stage.setHeight(800);
            return opened;
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens the console on {@code stage} for {@code session}, driven in the name of {@code operator}. */
    static ConsoleCaptain seat(FxRobot robot, LiveSession session, Stage stage, Actor operator) throws Exception {
        return new ConsoleCaptain(robot, session, stage, operator);
    }

    SessionLog log() {
        return log;
    }

    /** How many events the session has recorded: what a click does comes after. */
    int mark() {
        return log.events().size();
    }

    // ------------------------------------------------------------------------------------------ the checklist

    /** Ticks a manual checklist item with a note: its box, the note typed, Enter. */
    void tick(String item, String note) throws Exception {
        tick(item, note, null);
    }

    /**
     * Ticks an item that asks for evidence: the link or the file's path entered in its evidence field. Enter in
     * either field ticks, as a captain at the keyboard would.
     */
    void tick(String item, String note, String evidence) throws Exception {
        int from = mark();
        // The rows grow and shrink as probe results arrive: a click aimed a moment before may land beside its
        // target, so it is aimed again until the form is open.
        waitFor(() -> {
            click("#check-" + item);
            return shown("#note-" + item);
        });
        TextInputControl noteField = robot.lookup("#note-" + item).queryAs(TextInputControl.class);
        waitFor(noteField::isFocused); // the form gives its note field the keyboard as it opens
        enter(noteField, note);
        if (evidence != null) {
            type("#evidence-" + item, evidence);
        }
        robot.type(KeyCode.ENTER);
        SessionEvent.ChecklistItemMarked marked = await(from, SessionEvent.ChecklistItemMarked.class,
                m -> m.item().equals(item));
        assertThat(marked.done()).isTrue();
        assertThat(marked.note()).isEqualTo(note);
    }

    // ------------------------------------------------------------------------------------------ the banners

    /** Types the protected environment's name into its banner and confirms. */
    void confirm(String environment) throws Exception {
        int from = mark();
        type("#protected-name", environment);
        click("#protected-confirm");
        await(from, SessionEvent.ProtectedEnvironmentConfirmed.class, c -> true);
    }

    /** Records, in the locked banner, who approved unlocking the environment. */
    void unlock(String approver, String note) throws Exception {
        int from = mark();
        click("#record-approval");
        type("#unlock-approver", approver);
        type("#unlock-note", note);
        click("#record-approval-send");
        await(from, SessionEvent.EnvironmentUnlocked.class, u -> u.approver().name().equals(approver));
    }

    // ------------------------------------------------------------------------------------------ the release

    /** Start canary / Advance: returns the start of step {@code step} (0 for the first). */
    SessionEvent.StepStarted advance(int step) throws Exception {
        int from = mark();
        click("#advance");
        return started(from, step);
    }

    /** Advance, refused: the reason the release panel then shows beside Override…. */
    SessionEvent.CommandRefused advanceRefused() throws Exception {
        int from = mark();
        click("#advance");
        return await(from, SessionEvent.CommandRefused.class, r -> r.command().equals("advance")
                || r.command().equals("start the canary"));
    }

    /**
     * Advance, refused (a gate holding its burn-in, a wait), then Override… with the reason typed: returns the
     * override as recorded.
     */
    SessionEvent.OverrideRecorded overrideAdvance(String reason) throws Exception {
        advanceRefused();
        return override(reason);
    }

    /** Override… on the refusal the release panel shows, with {@code reason}. */
    SessionEvent.OverrideRecorded override(String reason) throws Exception {
        int from = mark();
        waitFor(() -> shown("#override"));
        click("#override");
        type("#release-ask-reason", reason);
        click("#release-ask-send");
        SessionEvent.OverrideRecorded recorded = await(from, SessionEvent.OverrideRecorded.class,
                o -> o.reason().equals(reason));
        return recorded;
    }

    /** Accepts what assisted mode proposes (the next step, its gate passed). */
    SessionEvent.StepStarted acceptProposal(int step) throws Exception {
        int from = mark();
        waitFor(() -> shown("#accept-proposal"));
        click("#accept-proposal");
        return started(from, step);
    }

    /** Answers the step waiting for approval in the prompt under the bar: yes, by {@code approver}. */
    void approve(String approver, String note) throws Exception {
        answer(approver, note, "#approve-step", true);
    }

    /** The same, no. */
    void decline(String approver, String note) throws Exception {
        answer(approver, note, "#decline-step", false);
    }

    private void answer(String approver, String note, String button, boolean approved) throws Exception {
        int from = mark();
        waitFor(() -> shown("#approval-prompt"));
        type("#approval-approver", approver);
        type("#approval-note", note);
        click(button);
        SessionEvent.ApprovalAnswered answered = await(from, SessionEvent.ApprovalAnswered.class, a -> true);
        assertThat(answered.approver().name()).isEqualTo(approver);
        assertThat(answered.approved()).isEqualTo(approved);
    }

    void promote() throws Exception {
        click("#promote");
        awaitStage(ReleaseStage.PROMOTED);
    }

    /** The one-click rollback in the top bar. */
    SessionEvent.RollbackStarted rollback() throws Exception {
        int from = mark();
        click("#rollback");
        return await(from, SessionEvent.RollbackStarted.class, r -> true);
    }

    /** Staged rollback… with the reason typed. */
    SessionEvent.RollbackStarted stagedRollback(String reason) throws Exception {
        int from = mark();
        click("#staged-rollback");
        type("#release-ask-reason", reason);
        click("#release-ask-send");
        return await(from, SessionEvent.RollbackStarted.class, r -> true);
    }

    // ------------------------------------------------------------------------------------ what the console says

    /** Waits until the release panel's headline reads {@code headline}. */
    void headline(String headline) throws Exception {
        waitFor(() -> text("#release-headline").equals(headline));
    }

    String text(String query) {
        Node node = robot.lookup(query).query();
        return node instanceof Label label ? label.getText() : ((TextInputControl) node).getText();
    }

    /** Visible, and so is every node above it. */
    boolean shown(String query) {
        return robot.lookup(query).tryQuery().map(node -> {
            for (Node at = node; at != null; at = at.getParent()) {
                if (!at.isVisible()) {
                    return false;
                }
            }
            return true;
        }).orElse(false);
    }

    /** Writes what the window shows now to {@code file} (PNG): for a person to look at. */
    void screenshot(Path file) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> window.scene().snapshot(null))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(png, "png", file.toFile());
    }

    // -------------------------------------------------------------------------------------------- the session

    void awaitStage(ReleaseStage stage) throws Exception {
        await(0, SessionEvent.StageChanged.class, c -> c.stage() == stage);
    }

    SessionEvent.StepStarted started(int from, int step) throws Exception {
        return await(from, SessionEvent.StepStarted.class, s -> s.step() == step);
    }

    /** Step {@code step}'s end, which must be a success. */
    SessionEvent.StepFinished finished(int step) throws Exception {
        SessionEvent.StepFinished finished = await(0, SessionEvent.StepFinished.class, f -> f.step() == step);
        assertThat(finished.succeeded()).as(finished.detail()).isTrue();
        return finished;
    }

    /**
     * The first matching event from the {@code from}-th on. When none comes, what the window showed is written to
     * {@code target/screenshots/failed-TYPE.png} beside the failure.
     */
    <T extends SessionEvent> T await(int from, Class<T> type, Predicate<? super T> matching) throws Exception {
        try {
            return RunbookFixtures.await(log, from, type, matching);
        } catch (AssertionError e) {
            screenshot(Path.of("target", "screenshots", "failed-" + type.getSimpleName() + ".png"));
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------------ the robot

    /** Brings the node into its scroll pane's view, then clicks it; only an enabled, shown control is clicked. */
    void click(String query) throws Exception {
        Node node = robot.lookup(query).query();
        waitFor(() -> shown(query) && !node.isDisabled());
        reveal(node);
        try {
            // Straight there: a mouse gliding across the window arrives late, after rows may have moved.
            robot.clickOn(node, Motion.DIRECT);
        } catch (RuntimeException e) {
            screenshot(Path.of("target", "screenshots", "failed-click-" + query.replaceAll("\\W", "") + ".png"));
            throw e;
        }
        if (node instanceof ButtonBase) {
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /**
     * Clicks a field, again until it has the keyboard, and enters {@code text} in it. The text is put in whole,
     * as a paste would: key by key the robot takes seconds per line and tests nothing more.
     */
    void type(String query, String text) throws Exception {
        TextInputControl field = robot.lookup(query).queryAs(TextInputControl.class);
        waitFor(() -> shown(query));
        reveal(field);
        waitFor(() -> {
            robot.clickOn(field, Motion.DIRECT);
            return field.isFocused();
        });
        enter(field, text);
    }

    private void enter(TextInputControl field, String text) throws Exception {
        robot.interact(() -> field.replaceText(0, field.getLength(), text));
        waitFor(() -> field.getText().equals(text));
    }

    /** Scrolls every scroll pane around {@code node} so that it is in view. */
    private void reveal(Node node) {
        robot.interact(() -> {
            for (Node at = node.getParent(); at != null; at = at.getParent()) {
                if (at instanceof ScrollPane scroll && scroll.getContent() != null) {
                    Node content = scroll.getContent();
                    Bounds inContent = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                    double extra = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
                    if (extra > 0) {
                        double top = Math.max(0, inContent.getMinY() - 24);
                        scroll.setVvalue(Math.min(1, top / extra) * (scroll.getVmax() - scroll.getVmin())
                                + scroll.getVmin());
                    }
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until {@code condition} holds (checked again and again, not slept on). */
    static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
    }

    @Override
    public void close() {
        WaitForAsyncUtils.asyncFx(window::close);
        WaitForAsyncUtils.waitForFxEvents();
        io.shutdownNow();
    }
}
