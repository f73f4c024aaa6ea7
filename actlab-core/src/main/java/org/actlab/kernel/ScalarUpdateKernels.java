package org.actlab.kernel;

/**
 * The scalar twin of {@link UpdateKernels}. On HotSpot up to at least JDK 17 this loop is not
 * vectorised (float↔double conversions of mixed widths), and each conversion carries a false
 * dependency on its destination register, which made SGD's update about 3.4 ns per parameter on
 * Zen 5: a third of a training step. The vector twin does the same arithmetic in double lanes.
 */
final class ScalarUpdateKernels implements UpdateKernels {

    static final UpdateKernels INSTANCE = new ScalarUpdateKernels();

    private ScalarUpdateKernels() {
    }

    @Override
    public void sgd(float[] w, float[] g, double rate) {
        UpdateKernels.checkLengths(w, g);
        sgd(w, g, rate, 0, w.length);
    }

    /** The update on [from, to), also the vector twin's tail. */
    static void sgd(float[] w, float[] g, double rate, int from, int to) {
        for (int i = from; i < to; i++) {
            w[i] = (float) (w[i] - rate * g[i]);
        }
    }
}
