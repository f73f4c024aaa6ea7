package org.actlab.nn;

import org.actlab.spec.Specified;

/**
 * A gradient-based update rule with its own state (velocities, moment estimates), made by
 * {@link Optimizers#parse(String)}.
 *
 * <h2>Lifecycle</h2>
 * (after Tribuo's {@code StochasticGradientOptimiser})
 * <ol>
 * <li>{@link #initialise(int[], boolean[])} once, before the first step: allocates zeroed state for
 *     one slot per parameter array (for a dense layer: weights, bias, and any learnable activation
 *     parameters), and says which slots take decoupled weight decay (adamw: weights only).</li>
 * <li>{@link #step(float[][], float[][], double)} once per mini-batch: updates every slot in place
 *     from its gradient and advances the step counter t (1 at the first step, for bias correction).</li>
 * <li>{@link #reset()} zeroes the state and t, as if newly initialised.</li>
 * <li>{@link #copy()} gives an independent optimiser with the same hyperparameters and a copy of the state.</li>
 * </ol>
 * Not thread-safe. {@link #toString()} shows the spec with every hyperparameter.
 */
public interface Optimizer extends Specified {

    /** The canonical spec with every hyperparameter, for example {@code "adam(beta1=0.9,beta2=0.999,eps=1e-8)"}. */
    String spec();

    /**
     * Allocates state for slots of the given sizes.
     *
     * @param sizes   the length of each parameter array
     * @param decayed per slot, whether decoupled weight decay applies
     */
    void initialise(int[] sizes, boolean[] decayed);

    /**
     * One update of every slot: {@code params[i]} changes in place using {@code grads[i]} (the same
     * length as at {@link #initialise}).
     *
     * @param learningRate the rate for this step, after any schedule
     */
    void step(float[][] params, float[][] grads, double learningRate);

    /** Zeroes the state and the step counter. */
    void reset();

    /** An independent copy with the same hyperparameters and state. */
    Optimizer copy();
}
