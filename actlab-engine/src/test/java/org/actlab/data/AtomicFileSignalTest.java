package org.actlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files of interrupted writes: deleted on SIGTERM, cleaned on the next write after kill -9. */
class AtomicFileSignalTest {

    @TempDir
    Path dir;

    private Process startWriter(Path target) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SlowWriter.class.getName(),
                target.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("writing", out.readLine(), "the writer got into its write");
        return process;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    @Test
    void sigtermDeletesTheTemporaryFile() throws Exception {
        Path target = dir.resolve("model.json");
        Process writer = startWriter(target);
        assertEquals(1, files().size(), "exactly one temporary file while writing: " + files());
        assertTrue(files().get(0).getFileName().toString().startsWith(".model.json." + writer.pid() + "."), files().toString());
        writer.destroy(); // SIGTERM
        assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), files());
    }

    @Test
    void aKilledWritersTemporaryFileIsCleanedByTheNextWrite() throws Exception {
        Path target = dir.resolve("model.json");
        Path other = dir.resolve("other.json");
        Files.writeString(dir.resolve(".other.json.1.2.tmp"), "not ours to clean: another target");
        Process writer = startWriter(target);
        writer.destroyForcibly(); // SIGKILL: no hook runs
        assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, files().size(), "kill -9 leaves the temporary file: " + files());
        AtomicFile.writeString(target, "done");
        assertEquals("done", Files.readString(target));
        try (Stream<Path> list = Files.list(dir)) {
            assertEquals(List.of(".other.json.1.2.tmp", "model.json"),
                    list.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.notExists(other));
    }

    @Test
    void writabilityIsCheckedUpFrontWithAReason() throws IOException {
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        assertTrue(message(file.resolve("model.json")).endsWith("cannot write: not a directory: " + file));
        assertTrue(message(dir).endsWith("cannot write: is a directory"));
        assertEquals("--save: empty path", message(Path.of("")));
        AtomicFile.checkWritable(dir.resolve("new/sub/model.json"), "--save");
        assertTrue(Files.notExists(dir.resolve("new")), "a check creates nothing");
        assertEquals(List.of(file), files(), "and leaves no probe behind");
        if (!"root".equals(System.getProperty("user.name")) && new File("/").canWrite() == false) {
            Path locked = Files.createDirectory(dir.resolve("locked"));
            assertTrue(locked.toFile().setWritable(false));
            assertTrue(message(locked.resolve("m.json")).contains("permission denied"));
        }
        UncheckedIOExceptionHolder.check(file.resolve("x.json"));
    }

    private static String message(Path target) {
        return assertThrows(IllegalArgumentException.class, () -> AtomicFile.checkWritable(target, "--save")).getMessage();
    }

    /** The write itself names its target and the reason, never a temporary file. */
    private static final class UncheckedIOExceptionHolder {
        static void check(Path target) {
            String message = assertThrows(java.io.UncheckedIOException.class,
                    () -> AtomicFile.writeStringUnchecked(target, "x")).getMessage();
            assertTrue(message.startsWith("cannot write " + target + ": "), message);
            assertTrue(!message.contains(".tmp"), message);
        }
    }
}
