package org.actlab.nn;

import org.actlab.activation.Activation;

/**
 * One dense layer during one step. Batch tensors are row-major batch × units; the arrays may be
 * longer than needed (buffers sized for the largest batch), so use {@code batchSize} × {@code units}.
 * For the output layer, {@code activation} is identity when the output is softmax (the softmax is
 * applied by the loss), and {@code a} then holds the softmax probabilities. {@code activation}
 * carries the parameters after this step's update (prelu's slope), like {@code weights}; {@code z}
 * and {@code a} come from the forward pass before it.
 *
 * @param index      the layer index: 0 is the first hidden layer, the last is the output layer
 * @param activation the layer's activation, with current learnable parameters
 * @param inputs     the fan-in
 * @param units      the fan-out
 * @param batchSize  rows in the batch tensors
 * @param z          pre-activations, batch × units, captured after the forward pass
 * @param a          activations f(z), batch × units
 * @param dZ         dL/dz, batch × units
 * @param dW         dL/dW, units × inputs, row-major (the gradient the optimiser received, without regularisation)
 * @param dB         dL/db, units
 * @param weights    the weights after the update, units × inputs, row-major
 * @param bias       the bias after the update, units
 * @param updateNorm the L2 norm of the weight update just applied (W_after − W_before)
 */
public record LayerSnapshot(int index, Activation activation, int inputs, int units, int batchSize,
                            float[] z, float[] a, float[] dZ, float[] dW, float[] dB,
                            float[] weights, float[] bias, double updateNorm) {
}
