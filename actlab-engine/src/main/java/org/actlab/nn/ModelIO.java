package org.actlab.nn;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.data.AtomicFile;
import org.actlab.data.MemoryBudget;

/**
 * Saves and loads trained networks as versioned JSON:
 * <pre>
 * {"format":"actlab-model","version":1,
 *  "spec":{"inputs":2,"hidden":[{"units":8,"activation":"prelu(slope=0.25)"}],"outputs":1,
 *          "output":"sigmoid","loss":"bce","weightInit":"he_normal","biasInit":"zeros"},
 *  "layers":[{"activation":"prelu(slope=0.1873)","weights":[...units×inputs, row-major...],"bias":[...]}, ...]}
 * </pre>
 * Each layer's activation is its spec with the learnt parameters (prelu's slope). Every float is
 * written as {@link Float#toString(float)} and read back with {@link Float#parseFloat(String)}
 * from the file's own text, so a round trip keeps every bit (−0 included).
 *
 * <p>Files are written whole or not at all: to a temporary file in the same directory, then
 * moved over the target ({@link AtomicFile}). Both directions stream: writing holds no copy of the
 * document, reading puts the numbers straight into the layers' float arrays after checking that the
 * spec's shapes fit an array and the heap. Callers may add top-level members of their own
 * ({@link ExtraWriter}, {@link ExtraReader}). Loading validates the
 * format, the version, the spec, every shape against the spec, every number and every activation,
 * and throws {@link IllegalArgumentException} with a one-line message saying what is wrong.
 */
public final class ModelIO {

    /** The value of the {@code "format"} field. */
    public static final String FORMAT = "actlab-model";
    /** The format version this build writes and reads. */
    public static final int VERSION = 1;

    private static final JsonFactory JSON = new JsonFactory();

    private ModelIO() {
    }

    /**
     * Extra top-level members written after the model's own, for callers that store more in the same
     * file (the lab's run config); {@code json} is inside the top-level object.
     */
    @FunctionalInterface
    public interface ExtraWriter {
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * Receives a top-level member the model format does not define; {@code json} stands on the member's
     * value, which the reader must consume whole (for example with a mapper's {@code readValue}).
     */
    @FunctionalInterface
    public interface ExtraReader {
        void read(String name, JsonParser json) throws IOException;

        /** Skips every extra member. */
        static ExtraReader ignore() {
            return (name, json) -> json.skipChildren();
        }
    }

    /**
     * Writes {@code network} to {@code path} atomically.
     *
     * @throws IllegalArgumentException if the network holds a non-finite value
     * @throws IOException              if the file cannot be written (the target is then untouched)
     */
    public static void save(Network network, Path path) throws IOException {
        save(network, path, json -> {
        });
    }

    /**
     * Writes {@code network} and the caller's extra members to {@code path} atomically, streaming: memory
     * stays bounded by the generator's buffer whatever the size of the network.
     */
    public static void save(Network network, Path path, ExtraWriter extras) throws IOException {
        checkFinite(network);
        AtomicFile.write(path, out -> write(network, out, extras));
    }

    /** Writes the model document to a stream (not closed). */
    public static void write(Network network, OutputStream out, ExtraWriter extras) throws IOException {
        checkFinite(network);
        try (JsonGenerator json = JSON.createGenerator(new BufferedOutputStream(out, 1 << 16))) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            write(network, json, extras);
        }
    }

    private static void checkFinite(Network network) {
        List<DenseLayer> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            checkFinite(layers.get(l).weights(), "layer " + l + " weights");
            checkFinite(layers.get(l).bias(), "layer " + l + " bias");
        }
    }

