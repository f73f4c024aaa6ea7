package org.actlab.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.actlab.activation.Activation;
import org.actlab.activation.Celu;
import org.actlab.activation.Elu;
import org.actlab.activation.HardShrink;
import org.actlab.activation.HardTanh;
import org.actlab.activation.Isru;
import org.actlab.activation.LeakyRelu;
import org.actlab.activation.PRelu;
import org.actlab.activation.RRelu;
import org.actlab.activation.SoftShrink;
import org.actlab.activation.Softplus;
import org.actlab.activation.Squareplus;
import org.actlab.activation.Threshold;
import org.actlab.activation.ThresholdedRelu;
import org.actlab.data.AtomicFile;
import org.actlab.data.Standardisation;
import org.actlab.lab.run.DataSummary;
import org.actlab.lab.run.RunJson;
import org.actlab.lab.run.SavedModel;
import org.actlab.nn.DenseLayer;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec;
import org.actlab.onnx.Proto.Attribute;

/**
 * Writes a saved actlab model as an ONNX model (IR version 8, opset 17) that takes the same raw
 * inputs as {@code actlab predict} and returns the same outputs.
 *
 * <p>The graph: input {@code "input"} [N, raw columns] float → feature expansion and
 * standardisation in double precision, as actlab computes them (Cast, Gather, Mul, Sin, Concat,
 * Cast to float and back, Sub, Div, Cast to float) → per layer a Gemm (transB = 1, W is units ×
 * inputs as in actlab) and the activation's nodes → Sigmoid, Tanh or Softmax for the output →
 * {@code "output"} [N, outputs] float. Every catalogue activation maps to standard operators; the
 * mapping is in {@link #activation} and in docs/INTEROP.md. {@link #NOT_EXPORTABLE} is empty.
 *
 * <p>Metadata ({@code metadata_props}): {@code actlab.version}, {@code actlab.layers} (a JSON array
 * of each layer's activation spec, output layer last), {@code actlab.output}, {@code actlab.spec}
 * (the network spec), {@code actlab.data} (the data summary) and {@code actlab.config} (the run's
 * training configuration, when the model has one), each as JSON text.
 */
public final class OnnxExport {

    /** The ONNX opset the export uses. */
    public static final int OPSET = 17;
    /** The IR version of opset 17. */
    static final int IR_VERSION = 8;

    /** Catalogue activations that cannot be exported exactly; empty (each maps to standard operators). */
    public static final Set<String> NOT_EXPORTABLE = Set.of();

    private OnnxExport() {
    }

    /** The actlab version from the jar manifest, or "development" when run from classes. */
    public static String version() {
        String v = OnnxExport.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** Writes the model whole or not at all. */
    public static void write(SavedModel model, Path file) {
        byte[] bytes = encode(model);
        AtomicFile.writeUnchecked(file, out -> out.write(bytes));
    }

    /** The ONNX ModelProto bytes. */
    public static byte[] encode(SavedModel model) {
        Network network = model.network();
        DataSummary data = model.data();
        GraphBuilder g = new GraphBuilder();
        g.scope("input/");
        String x = inputs(g, data);
        List<String> specs = new ArrayList<>();
        List<DenseLayer> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            g.scope("layer" + l + "/");
            String w = g.floats(new long[] {layer.units(), layer.inputs()}, layer.weights());
            String b = g.floats(new long[] {layer.units()}, layer.bias());
            x = g.op("Gemm", List.of(x, w, b), Attribute.ofInt("transB", 1));
            x = activation(g, layer.activation(), x);
            specs.add(layer.activation().spec());
        }
        NetworkSpec spec = network.spec();
        if (spec.output() == NetworkSpec.Output.SOFTMAX) {
            g.scope("output/");
            x = g.op("Softmax", x, Attribute.ofInt("axis", -1));
        }
        g.nodes.add(new Proto.Node("output", "Identity", "", List.of(x), List.of("output"), List.of()));

        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("actlab.version", version());
        metadata.put("actlab.layers", json(specs));
        metadata.put("actlab.output", spec.output().name().toLowerCase(java.util.Locale.ROOT));
        metadata.put("actlab.spec", json(spec));
        metadata.put("actlab.data", json(data));
        if (model.config() != null) {
            metadata.put("actlab.config", json(model.config()));
        }
        Proto.Graph graph = new Proto.Graph("actlab", g.nodes, g.initializers,
                List.of(new Proto.ValueInfo("input", Proto.FLOAT, new long[] {-1, data.rawFeatures()})),
                List.of(new Proto.ValueInfo("output", Proto.FLOAT, new long[] {-1, spec.outputs()})));
        return Proto.encode(new Proto.Model(IR_VERSION, List.of(new Proto.OpsetId("", OPSET)), "actlab", version(),
                graph, metadata));
    }

