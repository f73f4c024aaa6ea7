package org.actlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.actlab.lab.experiment.TrialExecutor;
import org.actlab.lab.sweep.Sweep;
import org.actlab.lab.sweep.SweepSpec;
import org.actlab.lab.sweep.SweepStore;
import org.actlab.lab.sweep.SweepTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps on Spark give the local pool's table, embedded and on a real standalone cluster. */
class SparkSweepTest {

    /** Tiny trials, two of them on a CSV file that only the driver can read by its path. */
    private static SweepSpec spec(Path csv) {
        return SweepSpec.fromFlags(Map.of("samples", "60", "hidden", "4", "epochs", "3"),
                List.of("data=xor," + csv, "activation=relu,tanh"), 0, 1, 2, false);
    }

    private static Path csv(Path dir) throws IOException {
        StringBuilder s = new StringBuilder("x1,x2,y\n");
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 80; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            s.append(a).append(',').append(b).append(',').append(a * b > 0 ? 1 : 0).append('\n');
        }
        Path file = dir.resolve("points.csv");
        Files.writeString(file, s.toString());
        return file;
    }

    private static SweepTable sweep(Path dir, SweepSpec spec, TrialExecutor executor) {
        return Sweep.run(SweepStore.create(dir, spec), executor, Sweep.Listener.none());
    }

    @Test
    void localSparkGivesThePoolsTable(@TempDir Path dir) throws Exception {
        SweepSpec spec = spec(csv(dir));
        SweepTable pool = sweep(dir.resolve("pool"), spec, TrialExecutor.pool(2));
        SweepTable spark;
        try (SparkTrialExecutor executor = SparkTrialExecutor.connect("local[2]")) {
            spark = sweep(dir.resolve("spark"), spec, executor);
        }
        assertEquals(8, spark.rows().size());
        assertEquals(pool.csv(false), spark.csv(false));
        int error = spark.column("error");
        spark.rows().forEach(r -> assertEquals("", r.get(error), "trial ran: " + r));
    }

    @Test
    void badMasterIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkTrialExecutor.connect("yarn"))
                .getMessage().contains("got 'yarn'"));
    }

    /**
     * Holds up the first attempt of one trial (after the trial ran) until Spark gives up on it, and
     * marks every attempt in a directory as {@code index-attempt-host}, so the test sees which attempts
     * ran where. The hold ends when the attempt is killed (another attempt succeeded) or after 120 s.
     */
    record SlowFirstAttempt(String marks, int slow) implements SparkTrialExecutor.TaskProbe {
        @Override
        public void beforeTrial(int index, int attempt) throws IOException {
            String host = org.apache.spark.SparkEnv.get().blockManager().blockManagerId().host();
            Files.createFile(Path.of(marks, index + "-" + attempt + "-" + host));
        }

        @Override
        public void afterTrial(int index, int attempt) throws InterruptedException {
            if (index == slow && attempt == 0) {
                Thread.sleep(120_000);
            }
        }
    }

    /**
     * A standalone master and two workers, on 127.0.0.1 and 127.0.0.2 (a loopback alias; Spark never
     * runs a speculative copy on the host of the attempt it doubles), each its own JVM started from
     * Spark's Master and Worker classes; the workers' SPARK_HOME/jars holds the dependency jars, and the
     * driver ships actlab's jars (including this module's, packed from target/classes, and the test's
     * probe) with spark.jars. Speculation is on and one trial's first attempt hangs after its trial ran,
     * so Spark launches a duplicate on the other worker: the test checks that the duplicate really ran
     * (on the other host), that every trial is committed exactly once, and that the table is the pool's.
     */
    @Test
    void standaloneClusterWithASpeculativeDuplicateGivesThePoolsTable(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("spark-home/jars"));
        List<String> classpath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        for (String entry : classpath) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p) && !p.getFileName().toString().startsWith("actlab-")) {
                Files.createSymbolicLink(home.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
        List<String> actlab = new ArrayList<>();
        for (String entry : classpath) {
            Path p = Path.of(entry);
            if (p.getFileName().toString().startsWith("actlab-") && entry.endsWith(".jar")) {
                actlab.add(p.toAbsolutePath().toString());
            }
        }
        actlab.add(jar(Path.of("target/classes"), dir.resolve("actlab-spark.jar")).toString());
        actlab.add(jar(Path.of("target/test-classes"), dir.resolve("actlab-spark-tests.jar")).toString());
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = home.toString() + "/*";
        List<Process> processes = new ArrayList<>();
        try {
            processes.add(start(dir, "master", home.getParent(), java, cp, "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())));
            for (String host : List.of("127.0.0.1", "127.0.0.2")) {
                processes.add(start(dir, "worker-" + host, home.getParent(), java, cp, "org.apache.spark.deploy.worker.Worker",
                        "--host", host, "--cores", "1", "--memory", "1g", "--webui-port", String.valueOf(freePort()),
                        "--work-dir", dir.resolve("work-" + host).toString(), master));
            }
            // JVM start-up is slow on a loaded machine: wait for both workers to register with the master.
            awaitLines(dir.resolve("master.log"), "Registering worker", 2, processes);
            SweepSpec spec = spec(csv(dir));
            SweepTable pool = sweep(dir.resolve("pool"), spec, TrialExecutor.pool(2));
            Path marks = Files.createDirectories(dir.resolve("marks"));
            int[] committed = new int[spec.trials().size()];
            SweepTable cluster;
            try (SparkTrialExecutor executor = SparkTrialExecutor.connect(master, Map.of("spark.jars", String.join(",", actlab),
                    "spark.executor.memory", "512m", "spark.driver.host", "127.0.0.1",
                    // Speculate as soon as half the tasks are done and a task runs longer than the median, checked every 100 ms.
                    "spark.speculation", "true", "spark.speculation.interval", "100ms", "spark.speculation.quantile", "0.5",
                    "spark.speculation.multiplier", "1", "spark.speculation.minTaskRuntime", "100ms"))) {
                executor.probe(new SlowFirstAttempt(marks.toString(), 0));
                cluster = Sweep.run(SweepStore.create(dir.resolve("cluster"), spec), executor, new Sweep.Listener() {
                    @Override
                    public void started(int total, int alreadyDone) {
                    }

                    @Override
                    public void finished(int index, org.actlab.lab.experiment.TrialResult result, int done, int total) {
                        committed[index]++;
                    }
                });
            }
            List<String> attempts;
            try (Stream<Path> files = Files.list(marks)) {
                attempts = files.map(f -> f.getFileName().toString()).sorted().toList();
            }
            // Trial 0 ran twice, once per host: its hung first attempt, and the speculative copy that finished first.
            List<String> slow = attempts.stream().filter(a -> a.startsWith("0-")).toList();
            assertEquals(2, slow.size(), "attempts of trial 0: " + attempts);
            assertTrue(slow.get(0).startsWith("0-0-") && slow.get(1).startsWith("0-1-"), "attempts of trial 0: " + attempts);
            assertTrue(!slow.get(0).substring(4).equals(slow.get(1).substring(4)), "the copy ran on the other host: " + attempts);
            for (int i = 0; i < committed.length; i++) {
                assertEquals(1, committed[i], "trial " + i + " committed once");
            }
            try (Stream<Path> files = Files.list(dir.resolve("cluster").resolve("trials"))) {
                assertEquals(committed.length, files.filter(f -> f.toString().endsWith(".json")).count());
            }
            assertEquals(pool.csv(false), cluster.csv(false));
        } finally {
            for (Process p : processes) {
                p.destroyForcibly();
                p.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    static void awaitLine(Path log, String text, List<Process> processes) throws Exception {
        awaitLines(log, text, 1, processes);
    }

    /** Waits until {@code log} holds {@code text} {@code times} times (120 s at most). */
    static void awaitLines(Path log, String text, int times, List<Process> processes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).split(java.util.regex.Pattern.quote(text), -1).length > times) {
                return;
            }
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new AssertionError("a Spark daemon exited: " + Files.readString(log));
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not " + times + " × '" + text + "' in " + log + " after 120 s: " + Files.readString(log));
    }

    static Process start(Path dir, String name, Path sparkHome, String java, String cp, String main, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        command.addAll(SparkTrialExecutor.jvmOptions());
        command.addAll(List.of("-cp", cp, main));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
