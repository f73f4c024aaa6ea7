package org.actlab.bench;

import java.util.SplittableRandom;

/** Seeded synthetic inputs, so that every benchmark needs no files and every run sees the same data. */
public final class BenchData {

    /** The seed of every synthetic array in the benchmarks. */
    public static final long SEED = 20261128L;

    private BenchData() {
    }

    /** n floats uniform in [lo, hi), from {@code seed}. */
    public static float[] uniform(int n, float lo, float hi, long seed) {
        if (n < 0 || !(hi > lo)) {
            throw new IllegalArgumentException("bad uniform request: n=" + n + ", lo=" + lo + ", hi=" + hi);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        float width = hi - lo;
        for (int i = 0; i < n; i++) {
            values[i] = lo + width * (float) random.nextDouble();
        }
        return values;
    }

    /**
     * Pre-activations for the activation benchmarks: uniform in [-6, 6), so that every branch of
     * every piecewise function and both saturated tails of sigmoid and tanh are taken.
     */
    public static float[] preActivations(int n, long seed) {
        return uniform(n, -6f, 6f, seed);
    }

    /** The number of elements one of {@code threads} threads owns when n is split evenly. */
    static int share(int n, int threads) {
        if (threads <= 0 || n % threads != 0) {
            throw new IllegalArgumentException("cannot split " + n + " elements evenly over " + threads + " threads");
        }
        return n / threads;
    }
}
