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
}
