package org.actlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.actlab.lab.sweep.SweepTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {

    private static final String[] TINY = {"--data", "xor", "--samples", "60", "--hidden", "4", "--epochs", "3"};

    private static String[] args(String... more) {
        return Stream.concat(Stream.of("sweep"), Stream.concat(Stream.of(more), Stream.of(TINY))).toArray(String[]::new);
    }

    @Test
    void badSpecsFailWithOneLineAndExit2BeforeAnythingIsWritten(@TempDir Path dir) {
        Path out = dir.resolve("never");
        Cli.run(args("--grid", "activaton=relu", "--out", out.toString())).fails(2, "unknown run option 'activaton'");
        Cli.run(args("--grid", "lr=", "--out", out.toString())).fails(2, "option 'learningRate' has an empty grid");
        Cli.run(args("--grid", "lr=1e-3:1:log1001", "--grid", "l2=0:1:lin1000", "--out", out.toString()))
                .fails(2, "1001000 trials, more than 1000000; give --force");
        Cli.run(args("--grid", "activation=relu,nope", "--out", out.toString())).fails(2, "nope");
        Cli.run("sweep", "--resume", dir.resolve("nothing").toString()).fails(2, "no sweep to resume");
        Cli.run(args("--grid", "activation=relu", "--spark", "yarn", "--out", out.toString()))
                .fails(2, "--spark wants local[N] or spark://host:port, got 'yarn'");
        // The CLI's own class path has no Spark: a clear line, not a stack trace.
        Cli.run(args("--grid", "activation=relu", "--spark", "local[2]", "--out", out.toString()))
                .fails(2, "--spark local[2] needs the actlab-spark module");
        Cli.run(args("--grid", "activation=relu", "--metric", "accuracy", "--out", out.toString()))
                .fails(2, "unknown metric 'accuracy'");
        Cli.run(args("--grid", "activation=relu", "--heatmap", "activation,seed", "--out", out.toString()))
                .fails(2, "heatmap option 'seed' is not swept; swept: activations");
        Cli.run(args("--grid", "activation=relu", "--heatmap", "activation,activation", "--out", out.toString()))
                .fails(2, "two different options");
        Cli.run(args("--grid", "activation=relu", "--heatmap", "activation,lr,l2", "--out", out.toString()))
                .fails(2, "--heatmap takes two swept options, got 3");
        assertFalse(Files.exists(out), "nothing is created for a bad spec");
    }

    @Test
    void writesTheFourOutputs(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("s");
        Cli.Result r = Cli.run(args("--grid", "activation=relu,tanh", "--grid", "lr=0.01:0.1:log2", "--seeds", "2",
                "--threads", "2", "--out", out.toString())).succeeds();
        assertTrue(r.out().contains("8 trials, 0 diverged or failed"), r.out());
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(9, csv.size());
        assertTrue(csv.get(0).startsWith("trial,data,"), csv.get(0));
        for (String name : List.of("results.parquet", "report.html", "sweep.json")) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        assertTrue(r.err().contains("8/8 trials"), "plain progress lines off a terminal: " + r.err());
        // The same directory again is refused: --resume is the way to continue it.
        Cli.run(args("--grid", "activation=relu", "--out", out.toString())).fails(2, "exists and is not empty");
        // Resuming a finished sweep runs nothing and rewrites the same table.
        Cli.run("sweep", "--resume", out.toString()).succeeds();
        assertEquals(csv.subList(0, 1), Files.readAllLines(out.resolve("results.csv")).subList(0, 1));
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("<h2>Heatmap: mean testAccuracy over activations × learningRate</h2>"), report);
        assertTrue(report.contains("<b>testAccuracy</b> (higher is better)"), report);
        // The report's view is chosen on the command line: another metric and the heatmap's axes swapped.
        Cli.run("sweep", "--resume", out.toString(), "--metric", "testLoss", "--heatmap", "lr,activation").succeeds();
        report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("<h2>Heatmap: mean testLoss over learningRate × activations</h2>"), report);
        assertTrue(report.contains("<b>testLoss</b> (lower is better)"), report);
        Cli.run("sweep", "--resume", out.toString(), "--heatmap", "l2").fails(2, "heatmap option 'l2' is not swept");
    }

    /**
     * A real process killed with SIGKILL mid-sweep, then --resume: every trial exactly once, and the
     * table equals an uninterrupted run's (wall time aside).
     */
    @Test
    void killNineThenResumeGivesEveryTrialExactlyOnce(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("killed");
        String[] spec = {"--grid", "activation=relu,tanh,sigmoid,elu", "--grid", "lr=0.3,0.1,0.03,0.01", "--seeds", "4",
            "--data", "xor", "--samples", "200", "--hidden", "8,8", "--epochs", "30"};
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "org.actlab.cli.Main", "sweep", "--threads", "2", "--quiet", "--out", out.toString()));
        command.addAll(List.of(spec));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        Path trials = out.resolve("trials");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (count(trials) < 10 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the sweep should still be running when killed; log: " + Files.readString(dir.resolve("log")));
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, nothing flushed
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by signal 9");
        int before = count(trials);
        assertTrue(before < 64, "killed midway, " + before + " of 64 done");
        assertFalse(Files.exists(out.resolve("results.csv")));

        Cli.Result resumed = Cli.run("sweep", "--resume", out.toString(), "--threads", "2").succeeds();
        assertTrue(resumed.err().contains("resuming: " + before + " of 64"), resumed.err());
        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(65, rows.size());
        for (int i = 0; i < 64; i++) {
            assertTrue(rows.get(i + 1).startsWith(i + ","), "trial " + i + " once, in order: " + rows.get(i + 1));
        }
        Path fresh = dir.resolve("fresh");
        List<String> freshArgs = new ArrayList<>(List.of("sweep", "--threads", "2", "--quiet", "--out", fresh.toString()));
        freshArgs.addAll(List.of(spec));
        Cli.run(freshArgs.toArray(String[]::new)).succeeds();
        assertEquals(SweepTable.withoutWallTime(Files.readAllLines(fresh.resolve("results.csv"))), SweepTable.withoutWallTime(rows));
    }

    /** A bad hot-spin property: one line naming the value, exit 2, and no sweep directory. */
    @Test
    void aBadPoolPropertyIsOneLineAndCreatesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("never");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dactlab.pool.hotMicros=soon", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "org.actlab.cli.Main", "sweep", "--grid", "lr=0.1,0.3", "--data", "xor", "--epochs", "1", "--quiet", "--out", out.toString())
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
        List<String> lines = Files.readAllLines(dir.resolve("stderr")).stream()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
        assertEquals(2, p.exitValue(), "exit code; stderr: " + lines);
        assertEquals(List.of("actlab: actlab.pool.hotMicros must be a whole number of microseconds in 0..10000000, got 'soon'"), lines);
        assertFalse(Files.exists(out), "nothing created");
    }

    private static int count(Path trials) throws Exception {
        if (!Files.isDirectory(trials)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(trials)) {
            return (int) files.filter(f -> f.getFileName().toString().matches("\\d+\\.json")).count();
        }
    }
}
