package org.actlab.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.actlab.onnx.Proto.Node;
import org.actlab.onnx.Proto.Tensor;

/**
 * The nodes of an imported graph before its first dense layer (input scaling, feature expansion,
 * standardisation, Flatten), run on raw input rows with ONNX semantics: float tensors are rounded to
 * float32 after every operator, double tensors are not. Supported: Cast (to float or double),
 * Gather on axis 1 with constant indices, Add, Sub, Mul, Div (with a constant broadcast over the
 * row, or between two values of one width), Sin, Concat on axis 1, Flatten on axis 1, Identity.
 */
public final class Preprocess {

    /** One step: a node whose inputs are the graph input, earlier steps' outputs or constants. */
    private record Step(Node node) {
    }

    /** A value for all rows: n × columns, row-major; {@code wide} when its type is double. */
    private record Value(double[] data, int columns, boolean wide) {
    }

    static final List<String> OPS = List.of("Cast", "Gather", "Add", "Sub", "Mul", "Div", "Sin", "Concat", "Flatten",
            "Identity");

    private final String input;
    private final Map<String, Tensor> constants;
    private final List<Step> steps = new ArrayList<>();
    private String output;

    Preprocess(String input, Map<String, Tensor> constants) {
        this.input = input;
        this.constants = constants;
        this.output = input;
    }

    /** Adds a node; the caller has checked that its op is in {@link #OPS}. */
    void add(Node node) {
        steps.add(new Step(node));
    }

    /** The value the first dense layer reads. */
    void output(String name) {
        output = name;
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The rows after the preprocessing, as float32 (n × width). */
    float[] apply(float[] raw, int n, int rawWidth) {
        Map<String, Value> values = new HashMap<>();
        double[] in = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            in[i] = raw[i];
        }
        values.put(input, new Value(in, rawWidth, false));
        for (Step step : steps) {
            Node node = step.node();
            values.put(node.outputs().get(0), run(node, values, n));
        }
        Value out = values.get(output);
        if (out == null) {
            throw new IllegalArgumentException("the first dense layer reads '" + output + "', which the preprocessing does not compute");
        }
        float[] x = new float[out.data().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) out.data()[i];
        }
        return x;
    }

    /** The width of the preprocessed rows for a raw width (runs the steps on one row of zeros). */
    int width(int rawWidth) {
        return apply(new float[rawWidth], 1, rawWidth).length;
    }

    private Value run(Node node, Map<String, Value> values, int n) {
        String op = node.opType();
        switch (op) {
            case "Identity", "Flatten": {
                Proto.Attribute axis = node.attribute("axis");
                if (op.equals("Flatten") && axis != null && axis.i() != 1) {
                    throw new IllegalArgumentException(node.label() + ": only Flatten with axis 1 is supported, got " + axis.i());
                }
                return value(node, 0, values);
            }
            case "Cast": {
                Value v = value(node, 0, values);
                Proto.Attribute to = node.attribute("to");
                long type = to == null ? -1 : to.i();
                if (type == Proto.DOUBLE) {
                    return new Value(v.data(), v.columns(), true);
                }
                if (type == Proto.FLOAT) {
                    return new Value(round(v.data().clone()), v.columns(), false);
                }
                throw new IllegalArgumentException(node.label() + ": Cast to type " + type + " is not supported (float 1, double 11)");
            }
            case "Sin": {
                Value v = value(node, 0, values);
                double[] out = new double[v.data().length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Math.sin(v.data()[i]);
                }
                return finish(out, v.columns(), v.wide());
            }
            case "Gather": {
                Value v = value(node, 0, values);
                Proto.Attribute axis = node.attribute("axis");
                if (axis == null || (axis.i() != 1 && axis.i() != -1)) {
                    throw new IllegalArgumentException(node.label() + ": only Gather on axis 1 (columns) is supported");
                }
                Tensor indices = constant(node, 1);
                if (indices.dims().length > 1) {
                    throw new IllegalArgumentException(node.label() + ": Gather indices must be a scalar or a vector");
                }
                int k = indices.values().length;
                double[] out = new double[n * k];
                for (int j = 0; j < k; j++) {
                    int c = (int) indices.values()[j];
                    c = c < 0 ? c + v.columns() : c;
                    if (c < 0 || c >= v.columns()) {
                        throw new IllegalArgumentException(node.label() + ": index " + (int) indices.values()[j]
                                + " out of range for " + v.columns() + " columns");
                    }
                    for (int r = 0; r < n; r++) {
                        out[r * k + j] = v.data()[r * v.columns() + c];
                    }
                }
                return new Value(out, k, v.wide());
            }
            case "Concat": {
                List<Value> parts = new ArrayList<>();
                int width = 0;
                for (int i = 0; i < node.inputs().size(); i++) {
                    Value v = value(node, i, values);
                    parts.add(v);
                    width += v.columns();
                }
                double[] out = new double[n * width];
                int offset = 0;
                for (Value v : parts) {
                    for (int r = 0; r < n; r++) {
                        System.arraycopy(v.data(), r * v.columns(), out, r * width + offset, v.columns());
                    }
                    offset += v.columns();
                }
                return new Value(out, width, parts.get(0).wide());
            }
            case "Add", "Sub", "Mul", "Div": {
                boolean leftConstant = constants.containsKey(node.inputs().get(0));
                Value v = value(node, leftConstant ? 1 : 0, values);
                double[] other;
                int otherColumns;
                String otherName = node.inputs().get(leftConstant ? 0 : 1);
                if (constants.containsKey(otherName)) {
                    other = constants.get(otherName).values();
                    otherColumns = other.length;
                    if (otherColumns != 1 && otherColumns != v.columns()) {
                        throw new IllegalArgumentException(node.label() + ": constant '" + otherName + "' has " + otherColumns
                                + " values, expected 1 or " + v.columns());
                    }
                } else {
                    Value w = value(node, 1, values);
                    if (w.columns() != v.columns()) {
                        throw new IllegalArgumentException(node.label() + ": inputs of width " + v.columns() + " and "
                                + w.columns());
                    }
                    other = w.data();
                    otherColumns = -1;
                }
                double[] out = new double[v.data().length];
                for (int i = 0; i < out.length; i++) {
                    double b = otherColumns < 0 ? other[i] : other[otherColumns == 1 ? 0 : i % v.columns()];
                    if (!v.wide()) {
                        b = (float) b;
                    }
                    double a = v.data()[i];
                    double l = leftConstant ? b : a;
                    double r = leftConstant ? a : b;
                    out[i] = switch (op) {
                        case "Add" -> l + r;
                        case "Sub" -> l - r;
                        case "Mul" -> l * r;
                        default -> l / r;
                    };
                }
                return finish(out, v.columns(), v.wide());
            }
            default:
                throw new IllegalArgumentException("unsupported operator " + op + " at " + node.label());
        }
    }

    private static Value finish(double[] out, int columns, boolean wide) {
        return new Value(wide ? out : round(out), columns, wide);
    }

    private static double[] round(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) v[i];
        }
        return v;
    }

    private Value value(Node node, int index, Map<String, Value> values) {
        String name = node.inputs().get(index);
        Value v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(node.label() + ": input '" + name + "' is neither the graph input nor computed before");
        }
        return v;
    }

    private Tensor constant(Node node, int index) {
        String name = node.inputs().size() > index ? node.inputs().get(index) : "";
        Tensor t = constants.get(name);
        if (t == null) {
            throw new IllegalArgumentException(node.label() + ": input " + index + " ('" + name + "') must be a constant");
        }
        return t;
    }
}
