package org.actlab.nn;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.data.AtomicFile;

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
 * moved over the target ({@link AtomicFile}). Loading validates the
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
     * Writes {@code network} to {@code path} atomically.
     *
     * @throws IllegalArgumentException if the network holds a non-finite value
     * @throws IOException              if the file cannot be written (the target is then untouched)
     */
    public static void save(Network network, Path path) throws IOException {
        List<DenseLayer> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            checkFinite(layers.get(l).weights(), "layer " + l + " weights");
            checkFinite(layers.get(l).bias(), "layer " + l + " bias");
        }
        AtomicFile.write(path, out -> {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                write(network, json);
            }
        });
    }

    private static void checkFinite(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("cannot save a network with non-finite values: " + what + "[" + i + "] = " + values[i]);
            }
        }
    }

    private static void write(Network network, JsonGenerator json) throws IOException {
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
     *                                  format or version, or inconsistent; the message says which
     * @throws IOException              for other read errors
     */
    public static Network load(Path path) throws IOException {
        Object root;
        try (JsonParser parser = JSON.createParser(Files.newInputStream(path))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException(path + ": the file is empty, not an actlab model");
            }
            root = readValue(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(path + ": unexpected content after the model object");
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no model file at " + path);
        } catch (JsonProcessingException e) {
            String location = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException(path + ": not valid JSON" + location + " (truncated or corrupt file): "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        try {
            return fromTree(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
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

    private static Network fromTree(Object root) {
        Map<String, Object> model = object(root, "the file");
        Object format = model.get("format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("not an actlab model: \"format\" is " + describe(format) + ", expected \"" + FORMAT + "\"");
        }
        int version = integer(model.get("version"), "version");
        if (version != VERSION) {
            throw new IllegalArgumentException("model format version " + version + " is not supported; this build reads version " + VERSION);
        }
        NetworkSpec spec = spec(object(model.get("spec"), "spec"));
        List<Object> layerList = array(model.get("layers"), "layers");
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
            Map<String, Object> layer = object(layerList.get(l), where);
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
        List<Object> list = array(value, where);
        if (list.size() != expected) {
            throw new IllegalArgumentException(where + " has " + list.size() + " numbers but the spec needs " + shape + " = " + expected);
        }
        float[] out = new float[expected];
        for (int i = 0; i < expected; i++) {
            Object item = list.get(i);
            if (!(item instanceof NumberText number)) {
                throw new IllegalArgumentException(where + "[" + i + "] must be a number, got " + describe(item));
            }
            float parsed = Float.parseFloat(number.text());
            if (!Float.isFinite(parsed)) {
                throw new IllegalArgumentException(where + "[" + i + "] = " + number.text() + " is not a finite float");
            }
            out[i] = parsed;
        }
        return out;
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
        if (value instanceof List) {
            return "an array";
        }
        return value.toString();
    }
}
