package org.actlab.nn;

import java.util.List;
import org.actlab.data.Dataset;

/**
 * A fully connected feed-forward network: hidden layers, then an output layer.
 *
 * <p>Layer i holds weights (units × inputs, row-major) and a bias. Training is float32.
 * Not thread-safe: one network per thread, or {@link #copy()}.
 */
public final class Network {

    // API contract for the engine; the implementation replaces these bodies.

    /** Builds a network from its spec, initialising weights and biases from {@code seed}. */
    public static Network create(NetworkSpec spec, long seed) {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /** The spec this network was built from. */
    public NetworkSpec spec() {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /** The layers: hidden layers first, the output layer last. */
    public List<DenseLayer> layers() {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /**
     * Predicts n rows of x (n × inputs) into out (n × outputs): probabilities for sigmoid and
     * softmax outputs, values otherwise.
     */
    public void predict(float[] x, int n, float[] out) {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /** Forward pass over n rows keeping every layer's z and a, for diagnostics on an evaluation set. */
    public List<LayerTrace> trace(float[] x, int n) {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /** The mean loss over a data set (without regularisation). */
    public double loss(Dataset data) {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /** Classification accuracy over a data set, NaN for regression. */
    public double accuracy(Dataset data) {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /** A deep copy: same spec, same weights, same learnable activation parameters. */
    public Network copy() {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /**
     * One layer's forward values for n rows.
     *
     * @param index the layer index
     * @param n     rows
     * @param z     pre-activations, n × units
     * @param a     activations, n × units (for a softmax output: the probabilities)
     */
    public record LayerTrace(int index, int n, float[] z, float[] a) {
    }
}
