package dev.quarterdeck.ui;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.application.Platform;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

/**
 * The console: a top bar that always holds the rollback button, under it an automatic abort's alarm, what a
 * rollback asks, the standing banners (read-only, locked, protected, TLS not verified) and Export; environment and
 * checklist on the left; in the middle, read top down, the release control, the gate deciding it and the live
 * charts; traffic and the timeline on the right. Built and used on the FX thread only.
 * Hiding the stage (or {@link #close()}) releases the session subscription and stops the clock.
 */
public final class ConsoleWindow {
    /** Sized for a 1440×900 screen, the smallest a release captain should drive production from. */
    public static final double WIDTH = 1440;
    public static final double HEIGHT = 900;

    private final ToggleSwitch darkTheme = new ToggleSwitch("Dark");

    private final FxBridge bridge;
    private final List<AutoCloseable> models = new ArrayList<>();
    private final Scene scene;
    // Fully named: "Timeline" in this console is the session timeline panel, not an animation.
    private final javafx.animation.Timeline ageTicker;
    private final CompletableFuture<Void> firstFrame = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final ConsoleContext context;
    private Stage stage;
    private final EventHandler<WindowEvent> onHidden = e -> release();

    /** Builds the window's scene, delivering session events through {@code Platform.runLater}. */
    public ConsoleWindow(ConsoleContext context) {
        this(context, Platform::runLater);
    }

    /**
     * Builds the window's scene. {@code fxThread} must run tasks on the FX thread; tests wrap
     * {@code Platform::runLater} to count how often it is asked.
     */
    public ConsoleWindow(ConsoleContext context, Executor fxThread) {
        this.context = Objects.requireNonNull(context, "context");
        bridge = new FxBridge(fxThread);

        EnvironmentViewModel environment = keep(new EnvironmentViewModel(
                context.plan(), context.environment(), context.operator(), bridge));
        ChecklistViewModel checklist = keep(new ChecklistViewModel(
                context.plan().checklistFor(context.environment().name()), context.commands(), context.operator(), context.clock(), bridge));
        MetricsViewModel metrics = keep(new MetricsViewModel(context.plan(), context.clock(), bridge));
        TrafficViewModel traffic = keep(new TrafficViewModel(
                context.plan(), context.environment(), context.commands(), context.operator(), bridge));
        RollbackViewModel rollback = keep(new RollbackViewModel(
                context.environment(), context.commands(), context.operator(), bridge));
        BannersViewModel banners = keep(new BannersViewModel(
                context.environment(), context.commands(), context.operator(), context.clock().getZone(), bridge));
        ReleaseViewModel release = keep(new ReleaseViewModel(
                context.plan(), context.commands(), context.operator(), bridge));
        GateViewModel gate = keep(new GateViewModel(context.plan(), context.clock(), bridge));
        AbortViewModel abort = keep(new AbortViewModel(
                context.plan(), context.commands(), context.operator(), context.clock().getZone(), bridge));
        FollowUpsViewModel followUps = keep(new FollowUpsViewModel(
                context.plan(), context.commands(), context.operator(), context.clock(), bridge));
        TimelineViewModel timeline = keep(new TimelineViewModel(
                context.commands(), context.operator(), context.clock().getZone(), bridge));
        SandboxFaultsViewModel faults = context.sandbox()
                .map(control -> keep(new SandboxFaultsViewModel(control, context.tasks(), bridge)))
                .orElse(null);
        ExportViewModel export = new ExportViewModel(context.export(), context.tasks());

        ChecklistPanel checklistPanel = grow(new ChecklistPanel(checklist));
        // The environment card gets its full height first and the checklist the rest, but never less than room
        // for a few items: in a short window (banners, many facts) the facts scroll instead.
        checklistPanel.setMinHeight(200);
        checklistPanel.setPrefHeight(200);
        VBox left = column(360, new EnvironmentPanel(environment), checklistPanel);
        VBox right = faults == null
                ? column(400, new TrafficPanel(traffic), grow(new TimelinePanel(timeline)))
                : column(400, new TrafficPanel(traffic), grow(new TimelinePanel(timeline)),
                        new SandboxFaultsPanel(faults));
        // The middle is the release: where it stands and what to do, the gate deciding it, then the charts.
        MetricsPanel charts = grow(new MetricsPanel(metrics));
        VBox middle = new VBox(12, new ReleasePanel(release), new GatePanel(gate), new FollowUpsPanel(followUps),
                charts);
        // Fills the column; only in a window shorter than the middle's least height does it scroll, rather than
        // cut the lower chart off.
        ScrollPane middleScroll = new ScrollPane(middle);
        middleScroll.setFitToWidth(true);
        middleScroll.setFitToHeight(true);
        middleScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        middleScroll.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, "qd-column-scroll");
        HBox.setHgrow(middleScroll, Priority.ALWAYS);
        middleScroll.setMinWidth(420);
        // Its width is what the side columns leave, never what its longest line would like: the columns must not
        // jump as the release's words change.
        middleScroll.setPrefWidth(420);
        HBox body = new HBox(12, left, middleScroll, right);
        body.setPadding(new Insets(12));

