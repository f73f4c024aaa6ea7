package org.actlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
 * The packaged application submitted with spark-submit to a standalone master and worker on
 * 127.0.0.1 (each its own JVM, as in {@link SparkSweepTest}). Spark's distribution is not needed:
 * bin/spark-submit runs the class {@code org.apache.spark.deploy.SparkSubmit} from spark-core, which
 * is what this test starts, with the jars of actlab-spark/target/lib as SPARK_HOME/jars (docs/SWEEPS.md
 * gives the same commands). The sweep it runs gives the local pool's table.
 */
class SparkSubmitIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void submittedSweepGivesThePoolsTable(@TempDir Path dir) throws Exception {
        Path sparkLib = REPO.resolve("actlab-spark/target/lib");
        Path home = Files.createDirectories(dir.resolve("spark-home/jars"));
        for (Path jar : jars(sparkLib)) {
            if (!jar.getFileName().toString().startsWith("actlab-")) {
                Files.createSymbolicLink(home.resolve(jar.getFileName()), jar);
            }
        }
        int port = SparkSweepTest.freePort();
        String master = "spark://127.0.0.1:" + port;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = home + "/*";
        List<Process> processes = new ArrayList<>();
        try {
            processes.add(SparkSweepTest.start(dir, "master", home.getParent(), java, cp, "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(SparkSweepTest.freePort())));
            processes.add(SparkSweepTest.start(dir, "worker", home.getParent(), java, cp, "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", "2", "--memory", "1g", "--webui-port", String.valueOf(SparkSweepTest.freePort()),
                    "--work-dir", dir.resolve("work").toString(), master));
            SparkSweepTest.awaitLine(dir.resolve("master.log"), "Registering worker", processes);

            // The application: the CLI's jar, and with --jars this module's jar and the CLI's dependencies.
            List<String> extra = new ArrayList<>();
            extra.add(only(REPO.resolve("actlab-spark/target"), "actlab-spark-").toString());
            for (Path jar : jars(REPO.resolve("actlab-cli/target/lib"))) {
                extra.add(jar.toString());
            }
            Path app = only(REPO.resolve("actlab-cli/target"), "actlab-cli-");
            Path out = dir.resolve("submitted");
            List<String> submit = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client",
                    "--class", "org.actlab.cli.Main", "--conf", "spark.driver.host=127.0.0.1",
                    "--conf", "spark.executor.memory=512m", "--jars", String.join(",", extra), app.toString()));
            submit.addAll(List.of(SparkCliIT.SWEEP));
            submit.addAll(List.of("--spark", master, "--out", out.toString()));
            Process driver = SparkSweepTest.start(dir, "submit", home.getParent(), java, cp, "org.apache.spark.deploy.SparkSubmit",
                    submit.toArray(String[]::new));
            processes.add(driver);
            assertTrue(driver.waitFor(300, TimeUnit.SECONDS), "spark-submit finished: " + Files.readString(dir.resolve("submit.log")));
            String log = Files.readString(dir.resolve("submit.log"));
            assertEquals(0, driver.exitValue(), "exit code of spark-submit: " + log);
            assertTrue(log.contains("on Spark " + master), log);
            assertTrue(log.contains("8 trials, 0 diverged or failed"), log);

            SparkCliIT.Run pool = SparkCliIT.actlab(dir, SparkCliIT.sweep(dir.resolve("pool"), "--threads", "2"));
            assertEquals(0, pool.code(), pool.err());
            assertEquals(SweepTable.withoutWallTime(Files.readAllLines(dir.resolve("pool/results.csv"))),
                    SweepTable.withoutWallTime(Files.readAllLines(out.resolve("results.csv"))));
        } finally {
            for (Process p : processes) {
                p.destroyForcibly();
                p.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).map(Path::toAbsolutePath).sorted().toList();
        }
    }

    /** The one main jar of a module's target directory. */
    private static Path only(Path target, String prefix) throws IOException {
        List<Path> found = jars(target).stream().filter(f -> f.getFileName().toString().startsWith(prefix)
                && !f.getFileName().toString().matches(".*-(sources|javadoc|tests)\\.jar")).toList();
        assertEquals(1, found.size(), "one " + prefix + "*.jar in " + target + ": " + found);
        return found.get(0);
    }
}
