package org.actlab.nn;

import java.util.Arrays;
import org.actlab.spec.Param;
import org.actlab.spec.Schema;
import org.actlab.spec.Values;

/**
 * The lifecycle every optimiser shares: per-slot state arrays allocated by {@link #initialise},
 * argument checks and the step counter in {@link #step}, zeroing in {@link #reset} and deep copies
 * in {@link #copy} (of a fresh optimiser the registry makes from the same values). A subclass
 * says how many state arrays a slot needs and updates one slot in {@link #update}; arithmetic is
 * in double and state is stored as float. Each subclass declares its
 * hyperparameters once, as a {@link Schema} that the registry parses specs with and the constructor
 * checks values made in code against; the canonical spec is printed from it.
 */
abstract class SlotOptimizer implements Optimizer {

    /** The kind of thing an optimiser spec names, for messages. */
    static final String KIND = "optimiser";
    static final Param EPS = Param.of("eps", 1e-8).positive();
    static final Param BETA1 = Param.of("beta1", 0.9).atLeast(0).below(1);
    static final Param BETA2 = Param.of("beta2", 0.999).positive().below(1);

    private final int stateArrays;
    private final Schema schema;
    private final double[] hyperparameters;
    /** state[k][slot]: the k-th state array of a slot (velocity, moment estimates). */
    private float[][][] state;
    private boolean[] decayed;
    private long t;

    /**
     * @param stateArrays     how many arrays of slot size the rule keeps per slot (0 for plain SGD)
     * @param schema          the hyperparameters' names, defaults and bounds
     * @param hyperparameters their values in the schema's order
     * @throws IllegalArgumentException naming the first value out of its bounds
     */
    SlotOptimizer(int stateArrays, Schema schema, double... hyperparameters) {
        this.stateArrays = stateArrays;
        this.schema = schema;
        this.hyperparameters = schema.check(hyperparameters).clone();
    }

    @Override
    public final String spec() {
        return schema.format(hyperparameters);
    }

    /**
     * A new optimiser with the same hyperparameters and no state, made by the registry from this
     * one's checked values (the schema's order is the makers' argument order).
     */
    private SlotOptimizer fresh() {
        return (SlotOptimizer) Optimizers.registry().make(new Values(schema, hyperparameters.clone()));
    }

    /**
     * Updates one slot in place.
     *
     * @param slot         the slot index
     * @param w            the parameters
     * @param g            their gradient
     * @param state        the slot's state arrays (as many as given to the constructor)
     * @param decayed      whether decoupled weight decay applies to this slot
     * @param t            the step, from 1
     * @param learningRate the rate for this step
     */
    protected abstract void update(int slot, float[] w, float[] g, float[][] state, boolean decayed, long t,
                                   double learningRate);

    @Override
    public final void initialise(int[] sizes, boolean[] decayedSlots) {
        if (decayedSlots.length != sizes.length) {
            throw new IllegalArgumentException("sizes has " + sizes.length + " slots but decayed has " + decayedSlots.length);
        }
        state = new float[sizes.length][stateArrays][];
        for (int i = 0; i < sizes.length; i++) {
            for (int k = 0; k < stateArrays; k++) {
                state[i][k] = new float[sizes[i]];
            }
        }
        decayed = decayedSlots.clone();
        t = 0;
    }

    @Override
    public final void step(float[][] params, float[][] grads, double learningRate) {
        if (state == null) {
            throw new IllegalStateException(spec() + ": call initialise before step");
        }
        if (params.length != state.length || grads.length != state.length) {
            throw new IllegalArgumentException(spec() + ": initialised for " + state.length + " slots, got "
                    + params.length + " parameter and " + grads.length + " gradient arrays");
        }
        t++;
        for (int slot = 0; slot < params.length; slot++) {
            update(slot, params[slot], grads[slot], state[slot], decayed[slot], t, learningRate);
        }
    }

    @Override
    public final void reset() {
        if (state != null) {
            for (float[][] slot : state) {
                for (float[] values : slot) {
                    Arrays.fill(values, 0f);
                }
            }
        }
        t = 0;
    }

    @Override
    public final Optimizer copy() {
        SlotOptimizer copy = fresh();
        if (state != null) {
            copy.state = new float[state.length][stateArrays][];
            for (int i = 0; i < state.length; i++) {
                for (int k = 0; k < stateArrays; k++) {
                    copy.state[i][k] = state[i][k].clone();
                }
            }
            copy.decayed = decayed.clone();
        }
        copy.t = t;
        return copy;
    }

    @Override
    public final String toString() {
        return spec();
    }
}
