/**
 * The JavaFX console. Panels ({@code XxxPanel}, nodes built in code) show view models ({@code XxxViewModel},
 * properties and commands, no {@code javafx.scene}); view models read the session only through the one
 * {@link dev.quarterdeck.ui.FxBridge} and act only through {@link dev.quarterdeck.rollout.ReleaseCommands}.
 *
 * <p>From the composition root, on the main thread:
 *
 * <pre>{@code
 * ConsoleContext context = new ConsoleContext(plan, environment, sessionLog, commands, Actor.currentUser(),
 *         Optional.of(sandboxControl), Clock.systemDefaultZone(), TaskExecutor.using(ioPool, Platform::runLater),
 *         sessionExport);
 * ConsoleLauncher.startJavaFx();
 * ConsoleWindow window = ConsoleLauncher.open(context).get();
 * window.firstFrame().thenRun(coldStart::stop);   // FX thread, right after the first pulse
 * window.closed().join();                         // the window was closed and released the session
 * }</pre>
 */
package dev.quarterdeck.ui;
