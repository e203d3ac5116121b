package dev.quarterdeck.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments under heavy appending: a child JVM ({@link JournalHammer}) appends from four
 * threads and prints each sequence number once its append has returned; this test kills it (SIGKILL) after
 * a random number of those acknowledgements (zero: while it starts or recovers), then reads the journal:
 * every acknowledged event must be there, at its sequence number, and the only damage allowed is a torn last
 * line. Each journal goes through {@value #RUNS_PER_JOURNAL} kills in a row, so the child also recovers what
 * the last kill left and appends after it. Two children run at once (one per core).
 *
 * <p>No timing decides anything: the kill follows the child's own output. The seed is in every failure
 * message; {@code -Dquarterdeck.kill.seed=N} replays a run, {@code -Dquarterdeck.kill.runs=N} changes the count.
 */
class JournalKillTest {
    private static final int RUNS_PER_JOURNAL = 10;
    private static final int MAX_ACKS_BEFORE_KILL = 400;

    @TempDir
    Path dir;

    private record Run(int journal, int run, int killAfter) {}

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, not a measurement
    void noAcknowledgedEventIsLostWhenTheProcessIsKilledAtARandomMoment() throws Exception {
        int runs = Integer.getInteger("quarterdeck.kill.runs", 100);
        long seed = Long.getLong("quarterdeck.kill.seed", System.nanoTime());
        Random random = new Random(seed);
        int journals = Math.max(1, runs / RUNS_PER_JOURNAL);
        List<List<Run>> lanes = new ArrayList<>();
        for (int j = 0; j < journals; j++) {
            List<Run> lane = new ArrayList<>();
            for (int r = 0; r < RUNS_PER_JOURNAL && j * RUNS_PER_JOURNAL + r < runs; r++) {
                lane.add(new Run(j, r, random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(MAX_ACKS_BEFORE_KILL)));
            }
            lanes.add(lane);
        }
        List<String> jvm = childJvm();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (List<Run> lane : lanes) {
                results.add(pool.submit(() -> runLane(jvm, lane, seed, watchdog)));
            }
            int killed = 0;
            for (Future<Integer> result : results) {
                killed += result.get();
            }
            assertThat(killed).as("children killed (seed %d)", seed).isEqualTo(runs).isGreaterThanOrEqualTo(
                    Math.min(runs, 100));
        } finally {
            pool.shutdownNow();
            watchdog.shutdownNow();
        }
    }

    /** One journal through several kills; returns how many children were killed. */
    private int runLane(List<String> jvm, List<Run> lane, long seed, ScheduledExecutorService watchdog)
            throws Exception {
        Path file = dir.resolve("journal-" + lane.get(0).journal() + ".jsonl");
        Map<Long, String> acknowledged = new HashMap<>();
        for (Run run : lane) {
            String where = "seed " + seed + ", journal " + run.journal() + ", run " + run.run() + ", kill after "
                    + run.killAfter() + " acks";
            Map<Long, String> acks = killChild(jvm, file, run, watchdog, where);
            for (Map.Entry<Long, String> ack : acks.entrySet()) {
                assertThat(acknowledged.put(ack.getKey(), ack.getValue())).as("%s: sequence %d acknowledged twice",
                        where, ack.getKey()).isNull();
            }
            checkJournal(file, acknowledged, where);
        }
        try (SessionJournal last = Files.exists(file) ? SessionJournal.open(file, Redactor.standard())
                : SessionJournal.create(file, Redactor.standard())) {
            assertThat(last.recovery().onlyTornTail()).as(last.recovery().describe()).isTrue();
        }
        checkJournal(file, acknowledged, "seed " + seed + ", after the last recovery");
        return lane.size();
    }

    /**
     * How a child is started: quick start-up flags; a class path of Jackson and our classes only (looking a
     * class up through a hundred jars costs a third of a start), the classes packed in a jar; and a
     * class-data archive written by one warm-up child that exits normally (an archive needs jars, not
     * folders). Together they about halve a start, which is most of a run.
     */
    private List<String> childJvm() throws Exception {
        List<String> jars = new ArrayList<>();
        Path classes = dir.resolve("classes.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(classes))) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (Files.isDirectory(path)) {
                    pack(path, jar);
                } else if (path.getFileName().toString().startsWith("jackson-")) {
                    jars.add(entry);
                }
            }
        }
        jars.add(0, classes.toString());
        List<String> jvm = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx256m",
                "-cp", String.join(File.pathSeparator, jars)));
        Path archive = dir.resolve("hammer.jsa");
        List<String> warmUp = new ArrayList<>(jvm);
        warmUp.add(1, "-XX:ArchiveClassesAtExit=" + archive);
        warmUp.addAll(List.of(JournalHammer.class.getName(), dir.resolve("warm-up.jsonl").toString(), "4", "warm-up"));
        Path output = dir.resolve("warm-up.out");
        Process process = new ProcessBuilder(warmUp).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the warm-up child ended").isTrue();
        assertThat(process.exitValue()).as("the warm-up child: %s", Files.readString(output)).isZero();
        jvm.add(1, Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive : "-Xshare:auto");
        return jvm;
    }

    private static void pack(Path root, JarOutputStream jar) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = root.relativize(file).toString().replace(File.separatorChar, '/');
                jar.putNextEntry(new JarEntry(name));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
    }

    /** Every acknowledged event at its sequence number; sequence numbers without gaps; at most a torn tail. */
    private static void checkJournal(Path file, Map<Long, String> acknowledged, String where) throws IOException {
        if (!Files.exists(file)) {
            assertThat(acknowledged).as("%s: killed before the journal was created", where).isEmpty();
            return;
        }
        Map<Long, SessionEvent> found = new LinkedHashMap<>();
        RecoveryReport report = SessionJournal.read(file, e -> found.put(e.sequence(), e.event()));
        assertThat(report.onlyTornTail()).as("%s: %s", where, report.describe()).isTrue();
        assertThat(found.keySet()).as("%s: gapless sequence", where)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, found.size()).boxed().toList());
        for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
            SessionEvent event = found.get(ack.getKey());
            assertThat(event).as("%s: acknowledged sequence %d is missing from %s", where, ack.getKey(), file)
                    .isNotNull();
            assertThat(JournalHammer.keyOf(event)).as("%s: sequence %d", where, ack.getKey()).isEqualTo(ack.getValue());
        }
    }

    /** Starts a child, kills it after {@code killAfter} acknowledgements, returns every one it printed. */
    private Map<Long, String> killChild(List<String> jvm, Path file, Run run, ScheduledExecutorService watchdog,
            String where) throws Exception {
        Path errors = dir.resolve("child-" + run.journal() + "-" + run.run() + ".err");
        List<String> command = new ArrayList<>(jvm);
        command.addAll(List.of(JournalHammer.class.getName(), file.toString(), "4"));
        Process child = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        // Only a child that stops making progress is killed by this; the test then fails on what it printed.
        Future<?> guard = watchdog.schedule(() -> kill(child), 60, TimeUnit.SECONDS);
        Map<Long, String> acks = new LinkedHashMap<>();
        boolean ready = false;
        try (InputStream out = child.getInputStream()) {
            if (run.killAfter() == 0) {
                kill(child);
            }
            for (String line = readLine(out); line != null; line = readLine(out)) {
                if (line.equals("ready")) {
                    ready = true;
                    continue;
                }
                String[] parts = line.split(" ", 2);
                acks.put(Long.parseLong(parts[0]), parts[1]);
                if (acks.size() == run.killAfter()) {
                    kill(child);
                }
            }
        } finally {
            guard.cancel(false);
        }
        int exit = child.waitFor();
        String stderr = Files.readString(errors, StandardCharsets.UTF_8);
        assertThat(exit).as("%s: the child must die of SIGKILL, not by itself; its stderr:%n%s", where, stderr)
                .isEqualTo(137);
        if (run.killAfter() > 0) {
            assertThat(ready).as("%s: the child never opened the journal; its stderr:%n%s", where, stderr).isTrue();
            assertThat(acks.size()).as("%s: acknowledgements", where).isGreaterThanOrEqualTo(run.killAfter());
        }
        return acks;
    }

    /**
     * SIGKILL, through the process handle: {@code Process.destroyForcibly} would also close our end of the
     * child's output, and the acknowledgements it printed just before dying would go unread.
     */
    private static void kill(Process child) {
        child.toHandle().destroyForcibly();
    }

    /** One complete line, or null at the end; a last line cut off by the kill is not a line. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }
}
