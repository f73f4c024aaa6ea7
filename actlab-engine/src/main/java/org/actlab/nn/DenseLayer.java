package org.actlab.nn;

import org.actlab.activation.Activation;

/**
 * One fully connected layer: z = W x + b, a = f(z). Weights are units × inputs, row-major.
 * The arrays returned are live: writing to them changes the layer.
 */
public final class DenseLayer {

    // API contract for the engine; the implementation replaces these bodies.

    public int inputs() {
        throw new UnsupportedOperationException("engine not written yet");
    }

    public int units() {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /** The activation, with its current learnable parameters. */
    public Activation activation() {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /** Weights, units × inputs, row-major, live. */
    public float[] weights() {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /** Bias, one per unit, live. */
    public float[] bias() {
        throw new UnsupportedOperationException("engine not written yet");
    }
}
