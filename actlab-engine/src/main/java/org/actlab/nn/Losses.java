package org.actlab.nn;

import org.actlab.nn.NetworkSpec.Loss;

/**
 * The losses, averaged over the B rows of a batch and summed over the output columns j.
 * With z the output layer's pre-activations (logits), a its outputs and y the targets:
 * <ul>
 * <li>MSE: L = (1/B)·Σ ½(a − y)²; dL/da = (a − y)/B, then dL/dz = dL/da·g'(z) for the output function g</li>
 * <li>BCE on logits (sigmoid output): L = (1/B)·Σ [max(z, 0) − z·y + log1p(e^{−|z|})], which equals
 *     −y·log σ(z) − (1−y)·log(1−σ(z)) without overflow or log(0) for any z; dL/dz = (σ(z) − y)/B</li>
 * <li>softmax cross-entropy: L = (1/B)·Σ_rows Σ_j y_j·(lse(z) − z_j) with lse(z) = m + log Σ e^{z_k − m},
 *     m = max z; dL/dz_j = (p_j·Σ_k y_k − y_j)/B with p = softmax(z), which is (p − y)/B for one-hot y</li>
 * </ul>
 * Sums are accumulated in double.
 */
final class Losses {

    private Losses() {
    }

    /** The summed (not yet averaged) loss of n rows. */
    static double sum(Loss loss, float[] z, float[] a, float[] y, int yOff, int n, int outputs) {
        double total = 0;
        for (int r = 0; r < n; r++) {
            int row = r * outputs;
            int target = yOff + r * outputs;
            switch (loss) {
                case MSE:
                    for (int j = 0; j < outputs; j++) {
                        double d = (double) a[row + j] - y[target + j];
                        total += 0.5 * d * d;
                    }
                    break;
                case BCE:
                    for (int j = 0; j < outputs; j++) {
                        double logit = z[row + j];
                        total += Math.max(logit, 0) - logit * y[target + j] + Math.log1p(Math.exp(-Math.abs(logit)));
                    }
                    break;
                default:
                    double lse = logSumExp(z, row, outputs);
                    for (int j = 0; j < outputs; j++) {
                        double yj = y[target + j];
                        if (yj != 0) {
                            total += yj * (lse - z[row + j]);
                        }
                    }
                    break;
            }
        }
        return total;
    }

    static double logSumExp(float[] z, int row, int outputs) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < outputs; j++) {
            max = Math.max(max, z[row + j]);
        }
        if (Double.isInfinite(max)) {
            return max;
        }
        double sum = 0;
        for (int j = 0; j < outputs; j++) {
            sum += Math.exp(z[row + j] - max);
        }
        return max + Math.log(sum);
    }

    /** p = softmax(z) row by row, shifted by the row maximum so that exp never overflows. */
    static void softmax(float[] z, float[] p, int n, int outputs) {
        for (int r = 0; r < n; r++) {
            int row = r * outputs;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < outputs; j++) {
                max = Math.max(max, z[row + j]);
            }
            double sum = 0;
            for (int j = 0; j < outputs; j++) {
                sum += Math.exp(z[row + j] - max);
            }
            for (int j = 0; j < outputs; j++) {
                p[row + j] = (float) (Math.exp(z[row + j] - max) / sum);
            }
        }
    }

    /**
     * dL/dz for BCE and softmax CE, or dL/da for MSE, averaged over {@code batch} rows, into {@code out}.
     */
    static void gradient(Loss loss, float[] z, float[] a, float[] y, int yOff, int n, int outputs, float[] out) {
        double scale = 1.0 / n;
        for (int r = 0; r < n; r++) {
            int row = r * outputs;
            int target = yOff + r * outputs;
            switch (loss) {
                case MSE:
                case BCE:
                    // a is σ(z) for BCE, so both are (a − y)/B, as dL/da for MSE and dL/dz for BCE.
                    for (int j = 0; j < outputs; j++) {
                        out[row + j] = (float) (((double) a[row + j] - y[target + j]) * scale);
                    }
                    break;
                default:
                    double mass = 0;
                    for (int j = 0; j < outputs; j++) {
                        mass += y[target + j];
                    }
                    for (int j = 0; j < outputs; j++) {
                        out[row + j] = (float) (((double) a[row + j] * mass - y[target + j]) * scale);
                    }
                    break;
            }
        }
    }
}
