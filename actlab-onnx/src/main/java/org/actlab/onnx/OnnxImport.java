package org.actlab.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.actlab.data.AtomicFile;
import org.actlab.nn.DenseLayer;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec;
import org.actlab.onnx.Proto.Attribute;
import org.actlab.onnx.Proto.Node;
import org.actlab.onnx.Proto.Tensor;

/**
 * Reads an ONNX MLP into an actlab {@link Network}: optional preprocessing ({@link Preprocess}),
 * then dense layers (Gemm, or MatMul and Add) each followed by at most one activation, and at the
 * end optionally Sigmoid, Tanh or Softmax.
 *
 * <p>Activations: Relu, LeakyRelu, PRelu (one slope for all units), Sigmoid, Tanh, Elu, Selu (with
 * the standard constants), Celu, Softplus, Softsign, HardSigmoid (alpha 1/6, beta 0.5), HardSwish,
 * Mish, Gelu (approximate none or tanh), ThresholdedRelu, Clip (as hardtanh or relu6), Identity;
 * and the subgraphs exporters write for GELU (PyTorch's erf form, x · (erf(x/√2) + 1) · 0.5, as
 * actlab also writes it), SiLU (x · Sigmoid(x)) and Mish (x · Tanh(Softplus(x))). Anything else is an
 * {@link IllegalArgumentException} naming the operator and the node.
 */
public final class OnnxImport {

    /** The ops that may end a dense layer's activation, by ONNX name; see the class comment. */
    public static final List<String> ACTIVATIONS = List.of("Relu", "LeakyRelu", "PRelu", "Sigmoid", "Tanh", "Elu",
            "Selu", "Celu", "Softplus", "Softsign", "HardSigmoid", "HardSwish", "Mish", "Gelu", "ThresholdedRelu",
            "Clip", "Identity");

    /**
     * An imported model.
     *
     * @param network    the MLP with the file's weights
     * @param preprocess the graph's nodes before the first dense layer (may be empty)
     * @param rawInputs  the width of the graph's input rows
     * @param metadata   the model's metadata_props (actlab writes its version, layer specs and config there)
     * @param producer   producer name and version
     */
    public record Imported(Network network, Preprocess preprocess, int rawInputs, Map<String, String> metadata,
                           String producer) {

        /** Raw rows (n × rawInputs) through the preprocessing: the network's inputs. */
        public float[] inputs(float[] raw, int n) {
            if (raw.length != (long) n * rawInputs) {
                throw new IllegalArgumentException("the model takes " + rawInputs + " input value(s) per row; got "
                        + raw.length + " value(s) for " + n + " row(s)");
            }
            return preprocess.isEmpty() ? raw.clone() : preprocess.apply(raw, n, rawInputs);
        }
    }

    private OnnxImport() {
    }

