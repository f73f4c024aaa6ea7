package org.actlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.actlab.lab.sweep.SweepTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands as a user types them: {@code ./actlab sweep ... --spark local[2]} through the real
 * launcher (its class path and JVM options) and the packaged jars, against the same sweep on the local
 * pool. An integration test (failsafe, after package), because the launcher runs target/*.jar.
 */
class SparkCliIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    record Run(int code, String out, String err) {
    }

    static Run actlab(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", REPO.resolve("actlab").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        // The build has just made the jars; the launcher must not start another.
        pb.environment().put("ACTLAB_SKIP_BUILD", "1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./actlab " + String.join(" ", args) + " did not finish in 300 s");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
    }

    static final String[] SWEEP = {"sweep", "--grid", "activation=relu,tanh", "--grid", "lr=0.01,0.1", "--seeds", "2",
        "--data", "xor", "--samples", "40", "--hidden", "4", "--epochs", "3", "--quiet"};

    static String[] sweep(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of(SWEEP));
        args.addAll(List.of("--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void sweepOnSparkLocalGivesThePoolsTable(@TempDir Path dir) throws Exception {
        Run spark = actlab(dir, sweep(dir.resolve("spark"), "--spark", "local[2]"));
        assertEquals(0, spark.code, "exit code; stderr: " + spark.err);
        assertTrue(spark.out.contains(" on Spark local[2]"), spark.out);
        assertTrue(spark.out.contains("8 trials, 0 diverged or failed"), spark.out);
        for (String file : List.of("results.csv", "results.parquet", "report.html", "sweep.json")) {
            assertTrue(Files.size(dir.resolve("spark").resolve(file)) > 0, file + " written");
        }
        try (Stream<Path> trials = Files.list(dir.resolve("spark/trials"))) {
            assertEquals(8, trials.filter(f -> f.toString().endsWith(".json")).count());
        }
        Run pool = actlab(dir, sweep(dir.resolve("pool"), "--threads", "2"));
        assertEquals(0, pool.code, "exit code; stderr: " + pool.err);
        assertTrue(pool.out.contains(" on local pool of 2 thread(s)"), pool.out);
        assertEquals(SweepTable.withoutWallTime(Files.readAllLines(dir.resolve("pool/results.csv"))),
                SweepTable.withoutWallTime(Files.readAllLines(dir.resolve("spark/results.csv"))));
    }

    @Test
    void aBadMasterExitsTwoWithOneLine(@TempDir Path dir) throws Exception {
        Run run = actlab(dir, sweep(dir.resolve("bad"), "--spark", "local[two]"));
        assertEquals(2, run.code, run.err);
        assertEquals(1, run.err.strip().lines().count(), "one line: " + run.err);
        assertTrue(run.err.contains("got 'local[two]'"), run.err);
        assertTrue(Files.notExists(dir.resolve("bad")), "nothing created");
    }
}
