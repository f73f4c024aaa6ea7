package org.actlab.nn;

import java.util.List;

/**
 * What the optimiser receives from back-propagation: g_W = dW + λ₂·W + λ₁·sign(W) (penalties
 * λ₂/2·‖W‖² and λ₁·‖W‖₁ on weights only, as in TensorFlow Playground), g_b = db, g_θ = dθ; with
 * clipping, each layer's (g_W, g_b, g_θ) is scaled by min(1, clipNorm/‖(g_W, g_b, g_θ)‖₂).
 *
 * @param l1       λ₁, checked by {@link TrainConfig}
 * @param l2       λ₂, checked by {@link TrainConfig}
 * @param clipNorm the clip norm; 0 or less for none
 */
record Penalties(double l1, double l2, double clipNorm) {

    /** Fills the gradient slots from the last back-propagation. */
    void fill(List<DenseLayer> layers, Backprop backprop, ParameterSlots slots) {
        for (int l = 0; l < layers.size(); l++) {
            float[] weights = layers.get(l).weights();
            float[] dW = backprop.dW(l);
            float[] gW = slots.weightGradient(l);
            if (l1 == 0 && l2 == 0) {
                System.arraycopy(dW, 0, gW, 0, dW.length);
            } else {
                for (int i = 0; i < dW.length; i++) {
                    gW[i] = (float) (dW[i] + l2 * weights[i] + l1 * Math.signum(weights[i]));
                }
            }
            float[] gB = slots.biasGradient(l);
            System.arraycopy(backprop.dB(l), 0, gB, 0, gB.length);
            float[] gP = slots.parameterGradient(l);
            if (gP != null) {
                System.arraycopy(backprop.dP(l), 0, gP, 0, gP.length);
            }
            if (clipNorm > 0) {
                clip(gW, gB, gP);
            }
        }
    }

    private void clip(float[] gW, float[] gB, float[] gP) {
        double norm = Math.sqrt(sumOfSquares(gW) + sumOfSquares(gB) + (gP != null ? sumOfSquares(gP) : 0));
        if (norm > clipNorm) {
            double scale = clipNorm / norm;
            scale(gW, scale);
            scale(gB, scale);
            if (gP != null) {
                scale(gP, scale);
            }
        }
    }

    private static void scale(float[] g, double scale) {
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (g[i] * scale);
        }
    }

    private static double sumOfSquares(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return sum;
    }
}
