package dev.quarterdeck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An Xvfb display of its own, so the benchmarks need no screen and disturb none. */
final class VirtualDisplay implements AutoCloseable {
    private final Process xvfb;
    private final String name;

    private VirtualDisplay(Process xvfb, String name) {
        this.xvfb = xvfb;
        this.name = name;
    }

    static VirtualDisplay start() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/Xvfb"))) {
            throw new IllegalStateException("the console benchmarks render real frames on a virtual display: "
                    + "apt-get install -y xvfb");
        }
        int number = 90 + (int) (ProcessHandle.current().pid() % 100);
        String name = ":" + number;
        Process process = new ProcessBuilder("/usr/bin/Xvfb", name, "-screen", "0", "1440x900x24", "-nolisten", "tcp")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Path socket = Path.of("/tmp/.X11-unix/X" + number);
        try {
            Files.createDirectories(socket.getParent());
            FileAppearance.await(socket, java.time.Duration.ofSeconds(10), process::isAlive, () -> true);
        } catch (IllegalStateException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Xvfb did not start on " + name + ": " + e.getMessage(), e);
        }
        return new VirtualDisplay(process, name);
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws InterruptedException {
        xvfb.destroy();
        xvfb.waitFor();
    }
}
