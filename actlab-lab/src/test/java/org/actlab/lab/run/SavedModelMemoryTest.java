package org.actlab.lab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving streams: a 4-million-parameter model saves and reloads in a 192 MB heap. Re-reading the
 * model as a tree of decimals (100-230 bytes per parameter) needed several times that.
 */
class SavedModelMemoryTest {

    @TempDir
    Path dir;

    @Test
    void aLargeModelSavesAndLoadsInABoundedHeap() throws Exception {
        Path file = dir.resolve("big.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx192m", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), SaveUnderSmallHeap.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("same"), out);
        assertTrue(Files.size(file) > 16_000_000, "the model really is large: " + Files.size(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }
}
