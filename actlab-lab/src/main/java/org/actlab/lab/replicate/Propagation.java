package org.actlab.lab.replicate;

import java.util.SplittableRandom;
import org.actlab.activation.Activation;
import org.actlab.nn.Initializers;

/**
 * Signals through a random fully connected network at initialisation, in double precision: the
 * rows of {@code x} go through layers of {@code width} units, each layer y = f(W a + b).
 */
final class Propagation {

    /** How one layer's weights and biases are drawn. */
    interface Init {
        /** Fills {@code w} (width × fanIn, row-major) and {@code b} (width). */
        void draw(double[] w, double[] b, int width, int fanIn, SplittableRandom rng);
    }

    private Propagation() {
    }

    /** LeCun normal: N(0, 1/fanIn) weights, zero biases (Klambauer et al.'s initialisation for SELU). */
    static final Init LECUN_NORMAL = (w, b, width, fanIn, rng) -> normal(w, 1.0 / fanIn, rng);

    /** He normal: N(0, 2/fanIn) weights, zero biases. */
    static final Init HE_NORMAL = (w, b, width, fanIn, rng) -> normal(w, 2.0 / fanIn, rng);

    /**
     * Randomized asymmetric initialisation as Lu et al. (2019, Algorithm 1) define it, drawn by the
     * engine's {@code rai} initialiser (the one definition): per unit the vector of its weights and its
     * bias, with one entry, the bias included, replaced by ξ ~ Beta(2, 1). Drawn in float, as the engine
     * trains, and widened to double.
     */
    static final Init RAI = (w, b, width, fanIn, rng) -> {
        float[] weights = new float[w.length];
        float[] bias = new float[width];
        Initializers.parse("rai").initialiseLayer(weights, bias, width, fanIn, Initializers.parse("zeros"), rng);
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i];
        }
        for (int u = 0; u < width; u++) {
            b[u] = bias[u];
        }
    };

    private static void normal(double[] w, double variance, SplittableRandom rng) {
        double std = Math.sqrt(variance);
        for (int i = 0; i < w.length; i++) {
            w[i] = std * gaussian(rng);
        }
    }

    /** A standard normal draw (Box–Muller; one of the pair is used, which keeps the stream simple). */
    static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * One layer: out[r][u] = f(Σ_k w[u][k] in[r][k] + b[u]).
     *
     * @return the outputs, rows × width
     */
    static double[][] layer(double[][] in, double[] w, double[] b, int width, Activation f) {
        int fanIn = in[0].length;
        double[][] out = new double[in.length][width];
        for (int r = 0; r < in.length; r++) {
            double[] a = in[r];
            double[] o = out[r];
            for (int u = 0; u < width; u++) {
                double z = b[u];
                int base = u * fanIn;
                for (int k = 0; k < fanIn; k++) {
                    z += w[base + k] * a[k];
                }
                o[u] = f.apply((float) z);
            }
        }
        return out;
    }

    /** Mean and (population) variance of every entry of a matrix. */
    static double[] meanVariance(double[][] a) {
        double sum = 0;
        long n = 0;
        for (double[] row : a) {
            for (double v : row) {
                sum += v;
                n++;
            }
        }
        double mean = sum / n;
        double squares = 0;
        for (double[] row : a) {
            for (double v : row) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new double[] {mean, squares / n};
    }
}
