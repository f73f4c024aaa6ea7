package org.actlab.data;

import org.actlab.random.PortableRandom;

/**
 * The 2-D data sets of TensorFlow Playground ({@code tensorflow/playground}, {@code src/dataset.ts}),
 * reproduced with a seeded generator, plus scikit-learn's {@code make_moons}.
 *
 * <p>Labels: the Playground labels classes +1 and −1; here +1 becomes 1 and −1 becomes 0 (one
 * column, {@link Dataset.Task#BINARY}). The regression sets keep the Playground's real targets.
 * {@code noise} is the Playground's fraction (its slider runs from 0 to 0.5); larger values are
 * allowed and extrapolate the same formulas. Where the Playground loops {@code n / 2} times per
 * class, the first class gets ⌊n/2⌋ points and the second the rest, so exactly n rows come out.
 */
final class Playground {

    private Playground() {
    }

    /**
     * Two classes in concentric rings: label 1 for r ∈ [0, 2.5), label 0 for r ∈ [3.5, 5], each
     * drawn with r and the angle uniform. The label is that of the point displaced by uniform noise
     * in [−5, 5]·noise, while the stored point is not displaced (as in the Playground), so at noise 0
     * label = [|x| &lt; 2.5].
     */
    static Dataset circle(int n, double noise, PortableRandom rng) {
        double radius = 5;
        Builder out = new Builder("circle", n, 2, Dataset.Task.BINARY);
        int inner = n / 2;
        for (int i = 0; i < n; i++) {
            double r = i < inner ? uniform(rng, 0, radius * 0.5) : uniform(rng, radius * 0.7, radius);
            double angle = uniform(rng, 0, 2 * Math.PI);
            double x = r * Math.sin(angle);
            double y = r * Math.cos(angle);
            double noiseX = uniform(rng, -radius, radius) * noise;
            double noiseY = uniform(rng, -radius, radius) * noise;
            boolean positive = Math.hypot(x + noiseX, y + noiseY) < radius * 0.5;
            out.add(x, y, positive ? 1 : 0);
        }
        return out.build();
    }

    /**
     * Four quadrants: x and y uniform in [−5, 5], pushed 0.3 away from each axis; label 1 when the
     * noise-displaced point has x·y ≥ 0.
     */
    static Dataset xor(int n, double noise, PortableRandom rng) {
        double padding = 0.3;
        Builder out = new Builder("xor", n, 2, Dataset.Task.BINARY);
        for (int i = 0; i < n; i++) {
            double x = uniform(rng, -5, 5);
            x += x > 0 ? padding : -padding;
            double y = uniform(rng, -5, 5);
            y += y > 0 ? padding : -padding;
            double noiseX = uniform(rng, -5, 5) * noise;
            double noiseY = uniform(rng, -5, 5) * noise;
            out.add(x, y, (x + noiseX) * (y + noiseY) >= 0 ? 1 : 0);
        }
        return out.build();
    }

    /**
     * Two Gaussian blobs: label 1 around (2, 2), label 0 around (−2, −2), each coordinate with
     * variance 0.5 + 7·noise (the Playground maps noise [0, 0.5] linearly to variance [0.5, 4]).
     */
    static Dataset gauss(int n, double noise, PortableRandom rng) {
        double variance = 0.5 + noise * (4 - 0.5) / 0.5;
        Builder out = new Builder("gauss", n, 2, Dataset.Task.BINARY);
        int first = n / 2;
        for (int i = 0; i < n; i++) {
            boolean positive = i < first;
            double centre = positive ? 2 : -2;
            out.add(normal(rng, centre, variance), normal(rng, centre, variance), positive ? 1 : 0);
        }
        return out.build();
    }

    /**
     * Two interleaved spirals: for point i of m in a class, r = 5i/m, t = 1.75·2π·i/m + δ with δ = 0
     * (label 1) or π (label 0); x = r sin t, y = r cos t, each plus uniform noise in [−1, 1]·noise.
     */
    static Dataset spiral(int n, double noise, PortableRandom rng) {
        Builder out = new Builder("spiral", n, 2, Dataset.Task.BINARY);
        int first = n / 2;
        spiralArm(out, first, 0, 1, noise, rng);
        spiralArm(out, n - first, Math.PI, 0, noise, rng);
        return out.build();
    }

    private static void spiralArm(Builder out, int m, double deltaT, int label, double noise, PortableRandom rng) {
        for (int i = 0; i < m; i++) {
            double r = (double) i / m * 5;
            double t = 1.75 * i / m * 2 * Math.PI + deltaT;
            double x = r * Math.sin(t) + uniform(rng, -1, 1) * noise;
            double y = r * Math.cos(t) + uniform(rng, -1, 1) * noise;
            out.add(x, y, label);
        }
    }

