package org.actlab.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * The optimiser's view of a network: one slot per parameter array, in layer order — the weights
 * (decayed by adamw), the bias, then the learnable activation parameters when the layer has any —
 * with a gradient array of the same size per slot.
 *
 * <p>Weight and bias slots are the layer's own arrays, so the optimiser updates them in place.
 * Activation parameters live in an immutable {@code Activation}, so their slot is a copy that
 * {@link #writeBack} turns into a new activation after each step.
 */
final class ParameterSlots {

    /** Per slot, the parameter values the optimiser updates. */
    final float[][] values;
    /** Per slot, the gradient the optimiser receives. */
    final float[][] gradients;
    private final int[] firstSlot;
    private final boolean[] hasParameters;
    private final boolean[] decayed;

    ParameterSlots(List<DenseLayer> layers) {
        List<float[]> valueList = new ArrayList<>();
        List<Boolean> decayList = new ArrayList<>();
        firstSlot = new int[layers.size()];
        hasParameters = new boolean[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            firstSlot[l] = valueList.size();
            valueList.add(layer.weights());
            decayList.add(true);
            valueList.add(layer.bias());
            decayList.add(false);
            float[] parameters = layer.activation().parameters();
            if (parameters.length > 0) {
                hasParameters[l] = true;
                valueList.add(parameters.clone());
                decayList.add(false);
            }
        }
        values = valueList.toArray(new float[0][]);
        gradients = new float[values.length][];
        decayed = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            gradients[i] = new float[values[i].length];
            decayed[i] = decayList.get(i);
        }
    }

    /** Prepares an optimiser for these slots. */
    void initialise(Optimizer optimizer) {
        int[] sizes = new int[values.length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = values[i].length;
        }
        optimizer.initialise(sizes, decayed);
    }

    /** The gradient slot of layer l's weights. */
    float[] weightGradient(int layer) {
        return gradients[firstSlot[layer]];
    }

    /** The gradient slot of layer l's bias. */
    float[] biasGradient(int layer) {
        return gradients[firstSlot[layer] + 1];
    }

    /** The gradient slot of layer l's activation parameters, or null when it has none. */
    float[] parameterGradient(int layer) {
        return hasParameters[layer] ? gradients[firstSlot[layer] + 2] : null;
    }

    /** The updated activation parameters of layer l, or null when it has none. */
    float[] parameters(int layer) {
        return hasParameters[layer] ? values[firstSlot[layer] + 2] : null;
    }

    /**
     * Gives every layer with learnable activation parameters an activation carrying the updated
     * values.
     *
     * @param divergence checks that the values are finite before they are used
     */
    void writeBack(List<DenseLayer> layers, DivergenceWatch divergence) {
        for (int l = 0; l < layers.size(); l++) {
            float[] updated = parameters(l);
            if (updated == null) {
                continue;
            }
            divergence.checkActivationParameters(l, updated);
            DenseLayer layer = layers.get(l);
            layer.activation(layer.activation().withParameters(updated.clone()));
        }
    }
}
