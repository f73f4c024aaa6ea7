package org.actlab.lab.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.data.Features;
import org.actlab.nn.Initializer;
import org.actlab.nn.Initializers;
import org.actlab.nn.NetworkSpec;
import org.actlab.nn.OptimizerSpec;
import org.actlab.nn.Schedule;
import org.actlab.nn.TrainConfig;
import org.actlab.spec.Registry;
import org.actlab.spec.Setting;
import org.actlab.spec.Settings;

/**
 * One training run, the one run description of actlab: where the data comes from, the network, and
 * how to train it. The CLI's flags, a JSON document and the playground's HTTP body are all read into
 * this record once, at the edge; inside, specs are typed values ({@link Activation},
 * {@link Initializer}, {@link OptimizerSpec}, {@link Schedule}) that print their canonical spec, and
 * JSON shows those specs; the engine's {@link TrainConfig} takes them as they are.
 * A recorded config replays the run exactly, whatever its thread count.
 *
 * <p>Build one with {@link #builder()} and the {@link Setting}s declared here and in {@link TrainConfig}
 * (each with its default: {@link #SETTINGS}), or from JSON, which is read through the same builder,
 * field by field as its record component's type, so absent fields keep their defaults; a bad value
 * surfaces as a Jackson exception whose cause is the {@link IllegalArgumentException} naming it.
 *
 * @param data          a generated set ({@link DataSets#names()}), {@code mnist} (the bundled 10,000
 *                      digits), or the path of a CSV file with a header line
 * @param samples       rows to generate; for MNIST and CSV the first rows after a seeded shuffle;
 *                      0 means 500 for generated sets and all rows otherwise
 * @param noise         the generator's noise (TF Playground's fraction 0..0.5); ignored for MNIST and CSV
 * @param trainFraction the share of rows for training, in (0, 1]; the rest is the test set
 * @param features      Playground features ({@link Features#NAMES}) computed from the first two
 *                      columns; empty means the data set's own columns
 * @param hidden        hidden-layer widths, first to last; may be empty (a linear or logistic model)
 * @param activations   one activation for every hidden layer, or one per hidden layer
 * @param output        {@code auto}, {@code identity}, {@code sigmoid}, {@code tanh} or {@code softmax};
 *                      auto picks sigmoid for binary, softmax for multiclass, identity for regression
 * @param loss          {@code auto}, {@code mse}, {@code bce}, {@code softmax_ce} or {@code cross_entropy}
 *                      (whichever of the two fits the output); auto follows the output
 * @param init          weight initialiser, for example {@code xavier_uniform} or {@code he_normal}
 * @param biasInit      bias initialiser, for example {@code zeros} or {@code constant(0.1)}
 * @param optimizer     the optimiser, for example {@code sgd}; its checked spec, because an optimiser
 *                      carries state, so each trainer makes its own from it
 * @param learningRate  the base learning rate, finite and &gt; 0
 * @param batch         rows per step, ≥ 1, or 0 for {@link #autoBatch(int) a size chosen from the data}
 * @param epochs        passes over the training set, 0..{@value #MAX_EPOCHS}
 * @param seed          seeds the data, the split, the initialisation and the shuffling
 * @param l1            L1 penalty strength, ≥ 0
 * @param l2            L2 penalty strength, ≥ 0
 * @param schedule      learning-rate schedule, for example {@code constant} or {@code cosine}
 * @param clip          per-layer gradient-norm clip, 0 for none
 * @param threads       threads for matrix multiply, ≥ 1; the result is bit-identical for any count
 * @param label         the CSV label column, by name or 0-based index; null means the last column
 * @param standardize   z-score the features with the training rows' means and stds (test rows reuse them)
 */
