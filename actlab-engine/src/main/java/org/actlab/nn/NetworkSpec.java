package org.actlab.nn;

import java.util.List;
import java.util.Objects;

/**
 * Everything needed to build a network, as plain values that serialise to JSON and back.
 *
 * @param inputs     number of input features
 * @param hidden     the hidden layers, first to last; may be empty
 * @param outputs    number of output units
 * @param output     the output activation
 * @param loss       the loss; must suit the output (checked when the spec is made, as are the
 *                   activation and initialiser specs)
 * @param weightInit initialiser spec for weights, for example {@code "he_normal"} or {@code "uniform(-0.5,0.5)"}
 * @param biasInit   initialiser spec for biases, for example {@code "zeros"} or {@code "constant(0.1)"}
 */
public record NetworkSpec(int inputs, List<LayerSpec> hidden, int outputs, Output output, Loss loss,
                          String weightInit, String biasInit) {

    /**
     * One hidden layer.
     *
     * @param units      number of units
     * @param activation activation spec, any entry of the catalogue, for example {@code "prelu(0.25)"}
     */
    public record LayerSpec(int units, String activation) {
        public LayerSpec {
            if (units <= 0) {
                throw new IllegalArgumentException("a layer needs at least 1 unit, got " + units);
            }
            Objects.requireNonNull(activation, "activation");
        }
    }

    /** The output activation. */
    public enum Output { IDENTITY, SIGMOID, TANH, SOFTMAX }

    /** The loss. */
    public enum Loss {
        /** Mean squared error, 1/2 per target and sample averaged over the batch (documented in Losses). */
        MSE,
        /** Binary cross-entropy on logits; requires the SIGMOID output. */
        BCE,
        /** Softmax cross-entropy; requires the SOFTMAX output. */
        SOFTMAX_CE
    }

    public NetworkSpec {
        hidden = List.copyOf(hidden);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(weightInit, "weightInit");
        Objects.requireNonNull(biasInit, "biasInit");
        validate(inputs, outputs, output, loss);
        for (int i = 0; i < hidden.size(); i++) {
            Network.hiddenActivation(i, hidden.get(i).activation());
        }
        Initializer weights = Initializers.parse(weightInit);
        Initializer biases = Initializers.parse(biasInit);
        if (weights.drawsBias() && !biases.spec().equals("zeros")) {
            throw new IllegalArgumentException("weight init " + weights.spec() + " draws each unit's bias with its weights, "
                    + "so the bias init must be zeros, got " + biases.spec());
        }
    }

    private static void validate(int inputs, int outputs, Output output, Loss loss) {
        if (inputs <= 0) {
            throw new IllegalArgumentException("a network needs at least 1 input, got " + inputs);
        }
        if (outputs <= 0) {
            throw new IllegalArgumentException("a network needs at least 1 output, got " + outputs);
        }
        if (loss == Loss.BCE && output != Output.SIGMOID) {
            throw new IllegalArgumentException("loss bce needs the sigmoid output, not " + output.name().toLowerCase());
        }
        if (loss == Loss.SOFTMAX_CE && output != Output.SOFTMAX) {
            throw new IllegalArgumentException("loss softmax_ce needs the softmax output, not " + output.name().toLowerCase());
        }
        if (output == Output.SOFTMAX && loss != Loss.SOFTMAX_CE) {
            throw new IllegalArgumentException("the softmax output needs loss softmax_ce, not " + loss.name().toLowerCase());
        }
        if (output == Output.SOFTMAX && outputs < 2) {
            throw new IllegalArgumentException("the softmax output needs at least 2 outputs, got " + outputs);
        }
    }
}
