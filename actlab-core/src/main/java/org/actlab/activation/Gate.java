package org.actlab.activation;

/**
 * The arithmetic shared by the gates (threshold, thresholded_relu, hardshrink, softshrink,
 * hard_tanh): where x passes, slope 1; elsewhere, including at the edges, slope 0. NaN stays NaN.
 */
final class Gate {

    private Gate() {
    }

    /** x where it passes, {@code otherwise} elsewhere; NaN for NaN. */
    static float pass(float x, boolean passes, float otherwise) {
        return passes || x != x ? x : otherwise;
    }

    /** The derivative of a gate: 1 where x passes, else 0; NaN for NaN. */
    static float slope(float x, boolean passes) {
        if (x != x) {
            return x;
        }
        return passes ? 1 : 0;
    }
}
