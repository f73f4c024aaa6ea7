package org.actlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.actlab.nn.NetworkSpec.Loss;
import org.junit.jupiter.api.Test;

/** Loss values and gradients against closed forms, including logits far beyond exp's range. */
class LossesTest {

    private static double bce(float z, float y) {
        float a = (float) (1 / (1 + Math.exp(-z)));
        return Losses.sum(Loss.BCE, new float[] {z}, new float[] {a}, new float[] {y}, 0, 1, 1);
    }

    @Test
    void binaryCrossEntropyIsStableForAnyLogit() {
        assertEquals(Math.log(2), bce(0f, 1f), 1e-15);
        assertEquals(Math.log(2), bce(0f, 0f), 1e-15);
        // −log σ(z) = log(1 + e^{−z}); for z = 1000 that is e^{−1000}, which is 0 in double.
        assertEquals(0.0, bce(1000f, 1f), 0);
        assertEquals(1000.0, bce(1000f, 0f), 0);
        assertEquals(1000.0, bce(-1000f, 1f), 0);
        assertEquals(Math.exp(-30), bce(30f, 1f), 1e-12 * Math.exp(-30));
        // Moderate logits against the textbook form −y·log p − (1−y)·log(1−p), in double.
        for (float z : new float[] {-7.5f, -1f, 0.25f, 3f, 12f}) {
            double p = 1 / (1 + Math.exp(-z));
            assertEquals(-Math.log(p), bce(z, 1f), 1e-12, "z=" + z);
            assertEquals(-Math.log(1 - p), bce(z, 0f), 1e-9, "z=" + z);
        }
        // An infinite logit is already divergence; the loss must not pass for finite.
        assertEquals(false, Double.isFinite(bce(Float.POSITIVE_INFINITY, 0f)));
    }

    @Test
    void softmaxCrossEntropyUsesLogSumExp() {
        float[] z = {1000f, 0f, -1000f};
        float[] p = new float[3];
        Losses.softmax(z, p, 1, 3);
        assertEquals(1f, p[0]);
        assertEquals(0f, p[2]);
        assertEquals(0.0, Losses.sum(Loss.SOFTMAX_CE, z, p, new float[] {1, 0, 0}, 0, 1, 3), 0);
        assertEquals(1000.0, Losses.sum(Loss.SOFTMAX_CE, z, p, new float[] {0, 1, 0}, 0, 1, 3), 0);
        float[] small = {1f, 2f, 3f};
        // log(e + e² + e³) − 3 = log(1 + e^{−1} + e^{−2}) = 0.40760596444...
        assertEquals(0.4076059644443806, Losses.sum(Loss.SOFTMAX_CE, small, p, new float[] {0, 0, 1}, 0, 1, 3), 1e-12);
        // Gradient (p − y)/B for two rows: each row sums to 0; p for [1, 2, 3] is e^{z}/Σ.
        float[] zz = {1, 2, 3, 1, 2, 3};
        float[] pp = new float[6];
        Losses.softmax(zz, pp, 2, 3);
        double total = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(3) / total, pp[2], 1e-7);
        float[] grad = new float[6];
        Losses.gradient(Loss.SOFTMAX_CE, zz, pp, new float[] {0, 0, 1, 1, 0, 0}, 0, 2, 3, grad);
        assertEquals((Math.exp(3) / total - 1) / 2, grad[2], 1e-7);
        assertEquals((Math.exp(1) / total - 1) / 2, grad[3], 1e-7);
        assertEquals(0, grad[0] + grad[1] + grad[2], 1e-7);
    }

    @Test
    void meanSquaredErrorIsHalfTheSquaredDistance() {
        // One row of two outputs: ½((1 − 0)² + (2 − 0)²) = 2.5.
        assertEquals(2.5, Losses.sum(Loss.MSE, null, new float[] {1, 2}, new float[] {0, 0}, 0, 1, 2), 0);
        float[] grad = new float[2];
        Losses.gradient(Loss.MSE, null, new float[] {1, 2, 0.5f, 0}, new float[] {0, 0, 1, 0}, 0, 2, 1, grad);
        // Two rows of one output: (1 − 0)/2 and (2 − 0)/2.
        assertEquals(0.5f, grad[0]);
        assertEquals(1f, grad[1]);
    }
}