        BorderPane root = new BorderPane(body);
        // An automatic abort comes first under the bar, across the window; then what a rollback asks, then the
        // standing banners, most blocking first; the captain's own errand (Export) last.
        root.setTop(new VBox(topBar(environment, new RollbackPanel(rollback), export), new AbortPanel(abort),
                new RollbackPromptPanel(rollback), new BannersPanel(banners), new ExportPanel(export)));
        root.getStyleClass().add("qd-root");
        scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(
                ConsoleWindow.class.getResource(ConsoleTheme.STYLESHEET), "quarterdeck.css").toExternalForm());

        ageTicker = new javafx.animation.Timeline(new KeyFrame(Duration.seconds(1), e -> {
            checklist.tick();
            metrics.tick();
            gate.tick();
            followUps.tick();
        }));
        ageTicker.setCycleCount(Animation.INDEFINITE);

        bridge.connect(context.session());
        if (faults != null) {
            faults.load();
        }
    }

    /** Builds the console and shows it on {@code stage}. Call on the FX thread. */
    public static ConsoleWindow open(Stage stage, ConsoleContext context) {
        ConsoleWindow window = new ConsoleWindow(context);
        window.show(stage);
        return window;
    }

    /** Shows the console on {@code stage}; the stage's hiding closes the console. */
    public void show(Stage target) {
        if (stage != null) {
            throw new IllegalStateException("the console is already shown");
        }
        stage = Objects.requireNonNull(target, "stage");
        ConsoleTheme.LIGHT.apply();
        stage.setTitle("Quarterdeck · " + context.plan().metadata().name() + " · " + context.environment().name());
        stage.setScene(scene);
        stage.setMinWidth(1100);
        stage.setMinHeight(700);
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, onHidden);
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                if (stage.isShowing() && !firstFrame.isDone()) {
                    firstFrame.complete(null);
                    // Removing a pulse listener from inside its own call is not safe; one pulse later is.
                    Runnable self = this;
                    Platform.runLater(() -> scene.removePostLayoutPulseListener(self));
                }
            }
        });
        ageTicker.play();
        stage.show();
    }

    /**
     * Completes on the FX thread right after the first pulse that laid out the shown window, whose frame is
     * rendered in the same pulse: the end point of a cold-start measurement.
     */
    public CompletableFuture<Void> firstFrame() {
        return firstFrame;
    }

    /** Switches the console's look, as the Dark switch in the top bar does. Call on the FX thread. */
    public void useTheme(ConsoleTheme theme) {
        darkTheme.setSelected(theme == ConsoleTheme.DARK);
    }

    /** Completes once the console has closed and released the session. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    public Scene scene() {
        return scene;
    }

    /** Hides the window, which releases everything. Call on the FX thread. */
    public void close() {
        if (stage != null && stage.isShowing()) {
            stage.hide();
        } else {
            release();
        }
    }

    private void release() {
        if (closed.isDone()) {
            return;
        }
        ageTicker.stop();
        bridge.close();
        if (stage != null) {
            // A stage may outlive its console (tests reuse one); it must not keep the console reachable.
            stage.removeEventHandler(WindowEvent.WINDOW_HIDDEN, onHidden);
        }
        for (AutoCloseable model : models) {
            try {
                model.close();
            } catch (Exception e) {
                System.getLogger(ConsoleWindow.class.getName())
                        .log(System.Logger.Level.WARNING, "could not release a console panel", e);
            }
        }
        closed.complete(null);
    }

    private Parent topBar(EnvironmentViewModel environment, RollbackPanel rollback, ExportViewModel export) {
        Label brand = new Label("QUARTERDECK");
        brand.getStyleClass().add("qd-brand");
        Label plan = new Label();
        plan.getStyleClass().add(Styles.TITLE_4);
        plan.textProperty().bind(environment.planNameProperty().concat(" ").concat(environment.planVersionProperty()));
        Label arrow = new Label("→");
        arrow.getStyleClass().add(Styles.TEXT_MUTED);
        Label env = new Label();
        env.getStyleClass().add(Styles.TITLE_4);
        env.textProperty().bind(environment.environmentNameProperty());
        Label protectedChip = Cards.chip("PROTECTED");
        protectedChip.getStyleClass().add(Styles.DANGER);
        protectedChip.visibleProperty().bind(environment.protectedEnvironmentProperty());
        protectedChip.managedProperty().bind(protectedChip.visibleProperty());
        Label operator = new Label();
        operator.getStyleClass().add(Styles.TEXT_MUTED);
        operator.textProperty().bind(environment.operatorProperty().concat(" at the helm"));
        // Of everything in the bar the operator's name is the first to give way.
        operator.setMinWidth(0);

        // The plan and the environment must stay readable; a long rollback progress line gives way instead.
        for (Label fixed : List.of(brand, plan, arrow, env)) {
            fixed.setMinWidth(Label.USE_PREF_SIZE);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(rollback, Priority.SOMETIMES);

        ToggleSwitch dark = darkTheme;
        dark.setId("dark-theme");
        dark.setMinWidth(ToggleSwitch.USE_PREF_SIZE);
        dark.selectedProperty().addListener((obs, was, on) -> (on ? ConsoleTheme.DARK : ConsoleTheme.LIGHT).apply());

        Button exportButton = Cards.button("Export…", "export");
        exportButton.setOnAction(e -> export.show());

        HBox bar = new HBox(brand, plan, arrow, env, protectedChip, operator, spacer, rollback,
                new Separator(Orientation.VERTICAL), exportButton, dark);
        bar.getStyleClass().add("qd-top-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        if (context.environment().isProtected()) {
            bar.getStyleClass().add("qd-protected");
        }
        return bar;
    }

    private <T extends AutoCloseable> T keep(T model) {
        models.add(model);
        return model;
    }

    private static <T extends Region> T grow(T node) {
        VBox.setVgrow(node, Priority.ALWAYS);
        return node;
    }

    private static VBox column(double width, Region... panels) {
        VBox column = new VBox(12, panels);
        column.setPrefWidth(width);
        column.setMinWidth(width * 0.8);
        column.setMaxWidth(width);
        return column;
    }
}
