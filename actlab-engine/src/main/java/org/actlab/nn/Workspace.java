package org.actlab.nn;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.actlab.activation.Activation;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Gemm;
import org.actlab.kernel.StepMask;
import org.actlab.nn.NetworkSpec.Loss;
import org.actlab.nn.NetworkSpec.Output;

/**
 * Preallocated per-layer buffers for batches of up to {@code capacity} rows, and the forward and
 * backward passes that run in them without allocating. Batch tensors are row-major rows × units.
 *
 * <p>Forward, for layer l with input A_{l−1} (A_{−1} = X): Z_l = A_{l−1}·W_lᵀ + b_l, A_l = f_l(Z_l).
 * Backward, from dZ_L given by the loss: dW_l = dZ_lᵀ·A_{l−1}, db_l = Σ_rows dZ_l,
 * dA_{l−1} = dZ_l·W_l, dZ_{l−1} = dA_{l−1} ⊙ f'_{l−1}(Z_{l−1}).
 */
final class Workspace {

    final int capacity;
    final float[][] z;
    final float[][] a;
    final float[][] dA;
    final float[][] dZ;
    final float[][] dW;
    final float[][] dB;
    /** dL/dθ of each layer's learnable activation parameters (prelu's slope); empty when none. */
    final float[][] dP;
    /** Scratch for the bias gradients' column sums, as wide as the widest layer. */
    private final double[] biasSums;
    /**
     * The {@link StepMask} of each relu or leaky_relu layer's z (null for other layers, and in a
     * workspace without masks): the backward pass then reads dA and these bits instead of z.
     */
    private final int[][] masks;
    /** Elements of each layer's mask recorded by the last forward pass, −1 when none is current. */
    final int[] masked;

    /** A workspace for forward and backward passes, with step masks for relu and leaky_relu layers. */
    Workspace(List<DenseLayer> layers, int capacity) {
        this(layers, capacity, true);
    }

    /**
     * @param stepMasks whether forward passes record relu's and leaky_relu's step masks for the
     *                  backward pass; false for inference-only buffers, where no backward pass reads
     *                  them (the backward pass then reads z, with the same bits)
     */
    Workspace(List<DenseLayer> layers, int capacity, boolean stepMasks) {
        this.capacity = capacity;
        int count = layers.size();
        z = new float[count][];
        a = new float[count][];
        dA = new float[count][];
        dZ = new float[count][];
        dW = new float[count][];
        dB = new float[count][];
        dP = new float[count][];
        masks = new int[count][];
        masked = new int[count];
        Arrays.fill(masked, -1);
        int widest = 0;
        for (int l = 0; l < count; l++) {
            DenseLayer layer = layers.get(l);
            int size = Math.multiplyExact(capacity, layer.units());
            z[l] = new float[size];
            a[l] = new float[size];
            dA[l] = new float[size];
            dZ[l] = new float[size];
            dW[l] = new float[layer.weights().length];
            dB[l] = new float[layer.units()];
            dP[l] = new float[layer.activation().parameters().length];
            if (stepMasks && StepMask.applies(layer.activation())) {
                masks[l] = new int[StepMask.length(size)];
            }
            widest = Math.max(widest, layer.units());
        }
        biasSums = new double[widest];
    }

