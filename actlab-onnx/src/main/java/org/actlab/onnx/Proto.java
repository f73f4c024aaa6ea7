package org.actlab.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of the ONNX protobuf schema (onnx/onnx.proto, IR version 8) that actlab writes and
 * reads, encoded by hand over protobuf-java's {@link CodedOutputStream} and {@link CodedInputStream}.
 * Field numbers are those of onnx.proto; a reader skips every field it does not know, as protobuf
 * readers must. Why by hand and not generated: docs/INTEROP.md.
 */
final class Proto {

    /** TensorProto.DataType values used here. */
    static final int FLOAT = 1;
    static final int INT64 = 7;
    static final int DOUBLE = 11;

    /** AttributeProto.AttributeType values used here. */
    static final int ATTR_FLOAT = 1;
    static final int ATTR_INT = 2;
    static final int ATTR_STRING = 3;
    static final int ATTR_TENSOR = 4;
    static final int ATTR_FLOATS = 6;
    static final int ATTR_INTS = 7;

    private Proto() {
    }

    record OpsetId(String domain, long version) {
    }

    record Model(long irVersion, List<OpsetId> opsets, String producerName, String producerVersion, Graph graph,
                 Map<String, String> metadata) {
    }

    record Graph(String name, List<Node> nodes, List<Tensor> initializers, List<ValueInfo> inputs,
                 List<ValueInfo> outputs) {
    }

