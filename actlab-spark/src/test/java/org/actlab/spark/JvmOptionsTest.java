package org.actlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's JVM options are written once, in jvm-options.properties, and its four readers get the same
 * list: this test JVM (the pom), SparkTrialExecutor (executors), ./actlab with --spark and
 * bench/sweep-bench.sh (run here with a stand-in java that prints its arguments).
 */
class JvmOptionsTest {

    private static final String FILE = "actlab-spark/src/main/resources/org/actlab/spark/jvm-options.properties";

    @TempDir
    Path root;

    @Test
    void theListHoldsEverySparkOption() {
        List<String> ours = SparkTrialExecutor.jvmOptions();
        for (String option : JavaModuleOptions.defaultModuleOptionArray()) {
            assertTrue(ours.contains(option), "Spark's " + option + " is in " + FILE);
        }
        assertTrue(ours.contains("-Djdk.reflect.useDirectMethodHandle=false"));
        assertEquals(ours.size(), ours.stream().distinct().count(), "no option twice: " + ours);
    }

    @Test
    void theBuildGaveThisJvmTheList() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(Collections.indexOfSubList(args, SparkTrialExecutor.jvmOptions()) >= 0,
                "the surefire JVM's arguments hold the list in order: " + args);
    }

    @Test
    void theLauncherPassesTheListForSparkOnly() throws Exception {
        layout();
        List<String> options = SparkTrialExecutor.jvmOptions();
        List<String> spark = run(List.of("bash", root.resolve("actlab").toString(), "sweep", "--spark", "local[2]"));
        assertTrue(Collections.indexOfSubList(spark, options) >= 0, "./actlab sweep --spark passes the list: " + spark);
        assertTrue(spark.stream().anyMatch(a -> a.contains("actlab-spark-0.jar")), "and Spark's jars: " + spark);
        List<String> plain = run(List.of("bash", root.resolve("actlab").toString(), "functions"));
        assertFalse(plain.stream().anyMatch(a -> a.startsWith("--add-opens") || a.contains("actlab-spark")),
                "no Spark options or jars without --spark: " + plain);
    }

    @Test
    void theBenchScriptPassesTheList() throws Exception {
        layout();
        List<String> args = run(List.of("bash", root.resolve("bench/sweep-bench.sh").toString(), "100"));
        assertTrue(Collections.indexOfSubList(args, SparkTrialExecutor.jvmOptions()) >= 0, "the bench passes the list: " + args);
        assertTrue(args.contains("org.actlab.spark.SweepBench"), String.valueOf(args));
    }

    /** The repository's launcher, bench script and options file, with empty jars and stand-ins for java and mvn. */
    private void layout() throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        copy(repo.resolve("actlab"), root.resolve("actlab"));
        copy(repo.resolve("bench/sweep-bench.sh"), root.resolve("bench/sweep-bench.sh"));
        copy(repo.resolve(FILE), root.resolve(FILE));
        Files.createDirectories(root.resolve("actlab-cli/target/lib"));
        Files.createFile(root.resolve("actlab-cli/target/actlab-cli-0.jar"));
        Files.createDirectories(root.resolve("actlab-spark/target/lib"));
        Files.createFile(root.resolve("actlab-spark/target/actlab-spark-0.jar"));
        script(root.resolve("bin/java"), "#!/usr/bin/env bash\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        script(root.resolve("bin/mvn"), "#!/usr/bin/env bash\nexit 0\n");
    }

    private List<String> run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("JAVA_HOME", root.toString());
        pb.environment().put("ACTLAB_SKIP_BUILD", "1");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("ACTLAB_JAVA_OPTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished: " + command);
        assertEquals(0, p.exitValue(), "exit code of " + command + ": " + out);
        return new ArrayList<>(out.lines().toList());
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static void script(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
