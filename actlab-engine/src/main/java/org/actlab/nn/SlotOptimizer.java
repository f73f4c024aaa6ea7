package org.actlab.nn;

import java.util.Arrays;

/**
 * The lifecycle every optimiser shares: per-slot state arrays allocated by {@link #initialise},
 * argument checks and the step counter in {@link #step}, zeroing in {@link #reset} and deep copies
 * in {@link #copy}. A subclass says how many state arrays a slot needs and updates one slot in
 * {@link #update}; arithmetic is in double and state is stored as float.
 */
abstract class SlotOptimizer implements Optimizer {

    private final int stateArrays;
    /** state[k][slot]: the k-th state array of a slot (velocity, moment estimates). */
    private float[][][] state;
    private boolean[] decayed;
    private long t;

    /** @param stateArrays how many arrays of slot size the rule keeps per slot (0 for plain SGD) */
    protected SlotOptimizer(int stateArrays) {
        this.stateArrays = stateArrays;
    }

    /** A new optimiser with the same hyperparameters and no state. */
    protected abstract SlotOptimizer fresh();

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

    /** Checks 0 ≤ value &lt; 1 (or 0 &lt; value &lt; 1 when zero is not allowed), naming the optimiser and key. */
    static double unitInterval(String optimizer, String key, double value, boolean zeroAllowed) {
        if (!(value < 1) || !(zeroAllowed ? value >= 0 : value > 0)) {
            throw new IllegalArgumentException("optimiser '" + optimizer + "': " + key + " must be in "
                    + (zeroAllowed ? "[0, 1)" : "(0, 1)") + ", got " + Specs.show(value));
        }
        return value;
    }

    /** Checks value &gt; 0, naming the optimiser and key. */
    static double positive(String optimizer, String key, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("optimiser '" + optimizer + "': " + key + " must be > 0, got " + Specs.show(value));
        }
        return value;
    }
}
