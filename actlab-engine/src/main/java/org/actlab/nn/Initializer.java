package org.actlab.nn;

import java.util.random.RandomGenerator;
import org.actlab.spec.Specified;

/**
 * Fills a parameter tensor with its initial values. Made by {@link Initializers#parse(String)};
 * immutable and stateless, so one instance can serve every layer.
 */
public interface Initializer extends Specified {

    /** The canonical spec, which {@link Initializers#parse(String)} reads back to an equal initialiser. */
    String spec();

    /**
     * Fills {@code values} (rows × cols, row-major) for a layer with the given fans. Weights are
     * units × inputs with fanIn = inputs and fanOut = units; a bias is 1 × units with the layer's fans.
     */
    void initialise(float[] values, int rows, int cols, int fanIn, int fanOut, RandomGenerator rng);

    /**
     * Whether this initialiser draws a layer's biases together with its weights (RAI does: Lu et al.
     * define it on each unit's vector of weights and bias). The layer's bias initialiser then goes
     * unused, so a network spec accepts only {@code zeros} beside it.
     */
    default boolean drawsBias() {
        return false;
    }

    /**
     * Fills one layer: {@code weights} (units × inputs) and {@code bias} (units). By default the weights
     * come from this initialiser and then the bias from {@code biasInit}, from the same stream;
     * an initialiser that {@link #drawsBias() draws the bias} fills both and leaves {@code biasInit} unused.
     */
    default void initialiseLayer(float[] weights, float[] bias, int units, int inputs, Initializer biasInit,
                                 RandomGenerator rng) {
        initialise(weights, units, inputs, inputs, units, rng);
        biasInit.initialise(bias, 1, units, inputs, units, rng);
    }
}
