package org.actlab.bench;

import java.util.SplittableRandom;

/**
 * MNIST-shaped synthetic data: 784 features uniform in [0, 1) and one of 10 classes per row,
 * from a fixed seed, so that the training benchmarks need no files. Every library trains on the
 * same numbers.
 */
final class SyntheticMnist {

    static final int FEATURES = 784;
    static final int CLASSES = 10;

    /** Inputs, rows × 784, row-major. */
    final float[] x;
    /** The class of each row. */
    final int[] labels;
    final int rows;

    SyntheticMnist(int rows, long seed) {
        if (rows <= 0) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        this.rows = rows;
        x = BenchData.uniform(rows * FEATURES, 0f, 1f, seed);
        labels = new int[rows];
        SplittableRandom random = new SplittableRandom(seed + 1);
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
    }

    /** Labels one-hot, rows × 10, row-major. */
    float[] oneHot() {
        float[] y = new float[rows * CLASSES];
        for (int i = 0; i < rows; i++) {
            y[i * CLASSES + labels[i]] = 1f;
        }
        return y;
    }
}
