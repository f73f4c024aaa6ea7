package org.actlab.lab.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.actlab.data.AtomicFile;
import org.actlab.data.Dataset;
import org.actlab.data.Features;
import org.actlab.nn.ModelIO;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec;

/**
 * A trained network with what is needed to feed it raw inputs: the run's feature expansion and
 * standardisation. On disk it is the engine's model file ({@link ModelIO}: {@code "format"},
 * {@code "version"}, {@code "spec"}, {@code "layers"}, every float bit-exact) plus two members
 * ModelIO ignores:
 * <pre>{@code
 * {"format": "actlab-model", "version": 1, "spec": {...}, "layers": [...],
 *  "config": {...RunConfig...}, "data": {...DataSummary...}}
 * }</pre>
 * A plain ModelIO file (without {@code "data"}) reads too: its inputs are then the network's own.
 *
 * @param network the network, as trained or as loaded (the network itself, not a copy)
 * @param config  the run's config, or null for a plain ModelIO file
 * @param data    what the run trained on; for a plain ModelIO file, the network's inputs with no
 *                features or standardisation
 */
public record SavedModel(Network network, RunConfig config, DataSummary data) {

    /** Keeps the decimal text of every number of the run's members, so that their floats keep their bits. */
    private static final ObjectMapper EXACT = RunJson.mapper().copy()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // Members are read from the middle of the model document: what follows them is not trailing garbage.
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public SavedModel {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(data, "data");
    }

    /** Captures a trained run (the network itself, not a copy: write it before training further). */
    public static SavedModel of(TrainingRun run) {
        return new SavedModel(run.network(), run.config(), run.summary());
    }

    /** The network's spec (hidden activations as configured; the trained parameters live in the layers). */
    public NetworkSpec spec() {
        return network.spec();
    }

    /**
     * Turns raw input rows (as the run's data set had them, {@code data().rawFeatures()} columns) into
     * network inputs: the run's features, then its standardisation.
     *
     * @throws IllegalArgumentException when {@code raw} is not {@code rows} rows of the raw width
     */
    public float[] inputs(float[] raw, int rows) {
        int width = data.rawFeatures();
        if (rows < 0 || raw.length != (long) rows * width) {
            throw new IllegalArgumentException("the model takes " + width + " input value(s) per row; got "
                    + raw.length + " value(s) for " + rows + " row(s)");
        }
        Dataset d = new Dataset("input", raw, new float[rows], rows, width, 1, Dataset.Task.REGRESSION);
        if (!data.featureNames().isEmpty()) {
            d = Features.expand(d, data.featureNames());
        }
        if (data.standardisation() != null) {
            d = data.standardisation().apply(d);
        }
        return d.x();
    }

    /**
     * Writes the model whole or not at all, in one streamed pass through one temporary file: the
     * engine's model document with {@code "config"} and {@code "data"} added.
     *
     * @throws IllegalArgumentException when the network holds a non-finite value
     * @throws UncheckedIOException     naming the file and why it cannot be written
     */
    public void write(Path file) {
        ObjectMapper mapper = EXACT;
        try {
            ModelIO.save(network, file, json -> {
                if (config != null) {
                    json.writeFieldName("config");
                    mapper.writeTree(json, mapper.valueToTree(config));
                }
                json.writeFieldName("data");
                mapper.writeTree(json, mapper.valueToTree(data));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + AtomicFile.describe(e), e);
        }
    }

    /**
     * Reads a model in one streamed pass: the network through {@link ModelIO} (which checks format,
     * version, shapes and numbers), the run's config and data summary when present.
     *
     * @throws IllegalArgumentException for a missing, unreadable or malformed file, naming it and the field
     */
    public static SavedModel read(Path file) {
        ObjectMapper mapper = EXACT;
        RunConfig[] config = new RunConfig[1];
        DataSummary[] data = new DataSummary[1];
        Network network;
        try {
            network = ModelIO.load(file, (name, json) -> {
                try {
                    // The run's members are read as trees, where a repeated key would silently win.
                    json.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
                    switch (name) {
                        // The run's own members are small: read as trees of exact decimals, as they were written.
                        case "config" -> config[0] = json.currentToken() == JsonToken.VALUE_NULL ? null
                                : mapper.treeToValue(mapper.readTree(json), RunConfig.class);
                        case "data" -> data[0] = json.currentToken() == JsonToken.VALUE_NULL ? null
                                : mapper.treeToValue(mapper.readTree(json), DataSummary.class);
                        default -> json.skipChildren();
                    }
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("field '" + name + "': " + fieldProblem(e));
                }
            });
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such model file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model " + file + ": " + AtomicFile.describe(e));
        }
        DataSummary summary = data[0] != null ? data[0] : plainInputs(network);
        if (summary.features() != network.spec().inputs()) {
            throw new IllegalArgumentException("model " + file + ": field 'data': features is " + summary.features()
                    + " but the network takes " + network.spec().inputs() + " inputs");
        }
        return new SavedModel(network, config[0], summary);
    }

    /** What is wrong with a run field, in the words of the validation that refused it (never Jackson's internals). */
    /** A JSON value's expected kind in the user's words, not a Java type name. */
    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return type.isArray() || java.util.Collection.class.isAssignableFrom(type) ? "a list" : "an object";
    }

    private static String fieldProblem(JsonProcessingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException) {
            return cause.getMessage();
        }
        String path = e instanceof JsonMappingException mapping ? mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("") : "";
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String got = e instanceof InvalidFormatException format ? ", got '" + format.getValue() + "'" : "";
            return (path.isEmpty() ? "" : path + ": ") + "expected " + describe(mismatch.getTargetType()) + got;
        }
        String original = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
        int internal = original.indexOf(" (");
        String problem = e instanceof JsonMappingException ? (internal > 0 ? original.substring(0, internal) : original)
                : ModelIO.jsonProblem(e);
        return (path.isEmpty() ? "" : path + ": ") + problem;
    }

    private static DataSummary plainInputs(Network network) {
        NetworkSpec spec = network.spec();
        Dataset.Task task = spec.output() == NetworkSpec.Output.SOFTMAX ? Dataset.Task.MULTICLASS
                : spec.output() == NetworkSpec.Output.SIGMOID ? Dataset.Task.BINARY : Dataset.Task.REGRESSION;
        return new DataSummary("model", task, spec.inputs(), List.of(), spec.inputs(), 0, 0, null);
    }
}
