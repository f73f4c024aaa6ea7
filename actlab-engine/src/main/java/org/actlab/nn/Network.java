package org.actlab.nn;

import java.util.ArrayList;
import java.util.List;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.data.Dataset;
import org.actlab.kernel.Gemm;
import org.actlab.kernel.Kernels;
import org.actlab.nn.NetworkSpec.Output;
import org.actlab.random.PortableRandom;

/**
 * A fully connected feed-forward network: hidden layers, then an output layer.
 *
 * <p>Layer i holds weights (units × inputs, row-major) and a bias. Training is float32.
 * Not thread-safe: one network per thread, or {@link #copy()}.
 *
 * <p>The output layer's activation is identity, sigmoid or tanh; for a softmax output it is
 * identity and the softmax is applied row-wise after it (its outputs are the probabilities).
 */
public final class Network {

    /** Rows per chunk when predicting or evaluating a whole data set. */
    static final int EVAL_CHUNK = 512;

    private final NetworkSpec spec;
    private final List<DenseLayer> layers;
    private Workspace inference;

    Network(NetworkSpec spec, List<DenseLayer> layers) {
        this.spec = spec;
        this.layers = List.copyOf(layers);
    }

    /**
     * Builds a network from its spec, initialising weights and biases from {@code seed}: for each
     * layer in order, its weights then its bias, from one {@link PortableRandom} stream (an
     * initialiser that draws weights and bias together, RAI, draws them unit by unit).
     *
     * @throws IllegalArgumentException for an unknown activation or initialiser spec
     */
    public static Network create(NetworkSpec spec, long seed) {
        Initializer weightInit = Initializers.parse(spec.weightInit());
        Initializer biasInit = Initializers.parse(spec.biasInit());
        PortableRandom rng = new PortableRandom(seed);
        List<DenseLayer> layers = new ArrayList<>();
        int inputs = spec.inputs();
        int count = spec.hidden().size() + 1;
        for (int l = 0; l < count; l++) {
            boolean last = l == count - 1;
            int units = last ? spec.outputs() : spec.hidden().get(l).units();
            Activation activation = last ? outputActivation(spec.output()) : hiddenActivation(l, spec.hidden().get(l).activation());
            float[] weights = new float[Math.multiplyExact(units, inputs)];
            float[] bias = new float[units];
            weightInit.initialiseLayer(weights, bias, units, inputs, biasInit, rng);
            layers.add(new DenseLayer(inputs, units, activation, weights, bias));
            inputs = units;
        }
        return new Network(spec, layers);
    }