    /**
     * Reads a file.
     *
     * @throws IllegalArgumentException for a missing, truncated, non-ONNX, too large or unsupported
     *                                  model; the message names the file and what is wrong
     */
    public static Imported read(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw AtomicFile.cannotRead(file, "model file", e);
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (size > heap / 4 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(file + ": the model file has " + size + " bytes, too large for memory ("
                    + heap / (1 << 20) + " MB heap; raise it with -Xmx)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        try {
            return decode(bytes, heap / 32);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes model bytes; {@code elementBudget} bounds the tensor elements (each is held as a double, then a float). */
    static Imported decode(byte[] bytes, long elementBudget) {
        Proto.Model model;
        try {
            model = Proto.decodeModel(bytes, elementBudget);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: the bytes are not a valid protobuf message "
                    + "(truncated or corrupt file): " + e.getMessage());
        }
        if (model.graph() == null || model.irVersion() <= 0 || model.graph().nodes().isEmpty()) {
            throw new IllegalArgumentException("not an ONNX model: " + (model.irVersion() <= 0 ? "no ir_version"
                    : model.graph() == null ? "no graph" : "the graph has no nodes"));
        }
        return new Reader(model).read();
    }

    /** One layer as read: its weights (units × inputs), bias and activation spec (null: none yet). */
    private static final class Layer {
        final int inputs;
        final int units;
        final float[] weights;
        float[] bias;
        String activation;
        final String node;

        Layer(int inputs, int units, float[] weights, float[] bias, String node) {
            this.inputs = inputs;
            this.units = units;
            this.weights = weights;
            this.bias = bias;
            this.node = node;
        }
    }

    private static final class Reader {
        private final Proto.Model model;
        private final Map<String, Tensor> constants = new HashMap<>();
        private final Map<String, List<Node>> consumers = new HashMap<>();
        private final Set<Node> consumed = new HashSet<>();
        private final List<Layer> layers = new ArrayList<>();
        private final Map<String, String> alias = new HashMap<>();
        private Preprocess preprocess;
        private String current;
        private boolean softmax;

        Reader(Proto.Model model) {
            this.model = model;
        }

        Imported read() {
            Proto.Graph graph = model.graph();
            for (Tensor t : graph.initializers()) {
                constants.put(t.name(), t);
            }
            for (Node node : graph.nodes()) {
                if (node.opType().equals("Constant")) {
                    constants.put(node.outputs().get(0), constantValue(node));
                    consumed.add(node);
                }
                for (String in : node.inputs()) {
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(node);
                }
            }
            List<Proto.ValueInfo> inputs = new ArrayList<>();
            for (Proto.ValueInfo v : graph.inputs()) {
                if (!constants.containsKey(v.name())) {
                    inputs.add(v);
                }
            }
            if (inputs.size() != 1 || graph.outputs().size() != 1) {
                throw new IllegalArgumentException("an MLP has one input and one output; the graph has " + inputs.size()
                        + " input(s) and " + graph.outputs().size() + " output(s)");
            }
            Proto.ValueInfo input = inputs.get(0);
            preprocess = new Preprocess(input.name(), constants);
            current = input.name();
            for (Node node : graph.nodes()) {
                if (!consumed.contains(node)) {
                    visit(node);
                }
            }
            if (layers.isEmpty()) {
                throw new IllegalArgumentException("no dense layer (Gemm, or MatMul and Add) in the graph");
            }
            String output = graph.outputs().get(0).name();
            if (!resolve(output).equals(current)) {
                throw new IllegalArgumentException("the graph output '" + output + "' is not the end of the layer chain '"
                        + current + "'");
            }
            int rawInputs = rawWidth(input);
            return new Imported(network(rawInputs), preprocess, rawInputs, model.metadata(),
                    (model.producerName() + " " + model.producerVersion()).trim());
        }

        private int rawWidth(Proto.ValueInfo input) {
            long width = 1;
            boolean known = input.dims().length >= 2;
            for (int i = 1; i < input.dims().length; i++) {
                known &= input.dims()[i] > 0;
                width *= Math.max(1, input.dims()[i]);
            }
            int first = layers.get(0).inputs;
            if (!known) {
                if (!preprocess.isEmpty()) {
                    throw new IllegalArgumentException("the input '" + input.name() + "' has no fixed row width "
                            + Arrays.toString(input.dims()) + " and is preprocessed before the first layer");
                }
                return first;
            }
            if (width > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the input '" + input.name() + "' has rows of " + width + " values");
            }
            int after = preprocess.isEmpty() ? (int) width : preprocess.width((int) width);
            if (after != first) {
                throw new IllegalArgumentException("mismatched shapes: the input '" + input.name() + "' "
                        + Arrays.toString(input.dims()) + " gives rows of " + after + " values, the first layer ("
                        + layers.get(0).node + ") takes " + first);
            }
            return (int) width;
        }

        private String resolve(String name) {
            String n = name;
            while (alias.containsKey(n)) {
                n = alias.get(n);
            }
            return n;
        }

        /** The node's input i, through Identity aliases. */
        private String in(Node node, int i) {
            return resolve(node.inputs().get(i));
        }

        private void visit(Node node) {
            String op = node.opType();
            if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
                throw new IllegalArgumentException("unsupported operator " + node.domain() + "." + op + " at " + node.label());
            }
            if (op.equals("Identity")) {
                alias.put(node.outputs().get(0), in(node, 0));
                return;
            }
            if (layers.isEmpty() && !op.equals("Gemm") && !op.equals("MatMul")) {
                if (!Preprocess.OPS.contains(op)) {
                    throw unsupported(node, "before the first dense layer");
                }
                preprocess.add(node);
                current = node.outputs().get(0);
                return;
            }
            if (op.equals("Gemm") || op.equals("MatMul")) {
                dense(node);
                return;
            }
            requireChain(node);
            Layer layer = layers.get(layers.size() - 1);
            if (op.equals("Add") && layer.bias == null && layer.activation == null) {
                String other = in(node, 0).equals(current) ? in(node, 1) : in(node, 0);
                Tensor b = constant(node, other);
                if (b.values().length != layer.units) {
                    throw new IllegalArgumentException("mismatched shapes: " + node.label() + " adds " + b.values().length
                            + " values to a layer of " + layer.units + " units");
                }
                layer.bias = floats(b);
                current = node.outputs().get(0);
                return;
            }
            if (softmax) {
                throw new IllegalArgumentException("unsupported operator " + op + " at " + node.label()
                        + ": Softmax must be the last operator");
            }
            if (op.equals("Softmax")) {
                Attribute axis = node.attribute("axis");
                if (axis != null && axis.i() != -1 && axis.i() != 1) {
                    throw new IllegalArgumentException(node.label() + ": Softmax over axis " + axis.i()
                            + "; actlab's softmax is over the units (axis 1)");
                }
                if (layer.activation != null) {
                    throw new IllegalArgumentException(node.label() + ": Softmax after " + layer.activation
                            + "; actlab applies softmax to the last Gemm's output directly");
                }
                softmax = true;
                current = node.outputs().get(0);
                return;
            }
            String spec = activation(node);
            if (layer.activation != null) {
                throw new IllegalArgumentException("unsupported operator " + op + " at " + node.label() + ": a second "
                        + "activation after " + layer.activation + " in one layer");
            }
            layer.activation = spec;
        }

        private void requireChain(Node node) {
            if (node.inputs().isEmpty() || !in(node, 0).equals(current) && !(node.inputs().size() > 1 && in(node, 1).equals(current))) {
                throw new IllegalArgumentException("unsupported graph at " + node.label() + ": it does not read the "
                        + "previous layer's output '" + current + "' (actlab imports a chain of dense layers)");
            }
        }

        private void dense(Node node) {
            String x = in(node, 0);
            if (!layers.isEmpty() || !preprocess.isEmpty()) {
                if (!x.equals(current)) {
                    throw new IllegalArgumentException("unsupported graph at " + node.label() + ": it reads '" + x
                            + "', not the previous output '" + current + "'");
                }
            }
            if (layers.isEmpty()) {
                preprocess.output(x);
            }
            if (!layers.isEmpty() && layers.get(layers.size() - 1).bias == null) {
                layers.get(layers.size() - 1).bias = new float[layers.get(layers.size() - 1).units];
            }
            Tensor b = constant(node, in(node, 1));
            if (b.dims().length != 2) {
                throw new IllegalArgumentException("mismatched shapes: " + node.label() + " has weights of shape "
                        + Arrays.toString(b.dims()) + ", expected a matrix");
            }
            boolean transB = node.opType().equals("Gemm") && intAttribute(node, "transB", 0) == 1;
            if (node.opType().equals("Gemm")) {
                if (intAttribute(node, "transA", 0) != 0) {
                    throw new IllegalArgumentException(node.label() + ": transA = 1 is not supported");
                }
                if (floatAttribute(node, "alpha", 1f) != 1f || floatAttribute(node, "beta", 1f) != 1f) {
                    throw new IllegalArgumentException(node.label() + ": alpha and beta must be 1, got alpha="
                            + floatAttribute(node, "alpha", 1f) + ", beta=" + floatAttribute(node, "beta", 1f));
                }
            }
            int units = (int) (transB ? b.dims()[0] : b.dims()[1]);
            int inputs = (int) (transB ? b.dims()[1] : b.dims()[0]);
            if (!layers.isEmpty() && inputs != layers.get(layers.size() - 1).units) {
                throw new IllegalArgumentException("mismatched shapes: " + node.label() + " takes " + inputs
                        + " inputs, the layer before has " + layers.get(layers.size() - 1).units + " units");
            }
            if (units < 1 || inputs < 1) {
                throw new IllegalArgumentException("mismatched shapes: " + node.label() + " has weights of shape "
                        + Arrays.toString(b.dims()));
            }
            float[] w = new float[units * inputs];
            double[] v = b.values();
            for (int j = 0; j < units; j++) {
                for (int k = 0; k < inputs; k++) {
                    w[j * inputs + k] = (float) (transB ? v[j * inputs + k] : v[k * units + j]);
                }
            }
            float[] bias = null;
            if (node.opType().equals("Gemm") && node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) {
                Tensor c = constant(node, in(node, 2));
                if (c.values().length != units) {
                    throw new IllegalArgumentException("mismatched shapes: " + node.label() + " has a bias of shape "
                            + Arrays.toString(c.dims()) + " for " + units + " units");
                }
                bias = floats(c);
            }
            layers.add(new Layer(inputs, units, w, bias, node.label()));
            current = node.outputs().get(0);
        }

        /** The actlab spec of an activation node (and of the GELU and SiLU subgraphs that start at it). */
        private String activation(Node node) {
            String op = node.opType();
            switch (op) {
                case "Relu":
                    return done(node, "relu");
                case "Sigmoid": {
                    // x · Sigmoid(x) is SiLU.
                    List<Node> users = consumers.getOrDefault(node.outputs().get(0), List.of());
                    if (users.size() == 1 && users.get(0).opType().equals("Mul")
                            && users.get(0).inputs().size() == 2 && users.get(0).inputs().contains(current)
                            && users.get(0).inputs().contains(node.outputs().get(0))) {
                        consumed.add(users.get(0));
                        current = users.get(0).outputs().get(0);
                        return "silu";
                    }
                    return done(node, "sigmoid");
                }
                case "Tanh":
                    return done(node, "tanh");
                case "Softsign":
                    return done(node, "softsign");
                case "HardSwish":
                    return done(node, "hard_swish");
                case "Mish":
                    return done(node, "mish");
                case "LeakyRelu":
                    return done(node, "leaky_relu(" + number(floatAttribute(node, "alpha", 0.01f)) + ")");
                case "Elu":
                    return done(node, "elu(" + number(floatAttribute(node, "alpha", 1f)) + ")");
                case "Celu":
                    return done(node, "celu(" + number(floatAttribute(node, "alpha", 1f)) + ")");
                case "ThresholdedRelu":
                    return done(node, "thresholded_relu(" + number(floatAttribute(node, "alpha", 1f)) + ")");
                case "Softplus": {
                    // x · Tanh(Softplus(x)) is Mish, as exporters before opset 18 write it.
                    Node tanh = single(node, "Tanh");
                    Node mul = tanh == null ? null : single(tanh, "Mul");
                    if (mul != null && resolve(other(mul, tanh.outputs().get(0))).equals(current)) {
                        consumed.addAll(List.of(tanh, mul));
                        current = mul.outputs().get(0);
                        return "mish";
                    }
                    return done(node, "softplus");
                }
                case "Selu": {
                    float alpha = floatAttribute(node, "alpha", 1.67326319217681884765625f);
                    float gamma = floatAttribute(node, "gamma", 1.05070102214813232421875f);
                    if (alpha != OnnxExport.SELU_ALPHA || gamma != OnnxExport.SELU_GAMMA) {
                        throw new IllegalArgumentException("unsupported operator Selu at " + node.label() + ": alpha=" + alpha
                                + ", gamma=" + gamma + "; actlab's selu has the standard constants");
                    }
                    return done(node, "selu");
                }
                case "HardSigmoid": {
                    float alpha = floatAttribute(node, "alpha", 0.2f);
                    float beta = floatAttribute(node, "beta", 0.5f);
                    if (alpha != 1f / 6 || beta != 0.5f) {
                        throw new IllegalArgumentException("unsupported operator HardSigmoid at " + node.label() + ": alpha="
                                + alpha + ", beta=" + beta + "; actlab's hard_sigmoid is x/6 + 1/2 (alpha 1/6, beta 0.5)");
                    }
                    return done(node, "hard_sigmoid");
                }
                case "Gelu": {
                    Attribute approximate = node.attribute("approximate");
                    String form = approximate == null ? "none" : approximate.s();
                    return done(node, form.equals("tanh") ? "gelu_tanh" : "gelu");
                }
                case "PRelu": {
                    Tensor slope = constant(node, in(node, 1));
                    double first = slope.values().length == 0 ? Double.NaN : slope.values()[0];
                    for (double s : slope.values()) {
                        if (s != first) {
                            throw new IllegalArgumentException("unsupported operator PRelu at " + node.label()
                                    + ": one slope per unit; actlab's prelu has one slope for the layer");
                        }
                    }
                    return done(node, "prelu(" + number((float) first) + ")");
                }
                case "Clip": {
                    float min = clipBound(node, 1, "min");
                    float max = clipBound(node, 2, "max");
                    if (min == 0f && max == 6f) {
                        return done(node, "relu6");
                    }
                    if (!(min < max) || Float.isInfinite(min) || Float.isInfinite(max)) {
                        throw new IllegalArgumentException("unsupported operator Clip at " + node.label() + ": bounds ["
                                + min + ", " + max + "]; actlab's hardtanh needs finite min < max");
                    }
                    return done(node, "hardtanh(" + number(min) + ", " + number(max) + ")");
                }
                case "Div", "Mul":
                    if (geluSubgraph(node)) {
                        return "gelu";
                    }
                    throw unsupported(node, "after a dense layer");
                default:
                    throw unsupported(node, "after a dense layer");
            }
        }

        private String done(Node node, String spec) {
            current = node.outputs().get(0);
            return spec;
        }

        /**
         * PyTorch's erf GELU: Div(x, √2) | Mul(x, 1/√2) → Erf → Add(·, 1) → Mul(x, ·) → Mul(·, 0.5).
         * On a match, marks the rest as consumed and moves {@code current} to its end.
         */
        private boolean geluSubgraph(Node scale) {
            String x = current;
            if (!in(scale, 0).equals(x) || scale.inputs().size() != 2 || !constants.containsKey(in(scale, 1))) {
                return false;
            }
            double c = scalar(constants.get(in(scale, 1)));
            double expected = scale.opType().equals("Div") ? Math.sqrt(2) : Math.sqrt(0.5);
            if (!(Math.abs(c - expected) < 1e-6)) {
                return false;
            }
            Node erf = single(scale, "Erf");
            Node add = erf == null ? null : single(erf, "Add");
            if (add == null || scalar(constants.get(other(add, erf.outputs().get(0)))) != 1) {
                return false;
            }
            Node mulX = single(add, "Mul");
            if (mulX == null || !resolve(other(mulX, add.outputs().get(0))).equals(x)) {
                return false;
            }
            Node half = single(mulX, "Mul");
            if (half == null || scalar(constants.get(other(half, mulX.outputs().get(0)))) != 0.5) {
                return false;
            }
            consumed.addAll(List.of(erf, add, mulX, half));
            current = half.outputs().get(0);
            return true;
        }

        /** The one consumer of node's output, if it has exactly one and it is of this op. */
        private Node single(Node node, String op) {
            List<Node> users = consumers.getOrDefault(node.outputs().get(0), List.of());
            return users.size() == 1 && users.get(0).opType().equals(op) ? users.get(0) : null;
        }

        /** The input of a two-input node that is not {@code name}. */
        private static String other(Node node, String name) {
            if (node.inputs().size() != 2) {
                return "";
            }
            return node.inputs().get(0).equals(name) ? node.inputs().get(1) : node.inputs().get(0);
        }

        private static double scalar(Tensor t) {
            return t == null || t.values().length != 1 ? Double.NaN : t.values()[0];
        }

        private float clipBound(Node node, int input, String attribute) {
            if (node.inputs().size() > input && !node.inputs().get(input).isEmpty()) {
                return (float) scalar(constant(node, in(node, input)));
            }
            Attribute a = node.attribute(attribute);
            if (a != null) {
                return a.f();
            }
            return input == 1 ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        }

        private Tensor constant(Node node, String name) {
            Tensor t = constants.get(name);
            if (t == null) {
                throw new IllegalArgumentException("unsupported graph at " + node.label() + ": input '" + name
                        + "' must be a constant (an initializer or a Constant node)");
            }
            return t;
        }

        private static Tensor constantValue(Node node) {
            Attribute value = node.attribute("value");
            if (value != null && value.t() != null) {
                return new Tensor(node.outputs().get(0), value.t().dataType(), value.t().dims(), value.t().values());
            }
            Attribute f = node.attribute("value_float");
            if (f != null) {
                return new Tensor(node.outputs().get(0), Proto.FLOAT, new long[0], new double[] {f.f()});
            }
            Attribute fs = node.attribute("value_floats");
            if (fs != null) {
                double[] v = new double[fs.floats().length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = fs.floats()[i];
                }
                return new Tensor(node.outputs().get(0), Proto.FLOAT, new long[] {v.length}, v);
            }
            Attribute i = node.attribute("value_int");
            if (i != null) {
                return new Tensor(node.outputs().get(0), Proto.INT64, new long[0], new double[] {i.i()});
            }
            throw new IllegalArgumentException("unsupported Constant at " + node.label() + ": only value, value_float, "
                    + "value_floats and value_int are read");
        }

        private static IllegalArgumentException unsupported(Node node, String where) {
            return new IllegalArgumentException("unsupported operator " + node.opType() + " at " + node.label() + " ("
                    + where + "); actlab imports MLPs: Gemm or MatMul+Add, activations " + String.join(", ", ACTIVATIONS)
                    + ", Flatten and Softmax at the ends");
        }

        private static long intAttribute(Node node, String name, long fallback) {
            Attribute a = node.attribute(name);
            return a == null ? fallback : a.i();
        }

        private static float floatAttribute(Node node, String name, float fallback) {
            Attribute a = node.attribute(name);
            return a == null ? fallback : a.f();
        }

        private static float[] floats(Tensor t) {
            float[] out = new float[t.values().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) t.values()[i];
            }
            return out;
        }

        /** A float as a spec parameter that parses back to the same bits. */
        private static String number(float v) {
            return Float.toString(v);
        }

        private Network network(int rawInputs) {
            int count = layers.size();
            Layer last = layers.get(count - 1);
            NetworkSpec.Output output;
            if (softmax) {
                output = NetworkSpec.Output.SOFTMAX;
            } else if (last.activation == null || last.activation.equals("identity")) {
                output = NetworkSpec.Output.IDENTITY;
            } else if (last.activation.equals("sigmoid")) {
                output = NetworkSpec.Output.SIGMOID;
            } else if (last.activation.equals("tanh")) {
                output = NetworkSpec.Output.TANH;
            } else {
                throw new IllegalArgumentException("unsupported output activation " + last.activation + " after "
                        + last.node + ": actlab's output layer ends in identity, sigmoid, tanh or softmax");
            }
            if (output == NetworkSpec.Output.SOFTMAX && last.units < 2) {
                throw new IllegalArgumentException("Softmax over " + last.units + " unit: actlab needs at least 2");
            }
            NetworkSpec.Loss loss = output == NetworkSpec.Output.SOFTMAX ? NetworkSpec.Loss.SOFTMAX_CE
                    : output == NetworkSpec.Output.SIGMOID ? NetworkSpec.Loss.BCE : NetworkSpec.Loss.MSE;
            List<NetworkSpec.LayerSpec> hidden = new ArrayList<>();
            for (int l = 0; l < count - 1; l++) {
                Layer layer = layers.get(l);
                hidden.add(new NetworkSpec.LayerSpec(layer.units, layer.activation == null ? "identity" : layer.activation));
            }
            NetworkSpec spec = new NetworkSpec(layers.get(0).inputs, hidden, last.units, output, loss, "zeros", "zeros");
            Network network = Network.create(spec, 0);
            for (int l = 0; l < count; l++) {
                DenseLayer target = network.layers().get(l);
                Layer source = layers.get(l);
                System.arraycopy(source.weights, 0, target.weights(), 0, source.weights.length);
                if (source.bias != null) {
                    System.arraycopy(source.bias, 0, target.bias(), 0, source.bias.length);
                }
            }
            return network;
        }
    }

}
