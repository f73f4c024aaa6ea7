package org.actlab.nn;

import org.actlab.data.Dataset;
import org.actlab.random.PortableRandom;

/**
 * Shuffling and batching: at the start of every epoch the row order is shuffled (Fisher–Yates from
 * its own seeded stream), and step s of the epoch copies rows s·B … s·B + B − 1 of that order into
 * the batch buffers (the last batch may be short).
 */
final class BatchSampler {

    private final Dataset data;
    private final int batchSize;
    private final int[] order;
    private final PortableRandom random;
    final float[] x;
    final float[] y;

    /** @param random the shuffling stream, used by nothing else */
    BatchSampler(Dataset data, int batchSize, PortableRandom random) {
        this.data = data;
        this.batchSize = batchSize;
        this.random = random;
        int capacity = capacity(data, batchSize);
        this.x = new float[capacity * data.features()];
        this.y = new float[capacity * data.targets()];
        this.order = new int[data.n()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
    }

    /** Rows in the largest batch: the batch size, or fewer when the data set is smaller. */
    static int capacity(Dataset data, int batchSize) {
        return Math.min(batchSize, data.n());
    }

    /** Steps in one epoch: ⌈n / batch size⌉. */
    int stepsPerEpoch() {
        return (data.n() + batchSize - 1) / batchSize;
    }

    /** Reorders the rows for a new epoch. */
    void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /** Copies the rows of step {@code step} of the epoch into {@link #x} and {@link #y}; returns how many. */
    int fill(int step) {
        int from = step * batchSize;
        int rows = Math.min(batchSize, data.n() - from);
        int features = data.features();
        int targets = data.targets();
        for (int r = 0; r < rows; r++) {
            int row = order[from + r];
            System.arraycopy(data.x(), row * features, x, r * features, features);
            System.arraycopy(data.y(), row * targets, y, r * targets, targets);
        }
        return rows;
    }
}
