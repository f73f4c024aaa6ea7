package org.actlab.diagnose;

import org.actlab.activation.Activation;
import org.actlab.diagnose.LayerStatistics.StepFigures;

/** Hand-built layer values for tests: z = W x + b and a = f(z) per sample, row-major. */
final class Layers {

    private Layers() {
    }

    /** z (n × units) for x (n × inputs), W (units × inputs) and b, computed in double. */
    static float[] preActivations(float[] x, int n, int inputs, float[] w, float[] b, int units) {
        float[] z = new float[n * units];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < units; j++) {
                double sum = b[j];
                for (int k = 0; k < inputs; k++) {
                    sum += (double) w[j * inputs + k] * x[s * inputs + k];
                }
                z[s * units + j] = (float) sum;
            }
        }
        return z;
    }

    /** The health of one layer of {@code units} over n samples with pre-activations z, under the default thresholds. */
    static LayerHealth health(Activation f, float[] z, int n, int units) {
        return LayerStatistics.layerHealth(0, f, z, apply(f, z), n, units, StepFigures.NONE, DiagnosticsConfig.defaults());
    }

    static float[] apply(Activation f, float[] z) {
        float[] a = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            a[i] = f.apply(z[i]);
        }
        return a;
    }

    /** dW = dZᵀ x: units × inputs, from dZ (n × units) and x (n × inputs), in double. */
    static float[] weightGradient(float[] dZ, float[] x, int n, int units, int inputs) {
        float[] dW = new float[units * inputs];
        for (int j = 0; j < units; j++) {
            for (int k = 0; k < inputs; k++) {
                double sum = 0;
                for (int s = 0; s < n; s++) {
                    sum += (double) dZ[s * units + j] * x[s * inputs + k];
                }
                dW[j * inputs + k] = (float) sum;
            }
        }
        return dW;
    }

    /** n points of a seeded grid-free uniform cloud in [−1, 1]^inputs. */
    static float[] uniform(int n, int inputs, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] x = new float[n * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * random.nextDouble() - 1);
        }
        return x;
    }
}
