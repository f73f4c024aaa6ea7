package org.actlab.data;

import org.actlab.random.PortableRandom;

/** Seeded shuffling and train/test splits. Rows are copied; the input is not changed. */
public final class Split {

    private Split() {
    }

    /**
     * A train and a test set.
     *
     * @param train the first ⌊n·fraction + ½⌋ rows of the shuffled set
     * @param test  the remaining rows, possibly none
     */
    public record TrainTest(Dataset train, Dataset test) {
    }

    /**
     * Shuffles {@code data} with {@code seed} (Fisher–Yates) and splits it.
     *
     * @param trainFraction in (0, 1]; the train set gets round(n·fraction) rows, at least 1 when n ≥ 1
     * @throws IllegalArgumentException for a fraction outside (0, 1]
     */
    public static TrainTest trainTest(Dataset data, double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("train fraction must be in (0, 1], got " + trainFraction);
        }
        int[] order = permutation(data.n(), seed);
        int trainRows = (int) Math.round(data.n() * trainFraction);
        if (data.n() > 0) {
            trainRows = Math.max(1, Math.min(data.n(), trainRows));
        }
        int[] trainIndex = new int[trainRows];
        int[] testIndex = new int[data.n() - trainRows];
        System.arraycopy(order, 0, trainIndex, 0, trainRows);
        System.arraycopy(order, trainRows, testIndex, 0, testIndex.length);
        return new TrainTest(rows(data, trainIndex), rows(data, testIndex));
    }

    /** The rows of {@code data} in a seeded random order. */
    public static Dataset shuffle(Dataset data, long seed) {
        return rows(data, permutation(data.n(), seed));
    }

    /** A random permutation of 0..n−1 (Fisher–Yates with {@link PortableRandom}). */
    public static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        PortableRandom rng = new PortableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The given rows of {@code data}, in the given order (rows may repeat). */
    public static Dataset rows(Dataset data, int[] index) {
        int f = data.features();
        int t = data.targets();
        float[] x = new float[index.length * f];
        float[] y = new float[index.length * t];
        for (int i = 0; i < index.length; i++) {
            int row = index[i];
            if (row < 0 || row >= data.n()) {
                throw new IllegalArgumentException("row " + row + " outside 0.." + (data.n() - 1));
            }
            System.arraycopy(data.x(), row * f, x, i * f, f);
            System.arraycopy(data.y(), row * t, y, i * t, t);
        }
        return new Dataset(data.name(), x, y, index.length, f, t, data.task());
    }
}
