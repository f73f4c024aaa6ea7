package org.actlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12's "losing work" and text-handling cases, driven through picocli in-process. */
class ReliabilityTest {

    @TempDir
    Path dir;

    private static final String[] QUICK = {"train", "--data", "xor", "--samples", "40", "--hidden", "2", "--epochs", "1"};

    private static String[] quick(String... more) {
        String[] all = new String[QUICK.length + more.length];
        System.arraycopy(QUICK, 0, all, 0, QUICK.length);
        System.arraycopy(more, 0, all, QUICK.length, more.length);
        return all;
    }

    @Test
    void badOutputPathsAreRefusedBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Cli.Result save = Cli.run(quick("--save", file.resolve("model.json").toString())).fails(2, "not a directory");
        assertFalse(save.out().contains("train loss"), "no training before the check: " + save.out());
        Cli.run(quick("--json", file.resolve("r.json").toString())).fails(2, "--json " + file.resolve("r.json") + ": cannot write: not a directory");
        Cli.run(quick("--save", dir.toString())).fails(2, "is a directory");
        Cli.run(quick("--save", "")).fails(2, "--save: empty path");
        Cli.run(quick("--save", dir.resolve("new/m.json").toString(), "--json", "-")).succeeds();
        assertTrue(Files.isRegularFile(dir.resolve("new/m.json")));
    }

    @Test
    void csvAlwaysNamesAFile() {
        assertEquals("./xor", TrainCommand.csvPath(Path.of("xor")).replace('\\', '/'));
        assertEquals("-", TrainCommand.csvPath(Path.of("-")));
        // Before: --csv xor trained on the built-in xor set and exited 0.
        Cli.run("train", "--csv", "xor", "--epochs", "1").fails(2, "./xor");
        Cli.run("train", "--csv", "mnist", "--epochs", "1").fails(2, "./mnist");
    }

    @Test
    void networksTooLargeForTheHeapAreRefusedWithTheEstimate() {
        long start = System.nanoTime();
        Cli.run(quick("--hidden", "65536,65536")).fails(2, "more than one array can hold");
        // A width whose training needs several times the heap, but whose layers fit an array.
        long width = Math.min(46_000, Math.max(20_000, (long) Math.sqrt(Runtime.getRuntime().maxMemory() / 4.0)));
        Cli.Result r = Cli.run(quick("--hidden", width + "," + width));
        if (width * width * 20 > 2 * Runtime.getRuntime().maxMemory()) {
            r.fails(2, "needs about");
            assertTrue(r.err().contains("Java heap is") && r.err().contains("ACTLAB_JAVA_OPTS=-Xmx"), r.err());
        }
        assertTrue(System.nanoTime() - start < 60e9, "refused before allocating, not after minutes");
    }

    @Test
    void malformedModelFilesExitWithTwoNamingFileAndField() throws IOException {
        Path model = dir.resolve("m.json");
        Cli.run(quick("--save", model.toString())).succeeds();
        String good = Files.readString(model);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, good.replace("\"rawFeatures\":2", "\"rawFeatures\":-3"));
        Cli.run("predict", "--model", bad.toString(), "--x", "1,2").fails(2, bad + ": field 'data': rawFeatures must be >= 1, got -3");
        Files.writeString(bad, good.replaceFirst("\"inputs\":2", "\"inputs\":2000000000"));
        Cli.run("predict", "--model", bad.toString(), "--x", "1,2").fails(2, bad + ": spec: layer 0");
        Files.writeString(bad, good.replaceFirst("\"trainRows\":", "\"trainRows\":" + "9".repeat(2000) + ",\"x\":"));
        Cli.Result r = Cli.run("predict", "--model", bad.toString(), "--x", "1,2").fails(2, bad.toString());
        assertFalse(r.err().contains("StreamReadConstraints") || r.err().contains("com.fasterxml"), r.err());
        Files.writeString(bad, good.replaceFirst("\"epochs\":1,", "\"epochs\":\"many\","));
        r = Cli.run("predict", "--model", bad.toString(), "--x", "1,2").fails(2, bad + ": field 'config'");
        assertFalse(r.err().contains("com.fasterxml") || r.err().contains("Cannot deserialize"), r.err());
        // A duplicate key is refused, not resolved by "the last one wins".
        Files.writeString(bad, good.replaceFirst("\"config\":\\{", "\"config\":{\"epochs\":1,"));
        r = Cli.run("predict", "--model", bad.toString(), "--x", "1,2").fails(2, bad + ": field 'config'");
        assertTrue(r.err().contains("epochs"), r.err());
    }

    @Test
    void predictRefusesNonFiniteInputs() throws IOException {
        Path model = dir.resolve("m.json");
        Cli.run(quick("--save", model.toString())).succeeds();
        Cli.run("predict", "--model", model.toString(), "--x", "nan,1").fails(2, "('nan') is not a finite float");
        Cli.run("predict", "--model", model.toString(), "--x", "1,inf").fails(2, "is not a finite float");
    }

    @Test
    void dashReadsStandardInput() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("0\n-1\n# skipped\n2\n".getBytes(StandardCharsets.UTF_8)));
            Cli.Result r = Cli.run("eval", "relu", "--x-file", "-").succeeds();
            assertEquals("x,value,derivative\n0.0,0.0,0.0\n-1.0,0.0,0.0\n2.0,2.0,1.0\n", r.out().replace("\r", ""));
            StringBuilder csv = new StringBuilder("a,b,label\n");
            for (int i = 0; i < 40; i++) {
                csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append('\n');
            }
            System.setIn(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
            Cli.Result train = Cli.run("train", "--csv", "-", "--hidden", "2", "--epochs", "1", "--train-fraction", "0.5").succeeds();
            assertTrue(train.out().contains("data stdin: 20 train rows"), train.out());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void evalStopsWhenItsReaderGoesAway() {
        AtomicLong attempts = new AtomicLong();
        OutputStream closedPipe = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (attempts.incrementAndGet() > 1) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        StringWriter err = new StringWriter();
        int code = Main.run(new String[]{"eval", "relu", "--range", "-1:1:2000000"}, new PrintWriter(closedPipe, true),
                new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        // 2,000,000 lines are about 1,000 chunks; stopping means a handful of attempts after the pipe closed.
        assertTrue(attempts.get() < 10, "writes attempted after the pipe closed: " + attempts.get());
    }

    private static byte[] idx(int magic, int... headerAndData) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        try {
            out.writeInt(magic);
            for (int v : headerAndData) {
                out.writeInt(v);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    @Test
    void usersOwnIdxFilesTrainAndBadHeadersAreRefused() throws IOException {
        int n = 30;
        java.io.ByteArrayOutputStream images = new java.io.ByteArrayOutputStream();
        images.write(idx(0x803, n, 2, 2));
        java.io.ByteArrayOutputStream labels = new java.io.ByteArrayOutputStream();
        labels.write(idx(0x801, n));
        for (int i = 0; i < n; i++) {
            images.write(new byte[]{(byte) (i * 8), 0, (byte) 255, (byte) (i % 3 * 100)});
            labels.write(i % 3);
        }
        Path imageFile = Files.write(dir.resolve("img.idx"), images.toByteArray());
        Path labelFile = Files.write(dir.resolve("lab.idx"), labels.toByteArray());
        Cli.Result r = Cli.run("train", "--idx-images", imageFile.toString(), "--idx-labels", labelFile.toString(),
                "--hidden", "3", "--epochs", "1", "--train-fraction", "0.5").succeeds();
        assertTrue(r.out().contains("15 train rows, 15 test rows, 4 input(s), multiclass"), r.out());
        Cli.run("train", "--idx-images", imageFile.toString()).fails(2, "together");
        // A header within one array's limit but beyond the heap: only the estimate refuses it before allocating
        // (the 2e9 header below is also caught by the array limit).
        int many = 1_000_000;
        if ((long) many * (28 * 28 + 10) * Float.BYTES > Runtime.getRuntime().maxMemory()) {
            Path big = Files.write(dir.resolve("big.idx"), idx(0x803, many, 28, 28));
            Path bigLabels = Files.write(dir.resolve("big-labels.idx"), idx(0x801, many));
            Cli.run("train", "--idx-images", big.toString(), "--idx-labels", bigLabels.toString())
                    .fails(2, big + ": its header's 1000000 images of 28 x 28 needs about");
        }
        Path huge = Files.write(dir.resolve("huge.idx"), idx(0x803, 2_000_000_000, 28, 28));
        Path hugeLabels = Files.write(dir.resolve("huge-labels.idx"), idx(0x801, 2_000_000_000));
        Cli.Result refused = Cli.run("train", "--idx-images", huge.toString(), "--idx-labels", hugeLabels.toString())
                .fails(2, huge + ": its header's 2000000000 images of 28 x 28 needs about");
        assertTrue(refused.err().contains("ACTLAB_JAVA_OPTS=-Xmx"), refused.err());
    }

    /**
     * A real {@link OutOfMemoryError} in a JVM of its own with a 16 MiB heap: CSV reading has no estimate
     * up front (the file grows its arrays as it is read), so a file of 4 million values (16 MB as floats)
     * runs the heap out. The user sees one line naming the heap and how to raise it, exit 2, no stack trace.
     */
    @Test
    void aRealOutOfMemoryErrorIsOneLineAndExitTwo() throws Exception {
        Path csv = dir.resolve("wide.csv");
        StringBuilder header = new StringBuilder();
        for (int j = 0; j < 200; j++) {
            header.append('x').append(j).append(',');
        }
        String row = "1,".repeat(200);
        try (java.io.BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write(header + "label\n");
            for (int i = 0; i < 20_000; i++) {
                out.write(row + (i % 2) + "\n");
            }
        }
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx16m",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "--csv", csv.toString(), "--hidden", "4", "--epochs", "1")
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS), "the child JVM finished");
        // The JVM's own start-up notice about the incubator module is not the CLI's output.
        java.util.List<String> lines = Files.readAllLines(err).stream()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
        assertEquals(2, p.exitValue(), "exit code; stderr: " + lines);
        assertEquals(1, lines.size(), "one line: " + lines);
        assertTrue(lines.get(0).contains("out of memory") && lines.get(0).contains("Java heap of ")
                && lines.get(0).contains("ACTLAB_JAVA_OPTS=-Xmx"), lines.get(0));
    }
}
