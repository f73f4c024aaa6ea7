package org.actlab.data;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a file whole or not at all: the content goes to one temporary sibling, which one rename then
 * moves over the target, so a reader never sees half a file and a failure leaves the old one.
 * Missing parent directories are created. Every module that writes files (data sets, models,
 * reports, charts, results) uses this one writer.
 *
 * <p>Temporary files never outlive their writer for long. They are named
 * {@code .NAME.PID.RANDOM.tmp}; a shutdown hook deletes the ones still open when the JVM stops on a
 * normal signal (SIGTERM, Ctrl-C), and the next write to the same target deletes those whose process is
 * gone (left by {@code kill -9} or a power cut).
 */
public final class AtomicFile {

    /** Writes the content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final long PID = ProcessHandle.current().pid();
    /** Temporary files being written now, deleted by the shutdown hook if the JVM stops first. */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFile::deleteLive, "actlab-temp-cleanup"));
    }

    private AtomicFile() {
    }

    /**
     * Writes {@code target} atomically.
     *
     * @throws IOException when it cannot be written; the target is then untouched
     */
    public static void write(Path target, Content content) throws IOException {
        if (target.toString().isBlank()) {
            throw new IOException("empty path");
        }
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        deleteStale(dir, absolute.getFileName().toString());
        // A sibling, so that the final move stays on one file system and can be atomic.
        Path temp = Files.createTempFile(dir, tempPrefix(absolute.getFileName().toString()), ".tmp");
        LIVE.add(temp);
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            try {
                // Temporary files are private (0600); the result is for reading by others, as a plain file would be.
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the platform's defaults apply.
            }
            moveIntoPlace(temp, absolute);
        } finally {
            Files.deleteIfExists(temp);
            LIVE.remove(temp);
        }
    }

    /**
     * Moves a finished temporary file over {@code target}: atomically where the file system can,
     * so that readers see the old file or the new one and never a part.
     */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String tempPrefix(String name) {
        return "." + name + "." + PID + ".";
    }

    /**
     * Deletes temporary siblings of {@code name} whose writing process no longer runs. A file of a
     * live process, this one's included, is left alone: it may be a concurrent write.
     */
    private static void deleteStale(Path dir, String name) {
        String prefix = "." + name + ".";
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir, path -> {
            String file = path.getFileName().toString();
            return file.startsWith(prefix) && file.endsWith(".tmp");
        })) {
            for (Path sibling : siblings) {
                String rest = sibling.getFileName().toString().substring(prefix.length());
                int dot = rest.indexOf('.');
                if (dot <= 0) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(rest.substring(0, dot));
                } catch (NumberFormatException notOurs) {
                    continue;
                }
                if (pid != PID && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (pid == PID && LIVE.contains(sibling)) {
                    continue;
                }
                Files.deleteIfExists(sibling);
            }
        } catch (IOException | UncheckedIOException e) {
            // Cleaning up is a courtesy; the write itself reports real problems.
        }
    }

    private static void deleteLive() {
        for (Path temp : LIVE) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // The JVM is stopping; nothing else can be done.
            }
        }
    }

    /** Writes {@code text} as UTF-8, atomically, as {@link #write}. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * As {@link #write}, for callers that cannot throw checked exceptions.
     *
     * @throws UncheckedIOException naming the file and the cause when it cannot be written
     */
    public static void writeUnchecked(Path target, Content content) {
        try {
            write(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + describe(e), e);
        }
    }

    /** As {@link #writeString}, for callers that cannot throw checked exceptions. */
    public static void writeStringUnchecked(Path target, String text) {
        writeUnchecked(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Checks, before any work is done, that {@link #write} could create {@code target}: the path is not
     * empty and not a directory, and its nearest existing ancestor is a writable directory.
     *
     * @param what the option or role of the path, for the message (for example {@code --save})
     * @throws IllegalArgumentException naming the path and why it cannot be written
     */
    public static void checkWritable(Path target, String what) {
        if (target.toString().isBlank()) {
            throw new IllegalArgumentException(what + ": empty path");
        }
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(what + " " + target + ": cannot write: is a directory");
        }
        Path ancestor = absolute.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            throw new IllegalArgumentException(what + " " + target + ": cannot write: no existing parent directory");
        }
        if (!Files.isDirectory(ancestor)) {
            throw new IllegalArgumentException(what + " " + target + ": cannot write: not a directory: " + ancestor);
        }
        if (!Files.isWritable(ancestor)) {
            throw new IllegalArgumentException(what + " " + target + ": cannot write: permission denied in " + ancestor);
        }
        // Permissions do not tell everything (root, read-only mounts, /proc): try what write() will do.
        try {
            Files.delete(Files.createTempFile(ancestor, tempPrefix(absolute.getFileName().toString()), ".tmp"));
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + target + ": cannot write in " + ancestor + ": " + describe(e));
        }
    }

    /**
     * The one-line error for an input that cannot be read: {@code no such <what>: <file>} when it is
     * missing, else {@code cannot read <file>: <reason>} with the reason as {@link #describe} words it.
     */
    public static IllegalArgumentException cannotRead(Path file, String what, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new IllegalArgumentException("no such " + what + ": " + file);
        }
        return new IllegalArgumentException("cannot read " + file + ": " + describe(e));
    }

    /** Why a write failed, in the words a user expects ("permission denied"), naming no temporary file. */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        if (e instanceof FileSystemException) {
            String kind = e.getClass().getSimpleName().replace("Exception", "");
            return kind.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
