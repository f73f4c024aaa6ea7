package org.actlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {

    @TempDir
    Path dir;

    /** An IDX images file of {@code count} 2 × 3 images, pixel p of image i = 40 i + p, cut to {@code keep} bytes. */
    private static byte[] images(int magic, int count, int declared, int keep) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(declared);
        out.writeInt(2);
        out.writeInt(3);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < 6; p++) {
                out.writeByte(40 * i + p);
            }
        }
        return Arrays.copyOf(bytes.toByteArray(), Math.min(keep, bytes.size()));
    }

    private static byte[] labels(int magic, int declared, int... digits) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(declared);
        for (int d : digits) {
            out.writeByte(d);
        }
        return bytes.toByteArray();
    }

    private Path file(String name, byte[] content, boolean gzip) throws IOException {
        Path path = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(path)) : Files.newOutputStream(path)) {
            out.write(content);
        }
        return path;
    }

    @Test
    void readsPlainAndGzipFiles() throws IOException {
        for (boolean gzip : new boolean[]{false, true}) {
            Path img = file("img" + gzip, images(0x803, 2, 2, 1000), gzip);
            Path lab = file("lab" + gzip, labels(0x801, 2, 7, 0), gzip);
            Dataset d = Mnist.read(img, lab);
            assertEquals(2, d.n());
            assertEquals(6, d.features());
            assertEquals(10, d.targets());
            assertEquals(Dataset.Task.MULTICLASS, d.task());
            assertEquals(0f, d.x()[0]);
            assertEquals(5 / 255f, d.x()[5]);
            assertEquals(45 / 255f, d.x()[11]);
            float[] y = new float[20];
            y[7] = 1;
            y[10] = 1;
            assertArrayEquals(y, d.y());
        }
    }

    @Test
    void rejectsWrongMagicNumbers() throws IOException {
        Path img = file("img", images(0x801, 2, 2, 1000), false);
        Path lab = file("lab", labels(0x801, 2, 1, 2), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mnist.read(img, lab));
        assertTrue(e.getMessage().contains("img") && e.getMessage().contains("expected 0x00000803")
                && e.getMessage().contains("found 0x00000801"), e.getMessage());
        Path img2 = file("img2", images(0x803, 2, 2, 1000), false);
        e = assertThrows(IllegalArgumentException.class, () -> Mnist.read(img2, img2));
        assertTrue(e.getMessage().contains("expected 0x00000801") && e.getMessage().contains("found 0x00000803"), e.getMessage());
    }

    @Test
    void rejectsCountMismatch() throws IOException {
        Path img = file("img", images(0x803, 2, 2, 1000), false);
        Path lab = file("lab", labels(0x801, 3, 1, 2, 3), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mnist.read(img, lab));
        assertTrue(e.getMessage().contains("2 images") && e.getMessage().contains("3 labels"), e.getMessage());
    }

    @Test
    void rejectsTruncatedFiles() throws IOException {
        Path lab = file("lab", labels(0x801, 2, 1, 2), false);
        Path cutData = file("cut", images(0x803, 2, 2, 16 + 8), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mnist.read(cutData, lab));
        assertTrue(e.getMessage().contains("cut") && e.getMessage().contains("truncated")
                && e.getMessage().contains("inside image 1"), e.getMessage());
        Path cutHeader = file("cuthead", images(0x803, 2, 2, 10), false);
        e = assertThrows(IllegalArgumentException.class, () -> Mnist.read(cutHeader, lab));
        assertTrue(e.getMessage().contains("truncated header"), e.getMessage());
        Path img = file("img", images(0x803, 2, 2, 1000), false);
        Path shortLabels = file("short", labels(0x801, 2, 1), false);
        e = assertThrows(IllegalArgumentException.class, () -> Mnist.read(img, shortLabels));
        assertTrue(e.getMessage().contains("short") && e.getMessage().contains("promises 2 labels, found 1"), e.getMessage());
        Path badDigit = file("digit", labels(0x801, 2, 1, 10), false);
        e = assertThrows(IllegalArgumentException.class, () -> Mnist.read(img, badDigit));
        assertTrue(e.getMessage().contains("is 10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Mnist.read(dir.resolve("none"), lab));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void bundledSetHasTenThousandDigitsOfEveryClass() {
        Dataset d = Mnist.bundled();
        assertEquals(10_000, d.n());
        assertEquals(784, d.features());
        int[] histogram = new int[10];
        for (int i = 0; i < d.n(); i++) {
            float rowSum = 0;
            for (int k = 0; k < 10; k++) {
                rowSum += d.y()[i * 10 + k];
                if (d.y()[i * 10 + k] == 1) {
                    histogram[k]++;
                }
            }
            assertEquals(1f, rowSum, "one-hot row " + i);
        }
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : d.x()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        // Counted independently from the raw label bytes (Python: collections.Counter over bytes 8..).
        assertArrayEquals(new int[]{1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, histogram);
    }
}
