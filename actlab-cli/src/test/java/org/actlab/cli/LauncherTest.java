package org.actlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./actlab} launcher as a subprocess, in a copy of the repository layout with a stand-in
 * {@code mvn} (which fails if two builds overlap) and a stand-in {@code java} (which reports its pid).
 */
class LauncherTest {

    @TempDir
    Path root;

    private Path launcher;

    @BeforeEach
    void layout() throws IOException {
        launcher = root.resolve("actlab");
        Files.copy(Path.of("..", "actlab"), launcher);
        executable(launcher);
        Files.createDirectories(root.resolve("actlab-cli/target/lib"));
        Files.createDirectories(root.resolve("actlab-core/src/main"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.createDirectories(root.resolve("bin"));
        // The build: refuses to overlap with another, takes a while, then makes the jar.
        script("bin/mvn", "#!/usr/bin/env bash\n"
                + "set -e\n"
                + "echo build >> \"" + root.resolve("builds") + "\"\n"
                + "if ! mkdir \"" + root.resolve("building") + "\" 2>/dev/null; then echo 'two builds at once' >&2; exit 1; fi\n"
                + "sleep 2\n"
                + "touch actlab-cli/target/actlab-cli-0.jar\n"
                + "rmdir \"" + root.resolve("building") + "\"\n");
        // The JVM: prints its pid, writes the incubator banner to stderr, and (as Main does) a real line to
        // the stream that -Dactlab.stderr names.
        script("jdk/bin/java", "#!/usr/bin/env bash\n"
                + "echo \"pid $$\"\n"
                + "echo 'WARNING: Using incubator modules: jdk.incubator.vector' >&2\n"
                + "for a in \"$@\"; do case $a in -Dactlab.stderr=*) echo 'a real warning' >>\"${a#-Dactlab.stderr=}\" ;; esac; done\n"
                + "if [ \"${@: -1}\" = wait ]; then trap 'exit 143' TERM; while true; do sleep 0.1; done; fi\n"
                + "exit 7\n");
    }

    private void script(String name, String text) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        executable(file);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        builder.environment().remove("ACTLAB_SKIP_BUILD");
        return builder.start();
    }

    @Test
    void concurrentLaunchesBuildOnceAndBothRun() throws Exception {
        Process first = start("x");
        Process second = start("x");
        assertTrue(first.waitFor(60, TimeUnit.SECONDS) && second.waitFor(60, TimeUnit.SECONDS));
        String err1 = new String(first.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String err2 = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(7, first.exitValue(), err1);
        assertEquals(7, second.exitValue(), err2);
        assertFalse((err1 + err2).contains("two builds at once"), err1 + err2);
        assertEquals(List.of("build"), Files.readAllLines(root.resolve("builds")), "the second launcher found the jar fresh");
        // Stderr keeps everything but the incubator banner.
        assertEquals("a real warning", err1.lines().filter(l -> !l.startsWith("actlab: building")).reduce("", String::concat));
    }

    @Test
    void theJvmReplacesTheLauncherSoSignalsReachIt() throws Exception {
        Files.createFile(root.resolve("actlab-cli/target/actlab-cli-0.jar"));
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.fromMillis(0));
        Process launched = start("serve", "wait");
        BufferedReader out = new BufferedReader(new InputStreamReader(launched.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertEquals("pid " + launched.pid(), line, "the launcher execs the JVM: same process");
        launched.destroy(); // SIGTERM to the launcher's pid
        assertTrue(launched.waitFor(30, TimeUnit.SECONDS));
        assertEquals(143, launched.exitValue(), "the JVM got the signal");
        assertTrue(launched.descendants().noneMatch(ProcessHandle::isAlive), "no orphan left running");
    }
}