    private static String json(Object value) {
        try {
            return RunJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Feature expansion and standardisation as nodes, computed in double precision and rounded to
     * float where actlab rounds (after the features, after the standardisation), so that the
     * network sees the same float inputs as in {@code actlab predict}.
     */
    private static String inputs(GraphBuilder g, DataSummary data) {
        Standardisation z = data.standardisation();
        if (data.featureNames().isEmpty() && z == null) {
            return "input";
        }
        String x = g.op("Cast", "input", Attribute.ofInt("to", Proto.DOUBLE));
        if (!data.featureNames().isEmpty()) {
            String x1 = g.op("Gather", List.of(x, g.int64s(new long[] {1}, new long[] {0})), Attribute.ofInt("axis", 1));
            String x2 = data.rawFeatures() > 1
                    ? g.op("Gather", List.of(x, g.int64s(new long[] {1}, new long[] {1})), Attribute.ofInt("axis", 1)) : null;
            List<String> columns = new ArrayList<>();
            for (String feature : data.featureNames()) {
                columns.add(switch (feature) {
                    case "x1" -> x1;
                    case "x2" -> x2;
                    case "x1^2" -> g.op("Mul", x1, x1);
                    case "x2^2" -> g.op("Mul", x2, x2);
                    case "x1*x2" -> g.op("Mul", x1, x2);
                    case "sin(x1)" -> g.op("Sin", x1);
                    case "sin(x2)" -> g.op("Sin", x2);
                    default -> throw new IllegalArgumentException("feature '" + feature + "' cannot be exported");
                });
            }
            x = columns.size() == 1 ? columns.get(0) : g.op("Concat", columns, Attribute.ofInt("axis", 1));
            // Features.expand stores float32 values; the standardisation reads those.
            x = g.op("Cast", x, Attribute.ofInt("to", Proto.FLOAT));
            if (z == null) {
                return x;
            }
            x = g.op("Cast", x, Attribute.ofInt("to", Proto.DOUBLE));
        }
        long[] shape = {z.means().length};
        x = g.op("Sub", x, g.doubles(shape, z.means()));
        x = g.op("Div", x, g.doubles(shape, z.stds()));
        return g.op("Cast", x, Attribute.ofInt("to", Proto.FLOAT));
    }

    /**
     * The nodes of f applied to x; returns the output. Single operators where ONNX has one, else a
     * composition of primitives. Every catalogue activation is covered, so the default branch
     * (an activation added to the catalogue later) is the documented one-line error.
     */
    static String activation(GraphBuilder g, Activation f, String x) {
        if (f instanceof LeakyRelu r) {
            return g.op("LeakyRelu", x, Attribute.ofFloat("alpha", r.slope()));
        }
        if (f instanceof RRelu r) {
            // Inference form: the mean slope, as actlab predicts.
            return g.op("LeakyRelu", x, Attribute.ofFloat("alpha", r.inferenceSlope()));
        }
        if (f instanceof PRelu r) {
            return g.op("PRelu", x, g.floats(new long[] {1}, new float[] {r.slope()}));
        }
        if (f instanceof Elu e) {
            return g.op("Elu", x, Attribute.ofFloat("alpha", e.alpha()));
        }
        if (f instanceof Celu c) {
            return g.op("Celu", x, Attribute.ofFloat("alpha", c.alpha()));
        }
        if (f instanceof Softplus s) {
            if (s.beta() == 1f && s.threshold() >= 20f) {
                // Beyond 20, log(1 + e^x) rounds to x in float32: the threshold changes nothing.
                return g.op("Softplus", x);
            }
            // x where beta*x > threshold, else softplus(beta*x)/beta (PyTorch's definition).
            String bx = s.beta() == 1f ? x : g.op("Mul", x, g.scalar(s.beta()));
            String soft = g.op("Softplus", bx);
            if (s.beta() != 1f) {
                soft = g.op("Div", soft, g.scalar(s.beta()));
            }
            return g.op("Where", List.of(g.op("Greater", bx, g.scalar(s.threshold())), x, soft));
        }
        if (f instanceof HardTanh h) {
            return g.op("Clip", List.of(x, g.scalar(h.min()), g.scalar(h.max())));
        }
        if (f instanceof SoftShrink s) {
            return g.op("Shrink", x, Attribute.ofFloat("bias", s.lambda()), Attribute.ofFloat("lambd", s.lambda()));
        }
        if (f instanceof HardShrink s) {
            return g.op("Shrink", x, Attribute.ofFloat("bias", 0f), Attribute.ofFloat("lambd", s.lambda()));
        }
        if (f instanceof Threshold t) {
            return g.op("Where", List.of(g.op("Greater", x, g.scalar(t.threshold())), x, g.scalar(t.value())));
        }
        if (f instanceof ThresholdedRelu t) {
            return g.op("ThresholdedRelu", x, Attribute.ofFloat("alpha", t.theta()));
        }
        if (f instanceof Squareplus s) {
            String root = g.op("Sqrt", g.op("Add", g.op("Mul", x, x), g.scalar(s.b())));
            return g.op("Mul", g.op("Add", x, root), g.scalar(0.5f));
        }
        if (f instanceof Isru i) {
            String denominator = g.op("Sqrt", g.op("Add", g.op("Mul", g.op("Mul", x, x), g.scalar(i.alpha())), g.scalar(1f)));
            return g.op("Div", x, denominator);
        }
        switch (f.id()) {
            case "identity":
                return x;
            case "sigmoid":
                return g.op("Sigmoid", x);
            case "tanh":
                return g.op("Tanh", x);
            case "relu":
                return g.op("Relu", x);
            case "relu6":
                return g.op("Clip", List.of(x, g.scalar(0f), g.scalar(6f)));
            case "selu":
                return g.op("Selu", x, Attribute.ofFloat("alpha", SELU_ALPHA), Attribute.ofFloat("gamma", SELU_GAMMA));
            case "gelu":
                return gelu(g, x);
            case "gelu_tanh": {
                // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
                String cube = g.op("Mul", g.op("Mul", x, x), x);
                String inner = g.op("Mul", g.op("Add", x, g.op("Mul", cube, g.scalar(0.044715f))),
                        g.scalar((float) Math.sqrt(2 / Math.PI)));
                return g.op("Mul", g.op("Mul", x, g.op("Add", g.op("Tanh", inner), g.scalar(1f))), g.scalar(0.5f));
            }
            case "silu":
                return g.op("Mul", x, g.op("Sigmoid", x));
            case "mish":
                return g.op("Mul", x, g.op("Tanh", g.op("Softplus", x)));
            case "softsign":
                return g.op("Softsign", x);
            case "log_sigmoid":
                // log σ(x) = −softplus(−x)
                return g.op("Neg", g.op("Softplus", g.op("Neg", x)));
            case "exponential":
                return g.op("Exp", x);
            case "hard_sigmoid":
                return g.op("HardSigmoid", x, Attribute.ofFloat("alpha", 1f / 6), Attribute.ofFloat("beta", 0.5f));
            case "hard_swish":
                return g.op("HardSwish", x);
            case "tanhshrink": {
                // x − tanh x cancels for small x (it is x³/3 there): computed in double, then rounded.
                String wide = g.op("Cast", x, Attribute.ofInt("to", Proto.DOUBLE));
                return g.op("Cast", g.op("Sub", wide, g.op("Tanh", wide)), Attribute.ofInt("to", Proto.FLOAT));
            }
            case "sparse_plus": {
                // 0 for x <= -1, (x+1)^2/4 for -1 < x < 1, x for x >= 1
                String shifted = g.op("Add", x, g.scalar(1f));
                String middle = g.op("Mul", g.op("Mul", shifted, shifted), g.scalar(0.25f));
                String upper = g.op("Where", List.of(g.op("Less", x, g.scalar(1f)), middle, x));
                return g.op("Where", List.of(g.op("LessOrEqual", x, g.scalar(-1f)), g.scalar(0f), upper));
            }
            case "rational_tanh": {
                // 1.7159 sgn(y) (1 − 1/(1 + |y| + y^2 + 1.41645 y^4)), y = 2x/3
                String y = g.op("Mul", x, g.scalar(2f / 3));
                String ay = g.op("Abs", y);
                String y2 = g.op("Mul", y, y);
                String poly = g.op("Add", g.op("Add", g.op("Add", ay, g.scalar(1f)), y2),
                        g.op("Mul", g.op("Mul", y2, y2), g.scalar(1.41645f)));
                String one = g.op("Sub", g.scalar(1f), g.op("Reciprocal", poly));
                return g.op("Mul", g.op("Mul", g.op("Sign", y), one), g.scalar(1.7159f));
            }
            case "rectified_tanh":
                return g.op("Relu", g.op("Tanh", x));
            case "cube":
                return g.op("Mul", g.op("Mul", x, x), x);
            case "sin":
                return g.op("Sin", x);
            case "gaussian":
                return g.op("Exp", g.op("Neg", g.op("Mul", x, x)));
            case "bent_identity": {
                String root = g.op("Sqrt", g.op("Add", g.op("Mul", x, x), g.scalar(1f)));
                return g.op("Add", g.op("Mul", g.op("Sub", root, g.scalar(1f)), g.scalar(0.5f)), x);
            }
            case "arctan":
                return g.op("Atan", x);
            default:
                throw new IllegalArgumentException("activation '" + f.spec() + "' cannot be exported to ONNX "
                        + "(no mapping to standard operators; see docs/INTEROP.md)");
        }
    }

    /** PyTorch's erf form, node for node as torch.onnx writes it: x · 0.5 · (1 + erf(x / √2)) … in its order. */
    static String gelu(GraphBuilder g, String x) {
        String erf = g.op("Erf", g.op("Div", x, g.scalar((float) Math.sqrt(2))));
        return g.op("Mul", g.op("Mul", x, g.op("Add", erf, g.scalar(1f))), g.scalar(0.5f));
    }

    static final float SELU_ALPHA = (float) 1.6732632423543772848170429916717;
    static final float SELU_GAMMA = (float) 1.0507009873554804934193349852946;
}