    private static void checkFinite(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("cannot save a network with non-finite values: " + what + "[" + i + "] = " + values[i]);
            }
        }
    }

    private static void write(Network network, JsonGenerator json, ExtraWriter extras) throws IOException {
        NetworkSpec spec = network.spec();
        json.writeStartObject();
        json.writeStringField("format", FORMAT);
        json.writeNumberField("version", VERSION);
        json.writeFieldName("spec");
        json.writeStartObject();
        json.writeNumberField("inputs", spec.inputs());
        json.writeArrayFieldStart("hidden");
        for (NetworkSpec.LayerSpec hidden : spec.hidden()) {
            json.writeStartObject();
            json.writeNumberField("units", hidden.units());
            json.writeStringField("activation", hidden.activation());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("outputs", spec.outputs());
        json.writeStringField("output", spec.output().name().toLowerCase(Locale.ROOT));
        json.writeStringField("loss", spec.loss().name().toLowerCase(Locale.ROOT));
        json.writeStringField("weightInit", spec.weightInit());
        json.writeStringField("biasInit", spec.biasInit());
        json.writeEndObject();
        json.writeArrayFieldStart("layers");
        for (DenseLayer layer : network.layers()) {
            json.writeRaw('\n');
            json.writeStartObject();
            json.writeStringField("activation", layer.activation().spec());
            writeFloats(json, "weights", layer.weights());
            writeFloats(json, "bias", layer.bias());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeRaw('\n');
        extras.write(json);
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private static void writeFloats(JsonGenerator json, String name, float[] values) throws IOException {
        json.writeArrayFieldStart(name);
        for (float value : values) {
            json.writeNumber(Float.toString(value));
        }
        json.writeEndArray();
    }

    /**
     * Reads a network written by {@link #save}.
     *
     * @throws IllegalArgumentException when the file is missing, not JSON, truncated, of another
     *                                  format or version, or inconsistent; the message names the file
     *                                  and the field
     * @throws IOException              for other read errors
     */
    public static Network load(Path path) throws IOException {
        return load(path, ExtraReader.ignore());
    }

    /** As {@link #load(Path)}, handing members the format does not define to {@code extras}. */
    public static Network load(Path path, ExtraReader extras) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no model file at " + path);
        }
        try (in) {
            return read(in, path.toString(), extras);
        }
    }

    /**
     * Reads a model document from a stream, streaming: the weights go straight into float arrays
     * (4 bytes per parameter), sized from the spec and checked against the heap before allocation.
     *
     * @param name the file's name, for messages
     */
    public static Network read(InputStream in, String name, ExtraReader extras) throws IOException {
        try (JsonParser parser = JSON.createParser(new BufferedInputStream(in, 1 << 16))) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException(name + ": the file is empty, not an actlab model");
            }
            Network network;
            try {
                network = readModel(parser, extras);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(name + ": unexpected content after the model object");
            }
            return network;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": " + jsonProblem(e));
        }
    }

    /** A parse error in words, without the library's internals (class names, constraint getters). */
    public static String jsonProblem(JsonProcessingException e) {
        String location = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        if (e instanceof StreamConstraintsException) {
            return "not a usable JSON document" + location + ": a number, string or nesting is longer than this reader allows";
        }
        String detail = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
        int internal = detail.indexOf(" (from `");
        if (internal >= 0) {
            detail = detail.substring(0, internal);
        }
        return "not valid JSON" + location + " (truncated or corrupt file): " + detail;
    }

    private static Network readModel(JsonParser parser, ExtraReader extras) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("the file must be a JSON object, got " + parser.currentToken());
        }
        Map<String, Object> model = new LinkedHashMap<>();
        NetworkSpec spec = null;
        List<Map<String, Object>> layers = null;
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (!seen.add(field)) {
                throw new IllegalArgumentException("field '" + field + "' appears twice");
            }
            switch (field) {
                case "format", "version" -> model.put(field, readValue(parser));
                case "spec" -> {
                    spec = spec(object(readValue(parser), "spec"));
                    checkFits(spec);
                }
                case "layers" -> layers = readLayers(parser, spec);
                default -> extras.read(field, parser);
            }
        }
        Object format = model.get("format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("not an actlab model: \"format\" is " + describe(format) + ", expected \"" + FORMAT + "\"");
        }
        int version = integer(model.get("version"), "version");
        if (version != VERSION) {
            throw new IllegalArgumentException("model format version " + version + " is not supported; this build reads version " + VERSION);
        }
        if (spec == null) {
            throw new IllegalArgumentException("spec must be a JSON object, got nothing (missing or null)");
        }
        if (layers == null) {
            throw new IllegalArgumentException("layers must be a JSON array, got nothing (missing or null)");
        }
        return build(spec, layers);
    }

    /** Refuses a spec whose weights overflow an array or the heap, before any is read. */
    private static void checkFits(NetworkSpec spec) {
        long parameters = 0;
        int inputs = spec.inputs();
        for (int l = 0; l <= spec.hidden().size(); l++) {
            int units = l == spec.hidden().size() ? spec.outputs() : spec.hidden().get(l).units();
            long weights = (long) units * inputs;
            if (weights > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("spec: layer " + l + " has " + units + " × " + inputs + " = " + weights
                        + " weights, more than one array can hold");
            }
            parameters += weights + units;
            inputs = units;
        }
        MemoryBudget.require(Math.multiplyExact(parameters, (long) Float.BYTES), "the model's " + parameters + " parameters");
    }

    /** The layers array, each layer's numbers streamed into float arrays. */
    private static List<Map<String, Object>> readLayers(JsonParser parser, NetworkSpec spec) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("layers must be a JSON array, got " + describe(readValue(parser)));
        }
        List<Map<String, Object>> layers = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int l = layers.size();
            String where = "layers[" + l + "]";
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(where + " must be a JSON object, got " + describe(readValue(parser)));
            }
            Map<String, Object> layer = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                Object value;
                if ((field.equals("weights") || field.equals("bias")) && parser.currentToken() == JsonToken.START_ARRAY) {
                    value = readFloats(parser, where + "." + field, expectedSize(spec, l, field));
                } else {
                    value = readValue(parser);
                }
                if (layer.put(field, value) != null) {
                    throw new IllegalArgumentException(where + ": field '" + field + "' appears twice");
                }
            }
            layers.add(layer);
        }
        return layers;
    }

    /** The size the spec gives a layer's array, or −1 when unknown (no spec yet, or more layers than it has). */
    private static int expectedSize(NetworkSpec spec, int l, String field) {
        if (spec == null || l > spec.hidden().size()) {
            return -1;
        }
        int units = l == spec.hidden().size() ? spec.outputs() : spec.hidden().get(l).units();
        int inputs = l == 0 ? spec.inputs() : spec.hidden().get(l - 1).units();
        return field.equals("bias") ? units : units * inputs;
    }

    private static float[] readFloats(JsonParser parser, String where, int expected) throws IOException {
        float[] values = new float[expected >= 0 ? expected : 16];
        int n = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new IllegalArgumentException(where + "[" + n + "] must be a number, got " + describe(readValue(parser)));
            }
            if (n == values.length) {
                if (expected >= 0) {
                    throw new IllegalArgumentException(where + " has more than the " + expected + " numbers the spec needs");
                }
                values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * values.length));
            }
            String text = parser.getText();
            float parsed = Float.parseFloat(text);
            if (!Float.isFinite(parsed)) {
                throw new IllegalArgumentException(where + "[" + n + "] = " + text + " is not a finite float");
            }
            values[n++] = parsed;
        }
        return n == values.length ? values : Arrays.copyOf(values, n);
    }

    /** A number as written in the file, so that floats parse from the original decimal text. */
    private record NumberText(String text) {
    }

    private static Object readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (object.put(name, readValue(parser)) != null) {
                        throw new IllegalArgumentException("field '" + name + "' appears twice");
                    }
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                return array;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new NumberText(parser.getText());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return parser.getBooleanValue();
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalArgumentException("unexpected JSON token " + token);
        }
    }

    private static Network build(NetworkSpec spec, List<Map<String, Object>> layerList) {
        int expected = spec.hidden().size() + 1;
        if (layerList.size() != expected) {
            throw new IllegalArgumentException("\"layers\" has " + layerList.size() + " entries but the spec describes "
                    + expected + " (" + spec.hidden().size() + " hidden + output)");
        }
        List<DenseLayer> layers = new ArrayList<>();
        int inputs = spec.inputs();
        for (int l = 0; l < expected; l++) {
            boolean last = l == expected - 1;
            String where = "layers[" + l + "]";
            Map<String, Object> layer = layerList.get(l);
            int units = last ? spec.outputs() : spec.hidden().get(l).units();
            Activation activation = activation(layer.get("activation"), where, spec, l, last);
            float[] weights = floats(layer.get("weights"), where + ".weights", units * inputs, units + "×" + inputs);
            float[] bias = floats(layer.get("bias"), where + ".bias", units, Integer.toString(units));
            layers.add(new DenseLayer(inputs, units, activation, weights, bias));
            inputs = units;
        }
        return new Network(spec, layers);
    }

    private static Activation activation(Object value, String where, NetworkSpec spec, int index, boolean last) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(where + ".activation must be a spec string, got " + describe(value));
        }
        Activation activation;
        try {
            activation = Activations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".activation: " + e.getMessage(), e);
        }
        Activation expected = last ? Network.outputActivation(spec.output()) : Network.hiddenActivation(index, spec.hidden().get(index).activation());
        boolean matches = last ? activation.equals(expected) : activation.id().equals(expected.id());
        if (!matches) {
            throw new IllegalArgumentException(where + ".activation is '" + text + "' but the spec says '"
                    + (last ? expected.spec() : spec.hidden().get(index).activation()) + "'");
        }
        return activation;
    }

    private static NetworkSpec spec(Map<String, Object> spec) {
        int inputs = integer(spec.get("inputs"), "spec.inputs");
        List<NetworkSpec.LayerSpec> hidden = new ArrayList<>();
        List<Object> hiddenList = array(spec.get("hidden"), "spec.hidden");
        for (int i = 0; i < hiddenList.size(); i++) {
            Map<String, Object> layer = object(hiddenList.get(i), "spec.hidden[" + i + "]");
            hidden.add(new NetworkSpec.LayerSpec(integer(layer.get("units"), "spec.hidden[" + i + "].units"),
                    string(layer.get("activation"), "spec.hidden[" + i + "].activation")));
        }
        int outputs = integer(spec.get("outputs"), "spec.outputs");
        NetworkSpec.Output output = enumValue(NetworkSpec.Output.class, string(spec.get("output"), "spec.output"), "spec.output");
        NetworkSpec.Loss loss = enumValue(NetworkSpec.Loss.class, string(spec.get("loss"), "spec.loss"), "spec.loss");
        String weightInit = string(spec.get("weightInit"), "spec.weightInit");
        String biasInit = string(spec.get("biasInit"), "spec.biasInit");
        Initializers.parse(weightInit);
        Initializers.parse(biasInit);
        return new NetworkSpec(inputs, hidden, outputs, output, loss, weightInit, biasInit);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String where) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException(where + " is '" + text + "'; expected one of " + String.join(", ", names));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(where + " must be a JSON object, got " + describe(value));
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(Object value, String where) {
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(where + " must be a JSON array, got " + describe(value));
        }
        return (List<Object>) value;
    }

    private static String string(Object value, String where) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(where + " must be a string, got " + describe(value));
        }
        return text;
    }

    private static int integer(Object value, String where) {
        if (value instanceof NumberText number) {
            try {
                return Integer.parseInt(number.text());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + " must be a whole number, got " + number.text());
            }
        }
        throw new IllegalArgumentException(where + " must be a whole number, got " + describe(value));
    }

    private static float[] floats(Object value, String where, int expected, String shape) {
        if (!(value instanceof float[] values)) {
            throw new IllegalArgumentException(where + " must be a JSON array, got " + describe(value));
        }
        if (values.length != expected) {
            throw new IllegalArgumentException(where + " has " + values.length + " numbers but the spec needs " + shape + " = " + expected);
        }
        return values;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing (missing or null)";
        }
        if (value instanceof String text) {
            return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        }
        if (value instanceof NumberText number) {
            return number.text();
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List || value instanceof float[]) {
            return "an array";
        }
        return value.toString();
    }
}
