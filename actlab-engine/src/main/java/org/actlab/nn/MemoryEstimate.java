package org.actlab.nn;

import org.actlab.data.MemoryBudget;

/**
 * What training a network needs in memory, estimated from its spec before anything is allocated, so
 * that a network too large for the heap is refused in milliseconds rather than failing minutes in.
 *
 * <p>Per parameter, 4-byte floats: the weights, their gradients, up to two optimiser moments (Adam),
 * and the copy of the previous weights the diagnostics keep: 5 floats = {@value #BYTES_PER_PARAMETER}
 * bytes. Per row of a batch and per unit: the pre-activation, the activation and the back-propagated
 * error, times two for the evaluation buffers: 6 floats. It is an upper estimate for SGD and a close one
 * for Adam.
 */
public final class MemoryEstimate {

    /** Bytes held per weight or bias during training. */
    public static final int BYTES_PER_PARAMETER = 5 * Float.BYTES;
    /** Bytes held per unit and batch row during training. */
    public static final int BYTES_PER_ACTIVATION = 6 * Float.BYTES;
    /** Rows the evaluation works through at a time, at most. */
    private static final int EVALUATION_ROWS = 1024;

    private MemoryEstimate() {
    }

    /** Weights and biases of a network with this spec; −1 if the count overflows a long. */
    public static long parameters(NetworkSpec spec) {
        long total = 0;
        long inputs = spec.inputs();
        for (int l = 0; l <= spec.hidden().size(); l++) {
            long units = l == spec.hidden().size() ? spec.outputs() : spec.hidden().get(l).units();
            long weights = MemoryBudget.product(units, inputs);
            if (weights < 0 || weights > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("layer " + l + " would have " + units + " × " + inputs
                        + " weights, more than one array can hold (" + (Integer.MAX_VALUE - 8) + ")");
            }
            total += weights + units;
            inputs = units;
        }
        return total;
    }

    /** Bytes to train a network with this spec at this batch size. */
    public static long training(NetworkSpec spec, int batch) {
        long units = spec.inputs() + spec.outputs();
        for (NetworkSpec.LayerSpec layer : spec.hidden()) {
            units += layer.units();
        }
        long rows = (long) batch + Math.min(batch, EVALUATION_ROWS);
        return parameters(spec) * BYTES_PER_PARAMETER + units * rows * BYTES_PER_ACTIVATION;
    }

    /**
     * Refuses, before allocation, a network whose training would not fit the heap.
     *
     * @throws IllegalArgumentException giving the estimate, the heap size and how to raise it
     */
    public static void requireTraining(NetworkSpec spec, int batch, int rows) {
        long bytes = training(spec, Math.max(1, Math.min(batch, Math.max(1, rows))));
        StringBuilder shape = new StringBuilder().append(spec.inputs());
        for (NetworkSpec.LayerSpec layer : spec.hidden()) {
            shape.append('→').append(layer.units());
        }
        shape.append('→').append(spec.outputs());
        MemoryBudget.require(bytes, "training a " + shape + " network (" + parameters(spec) + " parameters)");
    }
}