@JsonDeserialize(using = RunConfig.FromJson.class)
public record RunConfig(String data, int samples, double noise, double trainFraction, List<String> features,
                        List<Integer> hidden,
                        @JsonSerialize(contentUsing = RunJson.SpecOnly.class) List<Activation> activations,
                        String output, String loss,
                        @JsonSerialize(using = RunJson.SpecOnly.class) Initializer init,
                        @JsonSerialize(using = RunJson.SpecOnly.class) Initializer biasInit,
                        @JsonSerialize(using = RunJson.SpecOnly.class) OptimizerSpec optimizer,
                        double learningRate, int batch, int epochs, long seed, double l1, double l2,
                        @JsonSerialize(using = RunJson.SpecOnly.class) Schedule schedule,
                        double clip, int threads, String label, boolean standardize) {

    /** The most epochs one run may ask for. */
    public static final int MAX_EPOCHS = 1_000_000;
    /** The most units in one hidden layer. */
    public static final int MAX_UNITS = 65_536;
    /** Rows generated when {@code samples} is 0. */
    public static final int DEFAULT_GENERATED_SAMPLES = 500;

    /** Default data set. */
    public static final String DEFAULT_DATA = "circle";
    /** Default share of rows for training. */
    public static final double DEFAULT_TRAIN_FRACTION = 0.8;
    /** Default hidden-layer widths, as the CLI writes them. */
    public static final String DEFAULT_HIDDEN = "4,2";
    /** Default activation of every hidden layer. */
    public static final String DEFAULT_ACTIVATION = "tanh";
    /** Default weight initialiser. */
    public static final String DEFAULT_INIT = "xavier_uniform";
    /** Default bias initialiser. */
    public static final String DEFAULT_BIAS_INIT = "zeros";

    /** Training rows from which {@link #autoBatch(int)} leaves the small-data default for a larger batch. */
    public static final int AUTO_BATCH_ROWS = 1000;
    /** The batch {@link #autoBatch(int)} picks for {@value #AUTO_BATCH_ROWS} or more training rows. */
    public static final int LARGE_BATCH = 128;

    /** The outputs {@link #output} may name, with the activations' aliases for them. */
    public static final Registry<String> OUTPUTS = new Registry<String>("output")
            .register("auto", v -> v.spec()).register("identity", v -> v.spec()).register("sigmoid", v -> v.spec())
            .register("tanh", v -> v.spec()).register("softmax", v -> v.spec())
            .alias("linear", "identity").alias("logistic", "sigmoid");
    /**
     * The losses {@link #loss} may name. {@code cross_entropy} (alias {@code ce}) is the cross-entropy
     * that fits the output: binary with a sigmoid, softmax with a softmax, as the playground means it.
     */
    public static final Registry<String> LOSSES = new Registry<String>("loss")
            .register("auto", v -> v.spec()).register("mse", v -> v.spec()).register("bce", v -> v.spec())
            .register("softmax_ce", v -> v.spec()).register("cross_entropy", v -> v.spec())
            .alias("ce", "cross_entropy").alias("softmax-ce", "softmax_ce");

    /** Where the data comes from. */
    public static final Setting<String> DATA = Setting.of("data", DEFAULT_DATA,
            "Data set (see actlab data --list), mnist, or the path of a CSV file.");
    /** Rows; 0 for the data set's own choice. */
    public static final Setting<Integer> SAMPLES = Setting.of("samples", 0,
            "Rows: a generated set makes N; of MNIST or a file, a seeded subset of N is kept.")
            .defaultShownAs(DEFAULT_GENERATED_SAMPLES + " generated, all of MNIST or a file");
    /** The generator's noise; none by default. */
    public static final Setting<Double> NOISE = Setting.of("noise", 0.0, "Generator noise (TF Playground: 0..0.5).");
    /** The share of rows for training. */
    public static final Setting<Double> TRAIN_FRACTION = Setting.of("trainFraction", DEFAULT_TRAIN_FRACTION,
            "Share of rows for training, in (0, 1].");
    /** Playground features; none by default (the data set's own columns). */
    public static final Setting<List<String>> FEATURES = Setting.of("features", List.<String>of(),
            "Playground features: " + String.join(",", Features.NAMES) + ".").defaultShownAs("the data's own columns");
    /** Hidden-layer widths. */
    public static final Setting<List<Integer>> HIDDEN = Setting.of("hidden",
            java.util.Arrays.stream(DEFAULT_HIDDEN.split(",")).map(Integer::valueOf).toList(), "Hidden-layer widths, e.g. 8,8.");
    /** One activation for every hidden layer, or one per layer. */
    public static final Setting<List<Activation>> ACTIVATIONS = Setting.of("activations", List.of(Activations.parse(DEFAULT_ACTIVATION)),
            "One activation for all hidden layers, or one per layer (relu,tanh).");
    /** The output activation's name; {@code auto} by default. */
    public static final Setting<String> OUTPUT = Setting.of("output", "auto",
            "Output: auto (by task), identity, sigmoid, tanh or softmax.");
    /** The loss's name; {@code auto} by default. */
    public static final Setting<String> LOSS = Setting.of("loss", "auto",
            "Loss: auto (by output), mse, bce, softmax_ce, or cross_entropy (the one that fits the output).");
    /** The weight initialiser. */
    public static final Setting<Initializer> INIT = Setting.of("init", Initializers.parse(DEFAULT_INIT),
            "Weight initialiser, e.g. xavier_uniform, he_normal.");
    /** The bias initialiser. */
    public static final Setting<Initializer> BIAS_INIT = Setting.of("biasInit", Initializers.parse(DEFAULT_BIAS_INIT),
            "Bias initialiser, e.g. zeros, constant(0.1).");
    /** Rows per step; 0 by default: {@link #autoBatch(int) chosen from the data}. */
    public static final Setting<Integer> BATCH = Setting.of("batch", 0, TrainConfig.BATCH.help())
            .defaultShownAs(TrainConfig.DEFAULT_BATCH + " below " + AUTO_BATCH_ROWS + " training rows, else " + LARGE_BATCH + " (printed)");
    /** The CSV label column; null by default: the last. */
    public static final Setting<String> LABEL = Setting.of("label", (String) null, "CSV label column, by name or 0-based index.")
            .defaultShownAs("the last");
    /** Whether to z-score the features; not by default. */
    public static final Setting<Boolean> STANDARDIZE = Setting.of("standardize", false,
            "Z-score the features with the training rows' means and stds.");

    /**
     * Every setting of a run, by key: this record's and the training settings it shares with
     * {@link TrainConfig} (whose defaults are theirs), as JSON and the sweeps name them.
     */
    public static final Map<String, Setting<?>> SETTINGS = byKey(DATA, SAMPLES, NOISE, TRAIN_FRACTION, FEATURES, HIDDEN,
            ACTIVATIONS, OUTPUT, LOSS, INIT, BIAS_INIT, TrainConfig.OPTIMIZER, TrainConfig.LEARNING_RATE, BATCH,
            TrainConfig.EPOCHS, TrainConfig.SEED, TrainConfig.L1, TrainConfig.L2, TrainConfig.SCHEDULE, TrainConfig.CLIP,
            TrainConfig.THREADS, LABEL, STANDARDIZE);

    private static Map<String, Setting<?>> byKey(Setting<?>... settings) {
        Map<String, Setting<?>> map = new LinkedHashMap<>();
        for (Setting<?> setting : settings) {
            map.put(setting.key(), setting);
        }
        return Collections.unmodifiableMap(map);
    }

    public RunConfig {
        data = required("data", data);
        if (samples < 0 || samples > DataSets.MAX_SAMPLES) {
            throw new IllegalArgumentException("samples must be in 0.." + DataSets.MAX_SAMPLES + ", got " + samples);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
        }
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("train fraction must be in (0, 1], got " + trainFraction);
        }
        features = List.copyOf(features == null ? List.of() : features);
        List<String> canonicalFeatures = new ArrayList<>();
        for (String feature : features) {
            canonicalFeatures.add(Features.canonical(feature));
        }
        features = List.copyOf(canonicalFeatures);
        if (!features.isEmpty() && data.equalsIgnoreCase("mnist")) {
            throw new IllegalArgumentException("features " + String.join(",", features) + " are computed from 2-D points (x1, x2);"
                    + " mnist has 784 pixel inputs, so give no --features");
        }
        hidden = List.copyOf(hidden == null ? List.of() : hidden);
        for (Integer units : hidden) {
            if (units == null || units < 1 || units > MAX_UNITS) {
                throw new IllegalArgumentException("hidden layer width must be in 1.." + MAX_UNITS + ", got " + units
                        + " in " + hidden);
            }
        }
        activations = List.copyOf(activations == null ? List.of() : activations);
        if (activations.isEmpty()) {
            throw new IllegalArgumentException("no activation given; give one for all hidden layers or one per layer");
        }
        if (activations.size() != 1 && activations.size() != hidden.size()) {
            throw new IllegalArgumentException(activations.size() + " activations " + activations + " for "
                    + hidden.size() + " hidden layers " + hidden + "; give one for all or one per layer");
        }
        output = OUTPUTS.parse(output == null ? "auto" : output);
        loss = LOSSES.parse(loss == null ? "auto" : loss);
        java.util.Objects.requireNonNull(init, "init");
        java.util.Objects.requireNonNull(biasInit, "biasInit");
        java.util.Objects.requireNonNull(optimizer, "optimizer");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        if (batch < 0) {
            throw new IllegalArgumentException("batch size must be >= 1 (or 0 for a size chosen from the data), got " + batch);
        }
        if (epochs < 0 || epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException("epochs must be in 0.." + MAX_EPOCHS + ", got " + epochs);
        }
        if (!(l1 >= 0) || Double.isInfinite(l1)) {
            throw new IllegalArgumentException("l1 must be finite and >= 0, got " + l1);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
        }
        java.util.Objects.requireNonNull(schedule, "schedule");
        if (!(clip >= 0) || Double.isInfinite(clip)) {
            throw new IllegalArgumentException("clip must be finite and >= 0 (0 for none), got " + clip);
        }
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be in 1..1024, got " + threads);
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty, got " + (value == null ? "null" : "'" + value + "'"));
        }
        return value.trim();
    }

    /** A builder with every default: see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config's values. */
    public Builder toBuilder() {
        return new Builder().set(DATA, data).set(SAMPLES, samples).set(NOISE, noise).set(TRAIN_FRACTION, trainFraction)
                .set(FEATURES, features).set(HIDDEN, hidden).set(ACTIVATIONS, activations).set(OUTPUT, output).set(LOSS, loss)
                .set(INIT, init).set(BIAS_INIT, biasInit).set(TrainConfig.OPTIMIZER, optimizer)
                .set(TrainConfig.LEARNING_RATE, learningRate).set(BATCH, batch).set(TrainConfig.EPOCHS, epochs)
                .set(TrainConfig.SEED, seed).set(TrainConfig.L1, l1).set(TrainConfig.L2, l2).set(TrainConfig.SCHEDULE, schedule)
                .set(TrainConfig.CLIP, clip).set(TrainConfig.THREADS, threads).set(LABEL, label).set(STANDARDIZE, standardize);
    }

    /**
     * The batch size for {@code trainRows} training rows: this config's when given, else the engine's
     * small-data default (TF Playground's 10) below {@value #AUTO_BATCH_ROWS} rows and
     * {@value #LARGE_BATCH} from there, where batch 10 spends most of its time on per-step overhead.
     */
    public int autoBatch(int trainRows) {
        if (batch > 0) {
            return batch;
        }
        return trainRows < AUTO_BATCH_ROWS ? TrainConfig.BATCH.defaultValue() : LARGE_BATCH;
    }

    /** The default config: {@code builder().build()}. */
    public static RunConfig defaults() {
        return builder().build();
    }

    /** True when {@link #data} names a generated set (not MNIST, not a CSV file). */
    public boolean generated() {
        return DataSets.exists(data);
    }

    /** True when {@link #data} is the bundled MNIST. */
    public boolean mnist() {
        return data.equalsIgnoreCase("mnist");
    }

    /** The prefix of {@link #data} for the user's own MNIST-format IDX files: {@code idx:IMAGES<sep>LABELS}. */
    public static final String IDX_PREFIX = "idx:";

    /** The {@link #data} value naming an IDX images file and its labels file (the platform's path separator between them). */
    public static String idxData(Path images, Path labels) {
        return IDX_PREFIX + images + java.io.File.pathSeparator + labels;
    }

    /** The IDX images and labels files when {@link #data} names them ({@link #idxData}), else null. */
    public Path[] idxPaths() {
        if (!data.startsWith(IDX_PREFIX)) {
            return null;
        }
        String rest = data.substring(IDX_PREFIX.length());
        int split = rest.lastIndexOf(java.io.File.pathSeparator);
        if (split <= 0 || split == rest.length() - 1) {
            throw new IllegalArgumentException("data '" + data + "' must be idx:IMAGES" + java.io.File.pathSeparator + "LABELS");
        }
        return new Path[] {Path.of(rest.substring(0, split)), Path.of(rest.substring(split + 1))};
    }

    /** The CSV path when {@link #data} is neither generated nor MNIST nor IDX files. */
    public Path csvPath() {
        return generated() || mnist() || data.startsWith(IDX_PREFIX) ? null : Path.of(data);
    }

    /** The activation of hidden layer {@code i}. */
    public Activation activation(int i) {
        return activations.size() == 1 ? activations.get(0) : activations.get(i);
    }

    /** The output activation resolved for a task. */
    public NetworkSpec.Output resolvedOutput(Dataset.Task task) {
        if (!output.equals("auto")) {
            return NetworkSpec.Output.valueOf(output.toUpperCase(Locale.ROOT));
        }
        switch (loss) {
            case "bce":
                return NetworkSpec.Output.SIGMOID;
            case "softmax_ce":
                return NetworkSpec.Output.SOFTMAX;
            case "cross_entropy":
                return task == Dataset.Task.MULTICLASS ? NetworkSpec.Output.SOFTMAX : NetworkSpec.Output.SIGMOID;
            case "mse":
                return task == Dataset.Task.REGRESSION ? NetworkSpec.Output.IDENTITY
                        : task == Dataset.Task.MULTICLASS ? NetworkSpec.Output.SOFTMAX : NetworkSpec.Output.SIGMOID;
            default:
                return task == Dataset.Task.BINARY ? NetworkSpec.Output.SIGMOID
                        : task == Dataset.Task.MULTICLASS ? NetworkSpec.Output.SOFTMAX : NetworkSpec.Output.IDENTITY;
        }
    }

    /** The loss resolved for a task (after the output). */
    public NetworkSpec.Loss resolvedLoss(Dataset.Task task) {
        if (loss.equals("cross_entropy")) {
            return resolvedOutput(task) == NetworkSpec.Output.SOFTMAX ? NetworkSpec.Loss.SOFTMAX_CE : NetworkSpec.Loss.BCE;
        }
        if (!loss.equals("auto")) {
            return NetworkSpec.Loss.valueOf(loss.toUpperCase(Locale.ROOT));
        }
        switch (resolvedOutput(task)) {
            case SIGMOID:
                return task == Dataset.Task.REGRESSION ? NetworkSpec.Loss.MSE : NetworkSpec.Loss.BCE;
            case SOFTMAX:
                return NetworkSpec.Loss.SOFTMAX_CE;
            default:
                return NetworkSpec.Loss.MSE;
        }
    }

    /** The network spec for a data set of the given width, outputs and task. */
    public NetworkSpec networkSpec(int inputs, int outputs, Dataset.Task task) {
        List<NetworkSpec.LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < hidden.size(); i++) {
            layers.add(new NetworkSpec.LayerSpec(hidden.get(i), activation(i).spec()));
        }
        return new NetworkSpec(inputs, layers, outputs, resolvedOutput(task), resolvedLoss(task), init.spec(), biasInit.spec());
    }

    /** How to train, as the engine takes it, for a training set of {@code trainRows} rows (which an automatic batch needs). */
    public TrainConfig trainConfig(int trainRows) {
        return new TrainConfig(epochs, autoBatch(trainRows), optimizer, learningRate, schedule, l1, l2, clip, seed, threads);
    }

    /**
     * Builds a {@link RunConfig} from {@link #SETTINGS}: {@code builder().set(DATA, "spiral").set(EPOCHS, 5)}.
     * The defaults are TF Playground's where it has them, except the train fraction (its 50 % wastes
     * half of the data).
     */
    public static final class Builder extends Settings<Builder> {

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Activation specs, one for every hidden layer or one per layer, parsed here, once. */
        public Builder activations(List<String> specs) {
            List<Activation> parsed = null;
            if (specs != null) {
                parsed = new ArrayList<>();
                for (String spec : specs) {
                    parsed.add(Activations.parse(spec));
                }
            }
            return set(ACTIVATIONS, parsed);
        }

        @SuppressWarnings("unchecked")
        private <T> void setUnchecked(Setting<T> setting, Object value) {
            set(setting, (T) value);
        }

        public RunConfig build() {
            return new RunConfig(get(DATA), get(SAMPLES), get(NOISE), get(TRAIN_FRACTION), get(FEATURES), get(HIDDEN),
                    get(ACTIVATIONS), get(OUTPUT), get(LOSS), get(INIT), get(BIAS_INIT), get(TrainConfig.OPTIMIZER),
                    get(TrainConfig.LEARNING_RATE), get(BATCH), get(TrainConfig.EPOCHS), get(TrainConfig.SEED),
                    get(TrainConfig.L1), get(TrainConfig.L2), get(TrainConfig.SCHEDULE), get(TrainConfig.CLIP),
                    get(TrainConfig.THREADS), get(LABEL), get(STANDARDIZE));
        }
    }

    /**
     * Reads a run from a JSON object through the {@link Builder}: each field as its record component's
     * type (specs through {@link RunJson}'s spec readers), absent fields left at their defaults.
     *
     * <p>Each field's deserializer is looked up once, when Jackson contextualises this reader for a
     * mapper ({@link #createContextual}), not once per field per read: Jackson does not cache the
     * deserializers of scalars and of types with custom readers, so every lookup built one afresh,
     * introspecting the type under the mapper's one global lock. A sweep reads one config per trial,
     * and with two threads those lookups made each read 2.2x slower and each tiny trial about 1.4x
     * (docs/SWEEPS.md, "Why two threads ran each trial slower").
     */
    static final class FromJson extends StdDeserializer<RunConfig> implements ContextualDeserializer {

        /** Each field's type, from the record's components (reflection the browser build never reaches). */
        private static final Map<String, Type> COMPONENT_TYPES = new java.util.HashMap<>();

        static {
            for (RecordComponent component : RunConfig.class.getRecordComponents()) {
                COMPONENT_TYPES.put(component.getName(), component.getGenericType());
            }
        }

        /** Each field's deserializer, for the mapper this reader was contextualised for; null before that. */
        private final Map<String, JsonDeserializer<Object>> fields;

        FromJson() {
            this(null);
        }

        private FromJson(Map<String, JsonDeserializer<Object>> fields) {
            super(RunConfig.class);
            this.fields = fields;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) throws JsonMappingException {
            Map<String, JsonDeserializer<Object>> found = new java.util.HashMap<>();
            for (Map.Entry<String, Type> component : COMPONENT_TYPES.entrySet()) {
                found.put(component.getKey(), ctxt.findRootValueDeserializer(ctxt.constructType(component.getValue())));
            }
            return new FromJson(Map.copyOf(found));
        }

        @Override
        public RunConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.START_OBJECT) {
                token = p.nextToken();
            } else if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
                return (RunConfig) ctxt.handleUnexpectedToken(RunConfig.class, p);
            }
            // Read as the tokens come, without building a tree first: a sweep reads one config per
            // trial, and the tree with a parser over each field's node was a sixth of a tiny trial's
            // allocation (docs/SWEEPS.md, "Throughput").
            Builder b = builder();
            for (; token == JsonToken.FIELD_NAME; token = p.nextToken()) {
                String name = p.currentName();
                Setting<?> setting = SETTINGS.get(name);
                if (setting == null) {
                    throw UnrecognizedPropertyException.from(p, RunConfig.class, name, new ArrayList<>(SETTINGS.keySet()));
                }
                // An explicit null is the field left out: its default.
                b.setUnchecked(setting, p.nextToken() == JsonToken.VALUE_NULL ? setting.defaultValue() : value(name, p, ctxt));
            }
            if (token != JsonToken.END_OBJECT) {
                return (RunConfig) ctxt.handleUnexpectedToken(RunConfig.class, p);
            }
            try {
                return b.build();
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }

        /** One field's value, the parser at its first token, with the deserializer found once. */
        private Object value(String name, JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonDeserializer<Object> deserializer = fields == null ? null : fields.get(name);
            if (deserializer == null) {
                return ctxt.readValue(p, ctxt.constructType(COMPONENT_TYPES.get(name)));
            }
            return deserializer.deserialize(p, ctxt);
        }
    }

    @Override
    public String toString() {
        return "RunConfig[data=" + data + ", hidden=" + hidden + ", activations=" + activations.stream().map(Activation::spec).toList() + ", optimizer="
                + optimizer + ", lr=" + learningRate + ", batch=" + batch + ", epochs=" + epochs + ", seed=" + seed + "]";
    }
}
