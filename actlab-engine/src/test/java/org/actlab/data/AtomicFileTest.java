package org.actlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTheWholeFileIntoNewFoldersAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("a/b/out.txt");
        AtomicFile.writeString(target, "héllo\n");
        assertEquals("héllo\n", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of(target), listAll(dir));
        if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
            // Readable by others, as a plainly written file is, not 0600 like the temporary file.
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicFile.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), listAll(dir));
    }

    @Test
    void theUncheckedFormNamesTheFileAndTheCause() throws IOException {
        Path target = dir.resolve("out.txt");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFile.writeUnchecked(target, out -> {
            throw new IOException("disk full");
        }));
        assertEquals("cannot write " + target + ": disk full", e.getMessage());
        assertTrue(Files.notExists(target));
        AtomicFile.writeStringUnchecked(target, "new");
        assertEquals("new", Files.readString(target));
    }

    private static List<Path> listAll(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void anUnreadableInputIsNamedInOneWording() {
        Path file = Path.of("dir", "model.onnx");
        assertEquals("no such model file: " + file,
                AtomicFile.cannotRead(file, "model file", new NoSuchFileException(file.toString())).getMessage());
        // The JDK's own message of an AccessDeniedException is just the path: the reason is worded here.
        assertEquals("cannot read " + file + ": permission denied",
                AtomicFile.cannotRead(file, "file", new AccessDeniedException(file.toString())).getMessage());
        assertEquals("cannot read " + file + ": disk on fire",
                AtomicFile.cannotRead(file, "file", new IOException("disk on fire")).getMessage());
    }
}