    record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                List<Attribute> attributes) {

        Attribute attribute(String attributeName) {
            for (Attribute a : attributes) {
                if (a.name().equals(attributeName)) {
                    return a;
                }
            }
            return null;
        }

        /** How messages name a node: its name if it has one, else its first output. */
        String label() {
            String id = !name.isEmpty() ? name : outputs.isEmpty() ? "?" : "output " + outputs.get(0);
            return opType + " node '" + id + "'";
        }
    }

    record Attribute(String name, int type, float f, long i, String s, Tensor t, float[] floats, long[] ints) {

        static Attribute ofFloat(String name, float value) {
            return new Attribute(name, ATTR_FLOAT, value, 0, "", null, new float[0], new long[0]);
        }

        static Attribute ofInt(String name, long value) {
            return new Attribute(name, ATTR_INT, 0, value, "", null, new float[0], new long[0]);
        }

        static Attribute ofString(String name, String value) {
            return new Attribute(name, ATTR_STRING, 0, 0, value, null, new float[0], new long[0]);
        }

        static Attribute ofTensor(String name, Tensor value) {
            return new Attribute(name, ATTR_TENSOR, 0, 0, "", value, new float[0], new long[0]);
        }
    }

    /**
     * A tensor; the values are held as doubles whatever the data type (float and int64 values are
     * exact in a double up to 2^53), with the element count checked against the dimensions.
     */
    record Tensor(String name, int dataType, long[] dims, double[] values) {

        static Tensor floats(String name, long[] dims, float[] data) {
            double[] values = new double[data.length];
            for (int k = 0; k < data.length; k++) {
                values[k] = data[k];
            }
            return new Tensor(name, FLOAT, dims, values);
        }

        static Tensor doubles(String name, long[] dims, double[] data) {
            return new Tensor(name, DOUBLE, dims, data.clone());
        }

        static Tensor int64s(String name, long[] dims, long[] data) {
            double[] values = new double[data.length];
            for (int k = 0; k < data.length; k++) {
                values[k] = data[k];
            }
            return new Tensor(name, INT64, dims, values);
        }

        long elements() {
            long count = 1;
            for (long d : dims) {
                count = Math.multiplyExact(count, d);
            }
            return count;
        }
    }

    /** A graph input or output: a tensor with an element type and dimensions, −1 for a symbolic one. */
    record ValueInfo(String name, int elemType, long[] dims) {
    }

    // ---------------------------------------------------------------- writing

    static byte[] encode(Model m) {
        return message(out -> {
            out.writeInt64(1, m.irVersion());
            out.writeString(2, m.producerName());
            out.writeString(3, m.producerVersion());
            out.writeByteArray(7, encode(m.graph()));
            for (OpsetId opset : m.opsets()) {
                out.writeByteArray(8, message(o -> {
                    o.writeString(1, opset.domain());
                    o.writeInt64(2, opset.version());
                }));
            }
            for (Map.Entry<String, String> e : m.metadata().entrySet()) {
                out.writeByteArray(14, message(o -> {
                    o.writeString(1, e.getKey());
                    o.writeString(2, e.getValue());
                }));
            }
        });
    }

    private static byte[] encode(Graph g) {
        return message(out -> {
            for (Node node : g.nodes()) {
                out.writeByteArray(1, encode(node));
            }
            out.writeString(2, g.name());
            for (Tensor t : g.initializers()) {
                out.writeByteArray(5, encode(t));
            }
            for (ValueInfo v : g.inputs()) {
                out.writeByteArray(11, encode(v));
            }
            for (ValueInfo v : g.outputs()) {
                out.writeByteArray(12, encode(v));
            }
        });
    }

    private static byte[] encode(Node n) {
        return message(out -> {
            for (String input : n.inputs()) {
                out.writeString(1, input);
            }
            for (String output : n.outputs()) {
                out.writeString(2, output);
            }
            out.writeString(3, n.name());
            out.writeString(4, n.opType());
            for (Attribute a : n.attributes()) {
                out.writeByteArray(5, encode(a));
            }
            if (!n.domain().isEmpty()) {
                out.writeString(7, n.domain());
            }
        });
    }

    private static byte[] encode(Attribute a) {
        return message(out -> {
            out.writeString(1, a.name());
            switch (a.type()) {
                case ATTR_FLOAT -> out.writeFloat(2, a.f());
                case ATTR_INT -> out.writeInt64(3, a.i());
                case ATTR_STRING -> out.writeByteArray(4, a.s().getBytes(StandardCharsets.UTF_8));
                case ATTR_TENSOR -> out.writeByteArray(5, encode(a.t()));
                default -> throw new IllegalArgumentException("cannot write attribute type " + a.type());
            }
            out.writeInt32(20, a.type());
        });
    }

    private static byte[] encode(Tensor t) {
        return message(out -> {
            for (long d : t.dims()) {
                out.writeInt64(1, d);
            }
            out.writeInt32(2, t.dataType());
            out.writeString(8, t.name());
            // raw_data, little-endian, as onnx.proto prescribes for it.
            double[] v = t.values();
            ByteBuffer raw;
            switch (t.dataType()) {
                case FLOAT -> {
                    raw = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                    for (double x : v) {
                        raw.putFloat((float) x);
                    }
                }
                case DOUBLE -> {
                    raw = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                    for (double x : v) {
                        raw.putDouble(x);
                    }
                }
                case INT64 -> {
                    raw = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                    for (double x : v) {
                        raw.putLong((long) x);
                    }
                }
                default -> throw new IllegalArgumentException("cannot write tensor type " + t.dataType());
            }
            out.writeByteArray(9, raw.array());
        });
    }

    private static byte[] encode(ValueInfo v) {
        return message(out -> {
            out.writeString(1, v.name());
            out.writeByteArray(2, message(type -> type.writeByteArray(1, message(tensor -> {
                tensor.writeInt32(1, v.elemType());
                tensor.writeByteArray(2, message(shape -> {
                    for (long d : v.dims()) {
                        shape.writeByteArray(1, message(dim -> {
                            if (d >= 0) {
                                dim.writeInt64(1, d);
                            } else {
                                dim.writeString(2, "N");
                            }
                        }));
                    }
                }));
            }))));
        });
    }

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Decodes a ModelProto.
     *
     * @param elementBudget the most tensor elements all tensors together may hold (the memory guard)
     * @throws InvalidProtocolBufferException for bytes that are not a protobuf message (truncated, corrupt)
     * @throws IllegalArgumentException       for a tensor larger than the budget or inconsistent with its dims
     */
    static Model decodeModel(byte[] bytes, long elementBudget) throws InvalidProtocolBufferException {
        long[] budget = {elementBudget};
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        long ir = 0;
        String producer = "";
        String producerVersion = "";
        Graph graph = null;
        List<OpsetId> opsets = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> ir = expect(tag, WireFormat.WIRETYPE_VARINT) ? in.readInt64() : skip(in, tag);
                    case 2 -> producer = expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED) ? in.readStringRequireUtf8() : skipS(in, tag);
                    case 3 -> producerVersion = expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED) ? in.readStringRequireUtf8() : skipS(in, tag);
                    case 7 -> graph = expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED) ? decodeGraph(in.readByteArray(), budget) : graph;
                    case 8 -> {
                        if (expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                            opsets.add(decodeOpset(in.readByteArray()));
                        } else {
                            in.skipField(tag);
                        }
                    }
                    case 14 -> {
                        if (expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                            String[] kv = decodeEntry(in.readByteArray());
                            metadata.put(kv[0], kv[1]);
                        } else {
                            in.skipField(tag);
                        }
                    }
                    default -> in.skipField(tag);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e.getMessage());
        }
        return new Model(ir, opsets, producer, producerVersion, graph, metadata);
    }

    /** Whether the tag has the wire type; a field with another wire type is not the one we know, and is skipped. */
    private static boolean expect(int tag, int wireType) {
        return WireFormat.getTagWireType(tag) == wireType;
    }

    /**
     * The field number of a length-delimited field; 0, which no field has, for any other wire type,
     * so that a message whose fields are all length-delimited skips it in its {@code default} case.
     */
    private static int lengthDelimited(int tag) {
        return expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED) ? WireFormat.getTagFieldNumber(tag) : 0;
    }

    private static long skip(CodedInputStream in, int tag) throws IOException {
        in.skipField(tag);
        return 0;
    }

    private static String skipS(CodedInputStream in, int tag) throws IOException {
        in.skipField(tag);
        return "";
    }

    private static OpsetId decodeOpset(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String domain = "";
        long version = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> domain = in.readStringRequireUtf8();
                case (2 << 3) | WireFormat.WIRETYPE_VARINT -> version = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        return new OpsetId(domain, version);
    }

    private static String[] decodeEntry(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String[] kv = {"", ""};
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> kv[0] = in.readStringRequireUtf8();
                case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> kv[1] = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        return kv;
    }

    private static Graph decodeGraph(byte[] bytes, long[] budget) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<Node> nodes = new ArrayList<>();
        List<Tensor> initializers = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        String name = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (lengthDelimited(tag)) {
                case 1 -> nodes.add(decodeNode(in.readByteArray(), budget));
                case 2 -> name = in.readStringRequireUtf8();
                case 5 -> initializers.add(decodeTensor(in.readByteArray(), budget));
                case 11 -> inputs.add(decodeValueInfo(in.readByteArray()));
                case 12 -> outputs.add(decodeValueInfo(in.readByteArray()));
                default -> in.skipField(tag);
            }
        }
        return new Graph(name, nodes, initializers, inputs, outputs);
    }

    private static Node decodeNode(byte[] bytes, long[] budget) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (lengthDelimited(tag)) {
                case 1 -> inputs.add(in.readStringRequireUtf8());
                case 2 -> outputs.add(in.readStringRequireUtf8());
                case 3 -> name = in.readStringRequireUtf8();
                case 4 -> op = in.readStringRequireUtf8();
                case 5 -> attributes.add(decodeAttribute(in.readByteArray(), budget));
                case 7 -> domain = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        return new Node(name, op, domain, inputs, outputs, attributes);
    }

    private static Attribute decodeAttribute(byte[] bytes, long[] budget) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = "";
        Tensor t = null;
        List<Float> floats = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            switch (field) {
                case 1 -> name = wire == WireFormat.WIRETYPE_LENGTH_DELIMITED ? in.readStringRequireUtf8() : skipS(in, tag);
                case 2 -> f = wire == WireFormat.WIRETYPE_FIXED32 ? in.readFloat() : (float) skip(in, tag);
                case 3 -> i = wire == WireFormat.WIRETYPE_VARINT ? in.readInt64() : skip(in, tag);
                case 4 -> s = wire == WireFormat.WIRETYPE_LENGTH_DELIMITED ? in.readBytes().toStringUtf8() : skipS(in, tag);
                case 5 -> t = wire == WireFormat.WIRETYPE_LENGTH_DELIMITED ? decodeTensor(in.readByteArray(), budget) : t;
                case 7 -> readFloats(in, tag, floats);
                case 8 -> readLongs(in, tag, ints);
                case 20 -> type = wire == WireFormat.WIRETYPE_VARINT ? in.readInt32() : (int) skip(in, tag);
                default -> in.skipField(tag);
            }
        }
        float[] fs = new float[floats.size()];
        for (int k = 0; k < fs.length; k++) {
            fs[k] = floats.get(k);
        }
        return new Attribute(name, type, f, i, s, t, fs, ints.stream().mapToLong(Long::longValue).toArray());
    }

    /** A repeated float field, packed or not. */
    private static void readFloats(CodedInputStream in, int tag, List<Float> into) throws IOException {
        readRepeated(in, tag, WireFormat.WIRETYPE_FIXED32, CodedInputStream::readFloat, into);
    }

    /** A repeated varint field, packed or not. */
    private static void readLongs(CodedInputStream in, int tag, List<Long> into) throws IOException {
        readRepeated(in, tag, WireFormat.WIRETYPE_VARINT, CodedInputStream::readInt64, into);
    }

    /** Reads one element of a repeated scalar field. */
    @FunctionalInterface
    private interface Element<T> {
        T read(CodedInputStream in) throws IOException;
    }

    /**
     * A repeated scalar field, packed (one length-delimited run) or not (one element of wire type
     * {@code wireType} per tag); a field of any other wire type is skipped.
     */
    private static <T> void readRepeated(CodedInputStream in, int tag, int wireType, Element<T> element, List<T> into)
            throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                into.add(element.read(in));
            }
            in.popLimit(limit);
        } else if (WireFormat.getTagWireType(tag) == wireType) {
            into.add(element.read(in));
        } else {
            in.skipField(tag);
        }
    }

    private static Tensor decodeTensor(byte[] bytes, long[] budget) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = "";
        byte[] raw = null;
        List<Float> floatData = new ArrayList<>();
        List<Long> int64Data = new ArrayList<>();
        List<Double> doubleData = new ArrayList<>();
        boolean external = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            switch (field) {
                case 1 -> readLongs(in, tag, dims);
                case 2 -> type = wire == WireFormat.WIRETYPE_VARINT ? in.readInt32() : (int) skip(in, tag);
                case 4 -> readFloats(in, tag, floatData);
                case 7 -> readLongs(in, tag, int64Data);
                case 8 -> name = wire == WireFormat.WIRETYPE_LENGTH_DELIMITED ? in.readStringRequireUtf8() : skipS(in, tag);
                case 9 -> raw = wire == WireFormat.WIRETYPE_LENGTH_DELIMITED ? in.readByteArray() : raw;
                case 10 -> readRepeated(in, tag, WireFormat.WIRETYPE_FIXED64, CodedInputStream::readDouble, doubleData);
                case 13 -> {
                    external = true;
                    in.skipField(tag);
                }
                default -> in.skipField(tag);
            }
        }
        String label = "tensor '" + name + "'";
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(label + " has a negative dimension " + d);
            }
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(label + " declares more than 2^63 elements: too large for memory");
            }
        }
        if (count > budget[0]) {
            throw new IllegalArgumentException(label + " declares " + count + " elements (" + java.util.Arrays.toString(shape)
                    + "), " + String.format(java.util.Locale.ROOT, "%.3g", count * 4.0 / (1 << 20))
                    + " MB as float: the model is too large for memory (limit " + budget[0] + " elements for this heap)");
        }
        budget[0] -= count;
        if (external) {
            throw new IllegalArgumentException(label + " keeps its data in an external file, which actlab does not read");
        }
        double[] values = new double[(int) count];
        int bytesPer = type == FLOAT ? 4 : type == DOUBLE || type == INT64 ? 8 : 0;
        if (bytesPer == 0) {
            throw new IllegalArgumentException(label + " has data type " + type + "; actlab reads float (1), int64 (7) and double (11)");
        }
        if (raw != null) {
            if (raw.length != count * bytesPer) {
                throw new IllegalArgumentException(label + " has " + raw.length + " bytes of raw data, expected " + count * bytesPer
                        + " for shape " + java.util.Arrays.toString(shape));
            }
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < count; k++) {
                values[k] = type == FLOAT ? b.getFloat() : type == DOUBLE ? b.getDouble() : b.getLong();
            }
        } else {
            List<? extends Number> typed = type == FLOAT ? floatData : type == DOUBLE ? doubleData : int64Data;
            if (typed.size() != count) {
                throw new IllegalArgumentException(label + " has " + typed.size() + " values, expected " + count
                        + " for shape " + java.util.Arrays.toString(shape));
            }
            for (int k = 0; k < count; k++) {
                values[k] = typed.get(k).doubleValue();
            }
        }
        return new Tensor(name, type, shape, values);
    }

    private static ValueInfo decodeValueInfo(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String name = "";
        int elem = 0;
        List<Long> dims = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> name = in.readStringRequireUtf8();
                // TypeProto.tensor_type (1)
                case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    for (byte[] tensorType : fields(in.readByteArray(), 1)) {
                        elem = decodeTensorType(tensorType, elem, dims);
                    }
                }
                default -> in.skipField(tag);
            }
        }
        return new ValueInfo(name, elem, dims.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * TypeProto.Tensor: adds each dim (1) of shape (2) to {@code dims} and returns elem_type (1), or
     * {@code elem} when it is absent (a message field given twice merges: the last value wins).
     */
    private static int decodeTensorType(byte[] bytes, int elem, List<Long> dims) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_VARINT -> elem = in.readInt32();
                case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    for (byte[] dimension : fields(in.readByteArray(), 1)) {
                        dims.add(decodeDimension(dimension));
                    }
                }
                default -> in.skipField(tag);
            }
        }
        return elem;
    }

    /** TensorShapeProto.Dimension: dim_value (1), or -1 for a symbolic dim_param (2) or none. */
    private static long decodeDimension(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        long value = -1;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == ((1 << 3) | WireFormat.WIRETYPE_VARINT)) {
                value = in.readInt64();
            } else {
                in.skipField(tag);
            }
        }
        return value;
    }

    /** The payloads of the length-delimited fields {@code number} of a message, in order; other fields are skipped. */
    private static List<byte[]> fields(byte[] message, int number) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        List<byte[]> payloads = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == ((number << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                payloads.add(in.readByteArray());
            } else {
                in.skipField(tag);
            }
        }
        return payloads;
    }
}
