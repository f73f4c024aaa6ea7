package org.actlab.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes one-node ONNX models (Sigmoid, Tanh, Relu, LeakyRelu over a float vector of length n)
 * as protobuf bytes, so that the benchmark needs neither the onnx Python package nor a model file.
 *
 * <p>Only the protobuf wire format is needed: varints (wire type 0), 32-bit floats (wire type 5)
 * and length-delimited strings and messages (wire type 2), with the field numbers of onnx.proto
 * (ModelProto, GraphProto, NodeProto, AttributeProto, ValueInfoProto, TypeProto, TensorShapeProto).
 */
final class OnnxModels {

    /** ONNX TensorProto.DataType.FLOAT. */
    private static final int ELEM_TYPE_FLOAT = 1;
    /** ONNX AttributeProto.AttributeType.FLOAT. */
    private static final int ATTRIBUTE_TYPE_FLOAT = 1;
    /** IR version 8 with opset 13: old enough for any current ONNX Runtime, new enough for these ops. */
    private static final long IR_VERSION = 8;
    private static final long OPSET = 13;

    /** The input and output names of every model written here. */
    static final String INPUT = "z";
    static final String OUTPUT = "a";

    private OnnxModels() {
    }

    /** The serialised ModelProto of a = f(z) for z of shape [n]. */
    static byte[] elementwise(PeerFunction function, long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("vector length must be >= 1, got " + n);
        }
        Message node = new Message()
                .string(1, INPUT)
                .string(2, OUTPUT)
                .string(3, "activation")
                .string(4, opType(function));
        if (function == PeerFunction.LEAKY_RELU) {
            node.message(5, new Message()
                    .string(1, "alpha")
                    .float32(2, PeerFunction.LEAKY_SLOPE)
                    .varint(20, ATTRIBUTE_TYPE_FLOAT));
        }
        Message graph = new Message()
                .message(1, node)
                .string(2, "one_activation")
                .message(11, vector(INPUT, n))
                .message(12, vector(OUTPUT, n));
        return new Message()
                .varint(1, IR_VERSION)
                .string(2, "actlab-bench")
                .message(7, graph)
                .message(8, new Message().string(1, "").varint(2, OPSET))
                .bytes();
    }

    private static String opType(PeerFunction function) {
        switch (function) {
            case SIGMOID:
                return "Sigmoid";
            case TANH:
                return "Tanh";
            case RELU:
                return "Relu";
            default:
                return "LeakyRelu";
        }
    }

    /** ValueInfoProto{name, type: TypeProto{tensor_type: {elem_type: FLOAT, shape: [n]}}}. */
    private static Message vector(String name, long n) {
        Message dimension = new Message().varint(1, n);
        Message shape = new Message().message(1, dimension);
        Message tensorType = new Message().varint(1, ELEM_TYPE_FLOAT).message(2, shape);
        Message type = new Message().message(1, tensorType);
        return new Message().string(1, name).message(2, type);
    }

    /** A protobuf message under construction: fields appended in the order written. */
    static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(int field, long value) {
            tag(field, 0);
            writeVarint(value);
            return this;
        }

        Message float32(int field, float value) {
            tag(field, 5);
            int bits = Float.floatToIntBits(value);
            for (int i = 0; i < 4; i++) {
                out.write(bits >>> (8 * i));
            }
            return this;
        }

        Message string(int field, String value) {
            return lengthDelimited(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, Message value) {
            return lengthDelimited(field, value.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private Message lengthDelimited(int field, byte[] value) {
            tag(field, 2);
            writeVarint(value.length);
            out.write(value, 0, value.length);
            return this;
        }

        private void tag(int field, int wireType) {
            writeVarint(((long) field << 3) | wireType);
        }

        private void writeVarint(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