    /**
     * A tilted plane: x, y uniform in [−6, 6], target (x' + y')/10 where (x', y') is the point
     * displaced by uniform noise in [−6, 6]·noise (the Playground's linear map of [−10, 10] to [−1, 1],
     * not clamped).
     */
    static Dataset plane(int n, double noise, PortableRandom rng) {
        return regression("plane", n, noise, rng, (x, y, noiseX, noiseY) -> (x + noiseX + y + noiseY) / 10);
    }

    /** Centres and signs of the six bumps of {@link #multiGauss}. */
    private static final double[][] BUMPS = {
        {-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};

    /**
     * Six signed bumps: x, y uniform in [−6, 6]; for each centre c with sign s the value
     * s·max(0, 1 − d/2) with d the distance from the noise-displaced point to c; the target is the
     * value largest in magnitude (the Playground's "regress gaussian").
     */
    static Dataset multiGauss(int n, double noise, PortableRandom rng) {
        return regression("multi_gauss", n, noise, rng, (x, y, noiseX, noiseY) -> multiGaussTarget(x + noiseX, y + noiseY));
    }

    /**
     * The Playground's two regression sets: x, y uniform in [−6, 6], and the target of the point
     * displaced by uniform noise in [−6, 6]·noise (drawn in the order x, y, noise x, noise y).
     */
    private static Dataset regression(String name, int n, double noise, PortableRandom rng, Target target) {
        double radius = 6;
        Builder out = new Builder(name, n, 2, Dataset.Task.REGRESSION);
        for (int i = 0; i < n; i++) {
            double x = uniform(rng, -radius, radius);
            double y = uniform(rng, -radius, radius);
            double noiseX = uniform(rng, -radius, radius) * noise;
            double noiseY = uniform(rng, -radius, radius) * noise;
            out.add(x, y, target.at(x, y, noiseX, noiseY));
        }
        return out.build();
    }

    /** A regression target from a point and its noise; each set keeps its own order of additions. */
    @FunctionalInterface
    private interface Target {
        double at(double x, double y, double noiseX, double noiseY);
    }

    static double multiGaussTarget(double x, double y) {
        double label = 0;
        for (double[] bump : BUMPS) {
            double d = Math.hypot(x - bump[0], y - bump[1]);
            double value = bump[2] * Math.max(0, Math.min(1, 1 - d / 2));
            if (Math.abs(value) > Math.abs(label)) {
                label = value;
            }
        }
        return label;
    }

    /**
     * scikit-learn's {@code make_moons}: ⌊n/2⌋ points on the upper half circle (cos t, sin t),
     * label 0, and the rest on (1 − cos t, 0.5 − sin t), label 1, t evenly spaced on [0, π];
     * then Gaussian noise with standard deviation {@code noise} on both coordinates.
     */
    static Dataset moons(int n, double noise, PortableRandom rng) {
        Builder out = new Builder("moons", n, 2, Dataset.Task.BINARY);
        int outer = n / 2;
        int inner = n - outer;
        for (int i = 0; i < outer; i++) {
            double t = evenly(i, outer) * Math.PI;
            out.add(Math.cos(t) + noise * gaussian(rng), Math.sin(t) + noise * gaussian(rng), 0);
        }
        for (int i = 0; i < inner; i++) {
            double t = evenly(i, inner) * Math.PI;
            out.add(1 - Math.cos(t) + noise * gaussian(rng), 1 - Math.sin(t) - 0.5 + noise * gaussian(rng), 1);
        }
        return out.build();
    }

    /** numpy's linspace(0, 1, m)[i]. */
    private static double evenly(int i, int m) {
        return m == 1 ? 0 : (double) i / (m - 1);
    }

    static double uniform(PortableRandom rng, double a, double b) {
        return rng.nextDouble() * (b - a) + a;
    }

    /** Marsaglia's polar method, as the Playground samples its normals. */
    static double normal(PortableRandom rng, double mean, double variance) {
        return mean + Math.sqrt(variance) * gaussian(rng);
    }

    static double gaussian(PortableRandom rng) {
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * rng.nextDouble() - 1;
            v2 = 2 * rng.nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s > 1 || s == 0);
        return Math.sqrt(-2 * Math.log(s) / s) * v1;
    }

    /** Collects rows of one or two features and one target. */
    static final class Builder {
        private final String name;
        private final int features;
        private final Dataset.Task task;
        private final float[] x;
        private final float[] y;
        private int rows;

        Builder(String name, int n, int features, Dataset.Task task) {
            this.name = name;
            this.features = features;
            this.task = task;
            this.x = new float[n * features];
            this.y = new float[n];
        }

        void add(double x1, double x2, double target) {
            x[rows * 2] = (float) x1;
            x[rows * 2 + 1] = (float) x2;
            y[rows++] = (float) target;
        }

        void add(double x1, double target) {
            x[rows] = (float) x1;
            y[rows++] = (float) target;
        }

        Dataset build() {
            return new Dataset(name, x, y, rows, features, 1, task);
        }
    }
}
