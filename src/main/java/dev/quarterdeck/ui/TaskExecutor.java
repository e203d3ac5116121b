package dev.quarterdeck.ui;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Runs work that may do I/O (the sandbox's admin API, for one) off the FX thread and hands the result back on
 * it. The console never blocks its FX thread; tests pass {@link #sameThread()} so they need no threads at all.
 */
public interface TaskExecutor {

    /**
     * Runs {@code work} in the background, then {@code onDone} with its result or {@code onFailed} with what it
     * threw, both on the FX thread.
     */
    <T> void run(Callable<? extends T> work, Consumer<? super T> onDone, Consumer<? super Exception> onFailed);

    /** Runs everything at once on the calling thread: for tests. */
    static TaskExecutor sameThread() {
        return new TaskExecutor() {
            @Override
            public <T> void run(
                    Callable<? extends T> work, Consumer<? super T> onDone, Consumer<? super Exception> onFailed) {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    onFailed.accept(e);
                    return;
                }
                onDone.accept(result);
            }
        };
    }

    /**
     * Runs work on {@code io} and answers on {@code fxThread} ({@code Platform::runLater}). The caller owns
     * {@code io} and shuts it down.
     */
    static TaskExecutor using(ExecutorService io, Executor fxThread) {
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(fxThread, "fxThread");
        return new TaskExecutor() {
            @Override
            public <T> void run(
                    Callable<? extends T> work, Consumer<? super T> onDone, Consumer<? super Exception> onFailed) {
                io.execute(() -> {
                    T result;
                    try {
                        result = work.call();
                    } catch (Exception e) {
                        fxThread.execute(() -> onFailed.accept(e));
                        return;
                    }
                    fxThread.execute(() -> onDone.accept(result));
                });
            }
        };
    }
}