    /**
     * The forward pass over n rows of x starting at row offset {@code xOff} (in floats).
     *
     * @param rng null for inference; during training the generator for stochastic activations
     */
    void forward(Network network, Gemm gemm, ActivationKernels kernels, float[] x, int xOff, int n, RandomGenerator rng) {
        checkRows(n);
        List<DenseLayer> layers = network.layers();
        float[] in = x;
        int inOff = xOff;
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            int units = layer.units();
            int inputs = layer.inputs();
            float[] zl = z[l];
            gemm.multiply(false, true, n, units, inputs, in, inOff, inputs, layer.weights(), 0, inputs, 0f, zl, 0, units);
            float[] bias = layer.bias();
            for (int r = 0; r < n; r++) {
                int row = r * units;
                for (int j = 0; j < units; j++) {
                    zl[row + j] += bias[j];
                }
            }
            boolean last = l == layers.size() - 1;
            Activation f = layer.activation();
            masked[l] = -1;
            if (last && network.spec().output() == Output.SOFTMAX) {
                Losses.softmax(zl, a[l], n, units);
            } else if (rng != null && f.isStochastic()) {
                kernels.forwardTraining(f, zl, 0, a[l], 0, n * units, rng);
            } else if (masks[l] != null) { // a mask exists only for the layers it applies to
                kernels.forwardWithMask(f, zl, 0, a[l], 0, masks[l], 0, n * units);
                masked[l] = n * units;
            } else {
                kernels.forward(f, zl, 0, a[l], 0, n * units);
            }
            in = a[l];
            inOff = 0;
        }
    }

    /** The summed loss of the n rows of the last forward pass against y (from float offset yOff). */
    double lossSum(Network network, float[] y, int yOff, int n) {
        int last = z.length - 1;
        return Losses.sum(network.spec().loss(), z[last], a[last], y, yOff, n, network.spec().outputs());
    }

    /** The backward pass after {@link #forward} on the same rows; fills dZ, dW, dB and dP of every layer. */
    void backward(Network network, Gemm gemm, ActivationKernels kernels, float[] x, int xOff, float[] y, int yOff, int n) {
        checkRows(n);
        List<DenseLayer> layers = network.layers();
        int last = layers.size() - 1;
        DenseLayer output = layers.get(last);
        Loss loss = network.spec().loss();
        if (loss == Loss.MSE) {
            Losses.gradient(loss, z[last], a[last], y, yOff, n, output.units(), dA[last]);
            activationBackward(kernels, output.activation(), last, n * output.units());
        } else {
            Losses.gradient(loss, z[last], a[last], y, yOff, n, output.units(), dZ[last]);
        }
        for (int l = last; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            int units = layer.units();
            int inputs = layer.inputs();
            float[] prev = l == 0 ? x : a[l - 1];
            int prevOff = l == 0 ? xOff : 0;
            gemm.multiply(true, false, units, inputs, n, dZ[l], 0, units, prev, prevOff, inputs, 0f, dW[l], 0, inputs);
            float[] db = dB[l];
            float[] dz = dZ[l];
            // Column sums of dZ in double, each in row order from 0. Row by row, so that the units'
            // sums are independent chains (column by column each add waited for the previous one).
            Arrays.fill(biasSums, 0, units, 0.0);
            for (int r = 0; r < n; r++) {
                int row = r * units;
                for (int j = 0; j < units; j++) {
                    biasSums[j] += dz[row + j];
                }
            }
            for (int j = 0; j < units; j++) {
                db[j] = (float) biasSums[j];
            }
            if (l > 0) {
                gemm.multiply(false, false, n, inputs, units, dz, 0, units, layer.weights(), 0, inputs, 0f, dA[l - 1], 0, inputs);
                activationBackward(kernels, layers.get(l - 1).activation(), l - 1, n * inputs);
            }
        }
    }

    /**
     * dZ_l = dA_l ⊙ f'(Z_l), and dP_l = Σ dA_l ⊙ ∂f/∂θ; from the step mask where the forward pass
     * recorded one for these elements (the same bits: ActivationKernels.backwardFromMask). That
     * pass writes dZ over dA, where the lines it has just read need no read for ownership
     * (docs/BENCHMARKS.md, "The step mask in the kernels"); then the two buffers swap roles, so that
     * dZ[l] holds the result and nothing else sees the change (nothing reads dA_l afterwards).
     */
    private void activationBackward(ActivationKernels kernels, Activation f, int l, int count) {
        if (masked[l] == count) { // set only for layers with a mask, by the forward pass over these elements
            float[] gradient = dA[l];
            kernels.backwardFromMask(f, z[l], 0, masks[l], 0, gradient, 0, gradient, 0, count);
            dA[l] = dZ[l];
            dZ[l] = gradient;
            return;
        }
        float[] params = dP[l];
        Arrays.fill(params, 0f);
        // a[l] holds the training forward's outputs: the kernels recover rrelu's drawn slopes from them.
        kernels.backward(f, z[l], 0, a[l], 0, dA[l], 0, dZ[l], 0, count, params.length == 0 ? null : params);
    }

    private void checkRows(int n) {
        if (n < 0 || n > capacity) {
            throw new IllegalArgumentException("batch of " + n + " rows does not fit buffers for " + capacity);
        }
    }
}
