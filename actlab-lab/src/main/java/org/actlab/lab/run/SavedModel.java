package org.actlab.lab.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 */
public final class SavedModel {

    /** Keeps the decimal text of every number, so that floats copied through a tree keep their bits. */
    private static final ObjectMapper EXACT = RunJson.mapper().copy()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Network network;
    private final RunConfig config;
    private final DataSummary data;

    private SavedModel(Network network, RunConfig config, DataSummary data) {
        this.network = Objects.requireNonNull(network, "network");
        this.config = config;
        this.data = Objects.requireNonNull(data, "data");
    }

    /** Captures a trained run (the network itself, not a copy: write it before training further). */
    public static SavedModel of(TrainingRun run) {
        return new SavedModel(run.network(), run.config(), run.summary());
    }

    /** The network, as trained or as loaded. */
    public Network network() {
        return network;
    }

    /** The network's spec (hidden activations as configured; the trained parameters live in the layers). */
    public NetworkSpec spec() {
        return network.spec();
    }

    /** The run's config, or null for a plain ModelIO file. */
    public RunConfig config() {
        return config;
    }

    /** What the run trained on; for a plain ModelIO file, the network's inputs with no features or standardisation. */
    public DataSummary data() {
        return data;
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
     * Writes the model whole or not at all: the engine's model document with {@code "config"} and
     * {@code "data"} added.
     *
     * @throws IllegalArgumentException when the network holds a non-finite value
     * @throws UncheckedIOException     naming the file when it cannot be written
     */
    public void write(Path file) {
        Path temp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".model.tmp");
            ModelIO.save(network, temp);
            ObjectNode document = (ObjectNode) EXACT.readTree(temp.toFile());
            if (config != null) {
                document.set("config", EXACT.valueToTree(config));
            }
            document.set("data", EXACT.valueToTree(data));
            String json = EXACT.writerWithDefaultPrettyPrinter().writeValueAsString(document);
            AtomicFile.writeStringUnchecked(file, json + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Only the scratch copy is left behind; the model itself was written or not.
                }
            }
        }
    }

    /**
     * Reads a model: the network through {@link ModelIO#load} (which checks format, version, shapes
     * and numbers), the run's config and data summary when present.
     *
     * @throws IllegalArgumentException for a missing, unreadable or malformed file, naming it
     */
    public static SavedModel read(Path file) {
        Network network;
        JsonNode document;
        try {
            network = ModelIO.load(file);
            document = EXACT.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such model file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model " + file + ": " + e.getMessage());
        }
        try {
            RunConfig config = document.hasNonNull("config") ? EXACT.treeToValue(document.get("config"), RunConfig.class) : null;
            DataSummary data = document.hasNonNull("data") ? EXACT.treeToValue(document.get("data"), DataSummary.class)
                    : plainInputs(network);
            if (data.features() != network.spec().inputs()) {
                throw new IllegalArgumentException("its data summary has " + data.features() + " inputs, its network "
                        + network.spec().inputs());
            }
            return new SavedModel(network, config, data);
        } catch (IOException | IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            throw new IllegalArgumentException("model " + file + ": bad run information: " + cause.getMessage());
        }
    }

    private static DataSummary plainInputs(Network network) {
        NetworkSpec spec = network.spec();
        Dataset.Task task = spec.output() == NetworkSpec.Output.SOFTMAX ? Dataset.Task.MULTICLASS
                : spec.output() == NetworkSpec.Output.SIGMOID ? Dataset.Task.BINARY : Dataset.Task.REGRESSION;
        return new DataSummary("model", task, spec.inputs(), List.of(), spec.inputs(), 0, 0, null);
    }
}
