package org.actlab.kernel;

/**
 * Bulk parameter updates of the optimisers, on the same path as the other kernels
 * ({@link Kernels#updates()}).
 *
 * <h2>Rounding</h2>
 * The arithmetic is the optimisers' own: each element is widened to double, updated with
 * separately rounded double operations (no fused multiply-add) and rounded back to float once.
 * Both implementations do exactly that per element, so they give the same bits.
 */
public interface UpdateKernels {

    /**
     * Plain gradient descent: {@code w[i] = (float) (w[i] − rate·g[i])} for every i, the product and
     * the difference each rounded in double.
     *
     * @throws IllegalArgumentException when {@code w} and {@code g} differ in length
     */
    void sgd(float[] w, float[] g, double rate);

    /** The scalar twin, always available. */
    static UpdateKernels scalar() {
        return ScalarUpdateKernels.INSTANCE;
    }

    /** Checks that a parameter array and its gradient have the same length. */
    static void checkLengths(float[] w, float[] g) {
        if (w.length != g.length) {
            throw new IllegalArgumentException(w.length + " parameters but " + g.length + " gradient values");
        }
    }
}
