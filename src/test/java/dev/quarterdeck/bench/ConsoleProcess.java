package dev.quarterdeck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A console (or the baseline window) started as its own process on a virtual display, as a user starts it:
 * {@code java -jar target/quarterdeck.jar}. Knows when its first frame was rendered and how much memory it
 * holds.
 */
final class ConsoleProcess implements AutoCloseable {
    private final Process process;
    private final Path firstFrameFile;
    private final long launchedAtMillis;

    private ConsoleProcess(Process process, Path firstFrameFile, long launchedAtMillis) {
        this.process = process;
        this.firstFrameFile = firstFrameFile;
        this.launchedAtMillis = launchedAtMillis;
    }

    /** {@code java -jar target/quarterdeck.jar}: the console on the built-in sandbox. */
    static ConsoleProcess quarterdeck(String display, Path work) throws IOException {
        String jar = System.getProperty("quarterdeck.jar", "target/quarterdeck.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(jar + " is missing: run the benchmarks with ./mvnw -Pbench verify");
        }
        return start(display, work, List.of("-jar", jar));
    }

    /** The bare JavaFX window, from the same jar. */
    static ConsoleProcess bareWindow(String display, Path work) throws IOException {
        String jar = System.getProperty("quarterdeck.jar", "target/quarterdeck.jar");
        String testClasses = System.getProperty("quarterdeck.test.classes", "target/test-classes");
        return start(display, work, List.of("-cp", jar + java.io.File.pathSeparator + testClasses,
                BareJavaFxWindow.class.getName()));
    }

    private static ConsoleProcess start(String display, Path work, List<String> args) throws IOException {
        Path frame = Files.createTempFile(work, "first-frame", ".txt");
        Files.delete(frame);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(work.resolve("console-" + System.nanoTime() + ".out").toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("DISPLAY", display);
        env.put("QUARTERDECK_FIRST_FRAME_FILE", frame.toString());
        long launched = System.currentTimeMillis();
        return new ConsoleProcess(builder.start(), frame, launched);
    }

    /** Milliseconds from launch to the first rendered frame. */
    long awaitFirstFrame(Duration deadline) throws IOException, InterruptedException {
        FileAppearance.await(firstFrameFile, deadline, process::isAlive, () -> {
            try {
                return !Files.readString(firstFrameFile).isBlank();
            } catch (IOException stillBeingWritten) {
                return false;
            }
        });
        return Long.parseLong(Files.readString(firstFrameFile).trim()) - launchedAtMillis;
    }

    /** Lets the process run for {@code duration}; fails if it exits meanwhile. */
    void runFor(Duration duration) throws InterruptedException {
        if (process.waitFor(duration.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the process exited with " + process.exitValue()
                    + " during the measurement");
        }
    }

    /** Resident memory of the process, from /proc, in MiB. */
    double residentMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + process.pid());
    }

    /**
     * Live heap after a full collection, in MiB, through {@code jcmd} of the running JDK: what the console's
     * own data holds, apart from the collector's headroom.
     */
    double liveHeapMiB() throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(process.pid()), "GC.run");
        String info = run(jcmd, Long.toString(process.pid()), "GC.heap_info");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("no heap figure in: " + info);
        }
        return Long.parseLong(used.group(1)) / 1024.0;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** CPU seconds used so far (user + system), from /proc. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
