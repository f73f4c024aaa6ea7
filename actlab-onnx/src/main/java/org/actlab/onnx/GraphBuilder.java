package org.actlab.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.actlab.onnx.Proto.Attribute;
import org.actlab.onnx.Proto.Node;
import org.actlab.onnx.Proto.Tensor;

/** Collects nodes and initialisers with unique value and node names, in topological order. */
final class GraphBuilder {

    final List<Node> nodes = new ArrayList<>();
    final List<Tensor> initializers = new ArrayList<>();
    private int values;
    private String scope = "";

    /** Prefixes the names of the nodes and constants that follow, for example {@code "layer0/"}. */
    void scope(String prefix) {
        scope = prefix;
    }

    /** Adds a node with one output and returns the output's name. */
    String op(String opType, List<String> inputs, Attribute... attributes) {
        String out = scope + opType.toLowerCase() + "_" + values++;
        nodes.add(new Node(out, opType, "", List.copyOf(inputs), List.of(out), Arrays.asList(attributes)));
        return out;
    }

    String op(String opType, String input, Attribute... attributes) {
        return op(opType, List.of(input), attributes);
    }

    String op(String opType, String a, String b) {
        return op(opType, List.of(a, b));
    }

    /** A float32 scalar constant (shape []), broadcast by the elementwise operators. */
    String scalar(float value) {
        return add(Tensor.floats(scope + "c" + values++, new long[0], new float[] {value}));
    }

    String floats(long[] dims, float[] data) {
        return add(Tensor.floats(scope + "w" + values++, dims, data));
    }

    String doubles(long[] dims, double[] data) {
        return add(Tensor.doubles(scope + "d" + values++, dims, data));
    }

    String int64s(long[] dims, long[] data) {
        return add(Tensor.int64s(scope + "i" + values++, dims, data));
    }

    private String add(Tensor t) {
        initializers.add(t);
        return t.name();
    }
}
