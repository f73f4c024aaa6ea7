package org.actlab.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.actlab.data.Dataset;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Gemm;
import org.actlab.kernel.Kernels;

/**
 * The loss of a network over a batch of rows and its gradient with respect to every weight, bias and
 * learnable activation parameter: a forward pass, then back-propagation, and no update. The trainer
 * steps on it; the diagnostics read a network's gradient before training from it
 * ({@link #of(Network, Dataset)}).
 *
 * <p>The gradient is that of the mean loss over the batch, without penalties. Buffers are allocated
 * once for batches of up to {@code capacity} rows; {@link #dW}, {@link #dB} and {@link #dP} are views
 * of them, valid until the next {@link #forward}. Not thread-safe.
 */
public final class Backprop {

    private final Network network;
    private final Gemm gemm;
    private final ActivationKernels kernels;
    final Workspace workspace;
    private float[] x;
    private int xOff;
    private float[] y;
    private int yOff;
    private int rows = -1;

    /**
     * @param network  the network, read live (its current weights are used at every call)
     * @param capacity the largest batch, at least 1
     */
    public Backprop(Network network, int capacity) {
        this(network, capacity, Kernels.gemm());
    }

    Backprop(Network network, int capacity, Gemm gemm) {
        this(network, capacity, gemm, Kernels.activations(), true);
    }

    /**
     * @param stepMasks whether relu and leaky_relu layers back-propagate from the step masks of
     *                  their forward pass (what ships) or from z (the same bits; for the test that
     *                  compares the two)
     */
    Backprop(Network network, int capacity, Gemm gemm, ActivationKernels kernels, boolean stepMasks) {
        this.network = Objects.requireNonNull(network, "network");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 row, got " + capacity);
        }
        this.gemm = Objects.requireNonNull(gemm, "gemm");
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.workspace = new Workspace(network.layers(), capacity, stepMasks);
    }

    /**
     * The gradient of the mean loss over all rows of {@code data}, in one full batch, in inference
     * mode (stochastic activations use their mean slope) and in the data's row order; copies.
     *
     * @throws IllegalArgumentException when the data does not fit the network or is empty
     */
    public static Gradient of(Network network, Dataset data) {
        network.checkData(data);
        if (data.n() == 0) {
            throw new IllegalArgumentException("data set '" + data.name() + "' is empty: no gradient");
        }
        Backprop backprop = new Backprop(network, data.n());
        double loss = backprop.forward(data.x(), 0, data.y(), 0, data.n(), null);
        if (Double.isFinite(loss)) {
            backprop.backward();
        }
        List<LayerGradient> layers = new ArrayList<>();
        for (int l = 0; l < network.layers().size(); l++) {
            DenseLayer layer = network.layers().get(l);
            layers.add(new LayerGradient(l, layer.inputs(), layer.units(), backprop.dW(l).clone(),
                    backprop.dB(l).clone(), backprop.dP(l).clone()));
        }
        return new Gradient(loss, layers);
    }

    /**
     * Forward pass over {@code rows} rows of x (from float offset {@code xOff}) and the mean loss
     * against y (from {@code yOff}); remembers the batch for {@link #backward()}.
     *
     * @param rng null for inference; during training, the generator stochastic activations draw from
     * @return the mean loss over the rows, possibly NaN or infinite (the caller decides what that means)
     */
    public double forward(float[] x, int xOff, float[] y, int yOff, int rows, RandomGenerator rng) {
        workspace.forward(network, gemm, kernels, x, xOff, rows, rng);
        this.x = x;
        this.xOff = xOff;
        this.y = y;
        this.yOff = yOff;
        this.rows = rows;
        return workspace.lossSum(network, y, yOff, rows) / rows;
    }

    /** Back-propagation of the last {@link #forward} batch: fills dW, dB and dP of every layer. */
    public void backward() {
        if (rows < 0) {
            throw new IllegalStateException("call forward before backward");
        }
        workspace.backward(network, gemm, kernels, x, xOff, y, yOff, rows);
    }

    /** Rows in the last forward batch. */
    public int rows() {
        return rows;
    }

    /** dL/dW of layer l, units × inputs row-major; a view. */
    public float[] dW(int layer) {
        return workspace.dW[layer];
    }

    /** dL/db of layer l; a view. */
    public float[] dB(int layer) {
        return workspace.dB[layer];
    }

    /** dL/dθ of layer l's learnable activation parameters (empty when it has none); a view. */
    public float[] dP(int layer) {
        return workspace.dP[layer];
    }

    /**
     * A network's gradient over a data set.
     *
     * @param loss   the mean loss; when it is not finite no back-propagation ran and the gradients are 0
     * @param layers per layer, hidden layers first, the output layer last
     */
    public record Gradient(double loss, List<LayerGradient> layers) {
        public Gradient {
            layers = List.copyOf(layers);
        }
    }

    /**
     * One layer's gradient.
     *
     * @param index  the layer index
     * @param inputs the fan-in
     * @param units  the fan-out
     * @param dW     dL/dW, units × inputs row-major
     * @param dB     dL/db
     * @param dP     dL/dθ of the activation's learnable parameters, empty when none
     */
    public record LayerGradient(int index, int inputs, int units, float[] dW, float[] dB, float[] dP) {
        @Override
        public boolean equals(Object o) {
            return o instanceof LayerGradient g && index == g.index && inputs == g.inputs && units == g.units
                    && Arrays.equals(dW, g.dW) && Arrays.equals(dB, g.dB) && Arrays.equals(dP, g.dP);
        }

        @Override
        public int hashCode() {
            return Objects.hash(index, inputs, units, Arrays.hashCode(dW), Arrays.hashCode(dB), Arrays.hashCode(dP));
        }

        @Override
        public String toString() {
            return "LayerGradient[" + index + ", " + units + "×" + inputs + "]";
        }
    }
}
