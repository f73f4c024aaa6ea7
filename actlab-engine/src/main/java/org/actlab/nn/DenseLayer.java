package org.actlab.nn;

import java.util.Objects;
import org.actlab.activation.Activation;

/**
 * One fully connected layer: z = W x + b, a = f(z). Weights are units × inputs, row-major.
 * The arrays returned are live: writing to them changes the layer.
 */
public final class DenseLayer {

    private final int inputs;
    private final int units;
    private final float[] weights;
    private final float[] bias;
    private Activation activation;

    DenseLayer(int inputs, int units, Activation activation, float[] weights, float[] bias) {
        if (inputs <= 0 || units <= 0) {
            throw new IllegalArgumentException("a layer needs inputs >= 1 and units >= 1, got inputs=" + inputs + ", units=" + units);
        }
        if (weights.length != inputs * units) {
            throw new IllegalArgumentException("weights have " + weights.length + " values, expected units*inputs = " + units * inputs);
        }
        if (bias.length != units) {
            throw new IllegalArgumentException("bias has " + bias.length + " values, expected units = " + units);
        }
        this.inputs = inputs;
        this.units = units;
        this.weights = weights;
        this.bias = bias;
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    public int inputs() {
        return inputs;
    }

    public int units() {
        return units;
    }

    /** The activation, with its current learnable parameters. */
    public Activation activation() {
        return activation;
    }

    /** Weights, units × inputs, row-major, live. */
    public float[] weights() {
        return weights;
    }

    /** Bias, one per unit, live. */
    public float[] bias() {
        return bias;
    }

    /** Replaces the activation after its learnable parameters changed (prelu's slope). */
    void activation(Activation updated) {
        this.activation = Objects.requireNonNull(updated, "activation");
    }

    DenseLayer copy() {
        return new DenseLayer(inputs, units, activation, weights.clone(), bias.clone());
    }

    @Override
    public String toString() {
        return "DenseLayer[" + inputs + " -> " + units + ", " + activation.spec() + "]";
    }
}
