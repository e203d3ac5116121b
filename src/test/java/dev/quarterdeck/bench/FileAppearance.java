package dev.quarterdeck.bench;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits, without polling on a timer, for a file to appear (and be written) in its directory. */
final class FileAppearance {
    private FileAppearance() {}

    /**
     * Returns once {@code file} exists and {@code ready} holds, or throws after {@code deadline}, or as soon as
     * {@code stillWorthWaiting} says the writer is gone.
     */
    static void await(Path file, Duration deadline, BooleanSupplier stillWorthWaiting, BooleanSupplier ready)
            throws IOException, InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            while (!(Files.exists(file) && ready.getAsBoolean())) {
                if (!stillWorthWaiting.getAsBoolean()) {
                    throw new IllegalStateException("gave up waiting for " + file + ": its writer is gone");
                }
                long left = until - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no " + file + " within " + deadline);
                }
                var key = watcher.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)), TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }
}