    static Activation hiddenActivation(int index, String activationSpec) {
        try {
            return Activations.parse(activationSpec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hidden layer " + index + ": " + e.getMessage(), e);
        }
    }

    /** The activation applied by the output layer itself (identity for softmax, which comes after). */
    static Activation outputActivation(Output output) {
        switch (output) {
            case SIGMOID:
                return Activations.sigmoid();
            case TANH:
                return Activations.tanh();
            default:
                return Activations.identity();
        }
    }

    /** The spec this network was built from. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The layers: hidden layers first, the output layer last. */
    public List<DenseLayer> layers() {
        return layers;
    }

    /** The number of learnable values: weights, biases and activation parameters. */
    public long parameterCount() {
        long count = 0;
        for (DenseLayer layer : layers) {
            count += layer.weights().length + layer.bias().length + layer.activation().parameters().length;
        }
        return count;
    }

    /**
     * Predicts n rows of x (n × inputs) into out (n × outputs): probabilities for sigmoid and
     * softmax outputs, values otherwise.
     */
    public void predict(float[] x, int n, float[] out) {
        checkRows("x", x, n, spec.inputs());
        checkRows("out", out, n, spec.outputs());
        Workspace w = inferenceWorkspace(n);
        Gemm gemm = Kernels.gemm();
        int last = layers.size() - 1;
        for (int start = 0; start < n; start += EVAL_CHUNK) {
            int rows = Math.min(EVAL_CHUNK, n - start);
            w.forward(this, gemm, Kernels.activations(), x, start * spec.inputs(), rows, null);
            System.arraycopy(w.a[last], 0, out, start * spec.outputs(), rows * spec.outputs());
        }
    }

    /** Forward pass over n rows keeping every layer's z and a, for diagnostics on an evaluation set. */
    public List<LayerTrace> trace(float[] x, int n) {
        checkRows("x", x, n, spec.inputs());
        Workspace w = new Workspace(layers, Math.max(1, n), false);
        w.forward(this, Kernels.gemm(), Kernels.activations(), x, 0, n, null);
        List<LayerTrace> traces = new ArrayList<>(layers.size());
        for (int l = 0; l < layers.size(); l++) {
            int size = n * layers.get(l).units();
            traces.add(new LayerTrace(l, n, java.util.Arrays.copyOf(w.z[l], size), java.util.Arrays.copyOf(w.a[l], size)));
        }
        return traces;
    }

    /** The mean loss over a data set (without regularisation). */
    public double loss(Dataset data) {
        return evaluate(data).loss();
    }

    /** Classification accuracy over a data set, NaN for regression. */
    public double accuracy(Dataset data) {
        return evaluate(data).accuracy();
    }

    /**
     * Mean loss and accuracy in one pass. Accuracy: for binary tasks an output counts as class 1
     * when it is at least 0.5 (the labels are 0 and 1), compared element by element; for
     * multi-class tasks the arg-max of the outputs must equal the arg-max of the one-hot target.
     *
     * @throws IllegalArgumentException when the data does not fit the network
     */
    public Evaluation evaluate(Dataset data) {
        return evaluate(data, Kernels.gemm());
    }

    Evaluation evaluate(Dataset data, Gemm gemm) {
        checkData(data);
        if (data.n() == 0) {
            return Evaluation.NONE;
        }
        Workspace w = inferenceWorkspace(data.n());
        int last = layers.size() - 1;
        int outputs = spec.outputs();
        double lossSum = 0;
        long correct = 0;
        long counted = 0;
        for (int start = 0; start < data.n(); start += EVAL_CHUNK) {
            int rows = Math.min(EVAL_CHUNK, data.n() - start);
            w.forward(this, gemm, Kernels.activations(), data.x(), start * spec.inputs(), rows, null);
            lossSum += w.lossSum(this, data.y(), start * outputs, rows);
            float[] out = w.a[last];
            float[] y = data.y();
            for (int r = 0; r < rows; r++) {
                int row = r * outputs;
                int target = (start + r) * outputs;
                if (data.task() == Dataset.Task.BINARY) {
                    for (int j = 0; j < outputs; j++) {
                        boolean predicted = out[row + j] >= 0.5f;
                        boolean actual = y[target + j] >= 0.5f;
                        correct += predicted == actual ? 1 : 0;
                        counted++;
                    }
                } else if (data.task() == Dataset.Task.MULTICLASS) {
                    correct += Dataset.argmax(out, row, outputs) == Dataset.argmax(y, target, outputs) ? 1 : 0;
                    counted++;
                }
            }
        }
        double accuracy = data.task() == Dataset.Task.REGRESSION ? Double.NaN : (double) correct / counted;
        return new Evaluation(lossSum / data.n(), accuracy, data.n());
    }

    void checkData(Dataset data) {
        if (data.features() != spec.inputs()) {
            throw new IllegalArgumentException("data set '" + data.name() + "' has " + data.features()
                    + " features but the network takes " + spec.inputs() + " inputs");
        }
        if (data.targets() != spec.outputs()) {
            throw new IllegalArgumentException("data set '" + data.name() + "' has " + data.targets()
                    + " target columns but the network has " + spec.outputs() + " outputs");
        }
        if (data.task() == Dataset.Task.MULTICLASS && spec.outputs() < 2) {
            throw new IllegalArgumentException("data set '" + data.name() + "' is multi-class but the network has 1 output");
        }
    }

    private static void checkRows(String what, float[] array, int n, int columns) {
        if (n < 0 || (long) n * columns > array.length) {
            throw new IllegalArgumentException(what + " has " + array.length + " values, too few for " + n + " rows of " + columns);
        }
    }

    /**
     * The buffers for chunks of up to {@code min(rows, EVAL_CHUNK)} rows, kept for later calls. Sized
     * to the data rather than to a whole chunk: a small trial (a sweep runs thousands) would otherwise
     * spend much of its time allocating and zeroing buffers for 512 rows it never has.
     */
    private Workspace inferenceWorkspace(int rows) {
        int capacity = Math.max(1, Math.min(EVAL_CHUNK, rows));
        if (inference == null || inference.capacity < capacity) {
            inference = new Workspace(layers, capacity, false);
        }
        return inference;
    }

    /** A deep copy: same spec, same weights, same learnable activation parameters. */
    public Network copy() {
        List<DenseLayer> copies = new ArrayList<>(layers.size());
        for (DenseLayer layer : layers) {
            copies.add(layer.copy());
        }
        return new Network(spec, copies);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Network[").append(spec.inputs());
        for (DenseLayer layer : layers) {
            text.append(" -> ").append(layer.units()).append(' ').append(layer.activation().spec());
        }
        if (spec.output() == Output.SOFTMAX) {
            text.append("+softmax");
        }
        return text.append(", loss ").append(spec.loss().name().toLowerCase()).append(']').toString();
    }

    /**
     * One layer's forward values for n rows.
     *
     * @param index the layer index
     * @param n     rows
     * @param z     pre-activations, n × units
     * @param a     activations, n × units (for a softmax output: the probabilities)
     */
    public record LayerTrace(int index, int n, float[] z, float[] a) {
    }
}
