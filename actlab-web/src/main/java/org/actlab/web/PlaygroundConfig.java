package org.actlab.web;

import static org.actlab.lab.run.RunConfig.BATCH;
import static org.actlab.lab.run.RunConfig.BIAS_INIT;
import static org.actlab.lab.run.RunConfig.DATA;
import static org.actlab.lab.run.RunConfig.FEATURES;
import static org.actlab.lab.run.RunConfig.HIDDEN;
import static org.actlab.lab.run.RunConfig.INIT;
import static org.actlab.lab.run.RunConfig.LOSS;
import static org.actlab.lab.run.RunConfig.NOISE;
import static org.actlab.lab.run.RunConfig.OUTPUT;
import static org.actlab.lab.run.RunConfig.SAMPLES;
import static org.actlab.lab.run.RunConfig.TRAIN_FRACTION;
import static org.actlab.nn.TrainConfig.EPOCHS;
import static org.actlab.nn.TrainConfig.L1;
import static org.actlab.nn.TrainConfig.L2;
import static org.actlab.nn.TrainConfig.LEARNING_RATE;
import static org.actlab.nn.TrainConfig.OPTIMIZER;
import static org.actlab.nn.TrainConfig.SEED;
import static org.actlab.nn.TrainConfig.THREADS;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.actlab.activation.Activations;
import org.actlab.data.Features;
import org.actlab.lab.run.RunConfig;
import org.actlab.nn.Initializers;
import org.actlab.nn.OptimizerSpec;
import org.actlab.nn.Optimizers;
import org.actlab.nn.TrainConfig;
import org.actlab.spec.Registry;

/**
 * One playground run in the page's vocabulary (TF Playground's: noise in percent, a train percentage,
 * {@code cross_entropy}, one regularisation switch): a thin adapter onto the lab's one run description.
 * {@link #parse} checks the page's limits ({@link Limits}) and {@link #toRunConfig()} translates, so
 * every spec is parsed by the same registries as on the CLI and the run is prepared by the same
 * runner ({@code lab.run.TrainingRun}). The defaults are the run description's.
 *
 * @param dataset            a generated 2-D set ({@link #DATASETS}) or {@code csv}
 * @param csv                the uploaded rows {@code x1,x2,y} when {@code dataset} is {@code csv}, else null
 * @param problem            {@code classification} or {@code regression}; must match a generated set
 * @param samples            rows to generate (ignored for CSV)
 * @param noisePercent       the Playground's noise slider, 0..50 (the generators take noisePercent / 100); JSON field {@code noise}
 * @param trainPercent       the share of rows used for training, 10..90; the rest is the test set
 * @param batchSize          rows per step
 * @param features           input features, names of {@link Features#NAMES}
 * @param layers             hidden layers, first to last
 * @param loss               {@code cross_entropy} (sigmoid output and binary cross-entropy; classification
 *                           only) or {@code mse}, the run description's words
 * @param learningRate       the base learning rate, in (0, 10]
 * @param optimizer          optimiser spec, for example {@code sgd} or {@code adam}
 * @param regularization     {@code none}, {@code l1} or {@code l2}
 * @param regularizationRate the penalty strength, 0..10
 * @param weightInit         weight initialiser spec, for example {@code xavier_uniform}
 * @param biasInit           bias initialiser spec, for example {@code zeros} or {@code constant(-2)}
 * @param seed               seeds the data, the split, the initialisation and the shuffling
 * @param gridSize           cells per side of the decision-boundary heatmap
 */
public record PlaygroundConfig(String dataset, String csv, String problem, int samples,
                               @JsonProperty("noise") double noisePercent,
                               int trainPercent, int batchSize, List<String> features, List<Layer> layers,
                               String loss, double learningRate, String optimizer, String regularization,
                               double regularizationRate, String weightInit, String biasInit, long seed, int gridSize) {

    /** The generated data sets the 2-D playground offers, classification first. */
    public static final List<String> DATASETS = List.of("circle", "xor", "gauss", "spiral", "moons", "plane", "multi_gauss");

    /** The classification subset of {@link #DATASETS}. */
    public static final Set<String> CLASSIFICATION = Set.of("circle", "xor", "gauss", "spiral", "moons");

    /** The longest spec string accepted for an optimiser, initialiser or activation. */
    static final int MAX_SPEC_LENGTH = 120;

    /**
     * One hidden layer.
     *
     * @param units      number of units
     * @param activation activation spec, any entry of the catalogue
     */
    public record Layer(int units, String activation) {
        public Layer {
            Objects.requireNonNull(activation, "activation");
        }

        /** The activation's canonical name, sent so that the page never parses a spec. */
        @JsonProperty("name")
        public String name() {
            return Activations.registry().values(activation).schema().name();
        }

        /** The activation's parameter values by key, sent so that the page never parses a spec. */
        @JsonProperty("values")
        public java.util.Map<String, Double> values() {
            return Activations.registry().values(activation).byKey();
        }
    }

    public PlaygroundConfig {
        Objects.requireNonNull(dataset, "dataset");
        features = List.copyOf(features);
        layers = List.copyOf(layers);
    }

    /** True for classification (sigmoid output), false for regression (identity output). */
    public boolean classification() {
        return problem.equals("classification");
    }

    /**
     * A spec as the server reads it, sent so that the page never parses a spec.
     *
     * @param name   the canonical name
     * @param values the parameter values by key
     */
    public record SpecView(String name, java.util.Map<String, Double> values) {
        static SpecView of(Registry<?> registry, String spec) {
            org.actlab.spec.Values v = registry.values(spec);
            return new SpecView(v.schema().name(), v.byKey());
        }
    }

    /** The optimiser and the initialisers as the server reads them (output only; ignored on input). */
    @JsonProperty("specs")
    public java.util.Map<String, SpecView> specs() {
        java.util.Map<String, SpecView> specs = new java.util.LinkedHashMap<>();
        specs.put("optimizer", SpecView.of(Optimizers.registry(), optimizer));
        specs.put("weightInit", SpecView.of(Initializers.registry(), weightInit));
        specs.put("biasInit", SpecView.of(Initializers.registry(), biasInit));
        return specs;
    }

    /** The config of an empty request: the run description's defaults in the page's vocabulary. */
    public static PlaygroundConfig defaults() {
        return parse(null, Limits.defaults());
    }

    /**
     * The same run in the lab's run description: noise and the train share as fractions, the
     * problem as the output (sigmoid or identity), the regularisation as L1 or L2, one
     * thread (a server shares its cores among sessions), and as many epochs as a session may ever
     * train, since the session drives the trainer an epoch or a step at a time.
     */
    public RunConfig toRunConfig() {
        List<Integer> units = new ArrayList<>();
        List<String> activations = new ArrayList<>();
        for (Layer layer : layers) {
            units.add(layer.units());
            activations.add(layer.activation());
        }
        return RunConfig.builder()
                .set(DATA, dataset.equals("csv") ? "csv" : dataset)
                .set(SAMPLES, samples)
                .set(NOISE, noisePercent / 100.0)
                .set(TRAIN_FRACTION, trainPercent / 100.0)
                .set(FEATURES, features)
                .set(HIDDEN, units)
                .activations(activations.isEmpty() ? List.of(RunConfig.DEFAULT_ACTIVATION) : activations)
                .set(OUTPUT, classification() ? "sigmoid" : "identity")
                .set(LOSS, loss)
                .set(INIT, Initializers.parse(weightInit))
                .set(BIAS_INIT, Initializers.parse(biasInit))
                .set(OPTIMIZER, OptimizerSpec.parse(optimizer))
                .set(LEARNING_RATE, learningRate)
                .set(BATCH, batchSize)
                .set(EPOCHS, RunConfig.MAX_EPOCHS)
                .set(SEED, seed)
                .set(L1, regularization.equals("l1") ? regularizationRate : 0)
                .set(L2, regularization.equals("l2") ? regularizationRate : 0)
                .set(THREADS, 1)
                .build();
    }

    /**
     * Reads and checks a config; absent fields take the run description's defaults ({@link RunConfig})
     * in the page's vocabulary: its data set, {@value RunConfig#DEFAULT_GENERATED_SAMPLES} rows, no
     * noise, its train share as a percentage, its batch, x1 and x2, its hidden layers and activation,
     * rate, optimiser and initialisers.
     *
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public static PlaygroundConfig parse(JsonNode json, Limits limits) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("config must be a JSON object, got " + json.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        Set<String> known = Set.of("dataset", "csv", "problem", "samples", "noise", "trainPercent", "batchSize",
                "features", "layers", "loss", "learningRate", "optimizer", "regularization", "regularizationRate",
                "weightInit", "biasInit", "seed", "gridSize", "specs");
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw new IllegalArgumentException("unknown config field '" + shorten(field) + "'; known: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
        RunConfig defaults = RunConfig.defaults();
        String dataset = text(json, "dataset", defaults.data()).toLowerCase(Locale.ROOT).replace('-', '_');
        String csv = null;
        String problem;
        if (dataset.equals("csv")) {
            csv = text(json, "csv", null);
            if (csv == null || csv.isBlank()) {
                throw new IllegalArgumentException("dataset csv needs the rows in field 'csv'");
            }
            if (csv.length() > limits.maxUploadBytes()) {
                throw new IllegalArgumentException("csv has " + csv.length() + " characters; the limit is " + limits.maxUploadBytes());
            }
            problem = text(json, "problem", "classification");
        } else {
            if (!DATASETS.contains(dataset)) {
                throw new IllegalArgumentException("unknown dataset '" + shorten(dataset) + "'; expected one of "
                        + String.join(", ", DATASETS) + ", csv");
            }
            if (json.hasNonNull("csv")) {
                throw new IllegalArgumentException("field 'csv' is only for dataset csv, not " + dataset);
            }
            String natural = CLASSIFICATION.contains(dataset) ? "classification" : "regression";
            problem = text(json, "problem", natural);
            if (!problem.equals(natural) && (problem.equals("classification") || problem.equals("regression"))) {
                throw new IllegalArgumentException("dataset " + dataset + " is a " + natural + " problem, not " + problem);
            }
        }
        if (!problem.equals("classification") && !problem.equals("regression")) {
            throw new IllegalArgumentException("problem must be classification or regression, got '" + shorten(problem) + "'");
        }
        int samples = integer(json, "samples", RunConfig.DEFAULT_GENERATED_SAMPLES, 10, limits.maxSamples());
        double noise = number(json, "noise", 100 * defaults.noise(), 0, 50);
        int trainPercent = integer(json, "trainPercent", (int) Math.round(100 * defaults.trainFraction()), 10, 90);
        int batchSize = integer(json, "batchSize", TrainConfig.DEFAULT_BATCH, 1, limits.maxSamples());

        List<String> features = new ArrayList<>();
        JsonNode featureNode = json.get("features");
        if (featureNode == null || featureNode.isNull()) {
            features.addAll(List.of("x1", "x2"));
        } else {
            if (!featureNode.isArray()) {
                throw new IllegalArgumentException("features must be an array of names, got " + shorten(featureNode.toString()));
            }
            Set<String> seen = new HashSet<>();
            for (JsonNode f : featureNode) {
                if (!f.isTextual()) {
                    throw new IllegalArgumentException("a feature must be a name, got " + shorten(f.toString()));
                }
                String canonical = Features.canonical(shorten(f.asText()));
                if (!seen.add(canonical)) {
                    throw new IllegalArgumentException("feature " + canonical + " is listed twice");
                }
                features.add(canonical);
            }
            if (features.isEmpty()) {
                throw new IllegalArgumentException("select at least one input feature");
            }
        }

        List<Layer> layers = new ArrayList<>();
        JsonNode layerNode = json.get("layers");
        if (layerNode == null || layerNode.isNull()) {
            for (int i = 0; i < defaults.hidden().size(); i++) {
                layers.add(new Layer(defaults.hidden().get(i), defaults.activation(i).spec()));
            }
        } else {
            if (!layerNode.isArray()) {
                throw new IllegalArgumentException("layers must be an array of {units, activation}, got " + shorten(layerNode.toString()));
            }
            if (layerNode.size() > limits.maxLayers()) {
                throw new IllegalArgumentException("at most " + limits.maxLayers() + " hidden layers, got " + layerNode.size());
            }
            int index = 0;
            for (JsonNode layer : layerNode) {
                if (!layer.isObject()) {
                    throw new IllegalArgumentException("layer " + index + " must be an object {units, activation}, got " + shorten(layer.toString()));
                }
                int units = integer(layer, "units", defaults.hidden().get(0), 1, limits.maxUnits(), "layer " + index + " units");
                String activation = text(layer, "activation", defaults.activation(0).spec());
                if (activation.length() > MAX_SPEC_LENGTH) {
                    throw new IllegalArgumentException("layer " + index + " activation spec is longer than " + MAX_SPEC_LENGTH + " characters");
                }
                try {
                    activation = Activations.parse(activation).spec();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("layer " + index + ": " + e.getMessage(), e);
                }
                layers.add(new Layer(units, activation));
                index++;
            }
        }

        String loss = text(json, "loss", problem.equals("classification") ? "cross_entropy" : "mse").toLowerCase(Locale.ROOT);
        if (!loss.equals("cross_entropy") && !loss.equals("mse")) {
            throw new IllegalArgumentException("loss must be cross_entropy or mse, got '" + shorten(loss) + "'");
        }
        if (loss.equals("cross_entropy") && problem.equals("regression")) {
            throw new IllegalArgumentException("loss cross_entropy needs a classification problem; use mse for regression");
        }
        double learningRate = number(json, "learningRate", defaults.learningRate(), Double.MIN_VALUE, 10);
        String optimizer = spec(json, "optimizer", defaults.optimizer().spec(), Optimizers.registry());
        String regularization = text(json, "regularization", "none").toLowerCase(Locale.ROOT);
        if (!Set.of("none", "l1", "l2").contains(regularization)) {
            throw new IllegalArgumentException("regularization must be none, l1 or l2, got '" + shorten(regularization) + "'");
        }
        double regularizationRate = number(json, "regularizationRate", 0, 0, 10);
        String weightInit = spec(json, "weightInit", defaults.init().spec(), Initializers.registry());
        String biasInit = spec(json, "biasInit", defaults.biasInit().spec(), Initializers.registry());
        long seed = json.has("seed") ? longValue(json, "seed") : defaults.seed();
        int gridSize = integer(json, "gridSize", 50, 10, limits.maxGrid());
        return new PlaygroundConfig(dataset, csv, problem, samples, noise, trainPercent, batchSize, features, layers,
                loss, learningRate, optimizer, regularization, regularizationRate, weightInit, biasInit, seed, gridSize);
    }

    /** A spec field, in its canonical form. */
    private static String spec(JsonNode json, String field, String fallback, Registry<?> registry) {
        String value = text(json, field, fallback).trim();
        if (value.isEmpty() || value.length() > MAX_SPEC_LENGTH) {
            throw new IllegalArgumentException(field + " must be a spec of 1.." + MAX_SPEC_LENGTH + " characters, got '" + shorten(value) + "'");
        }
        try {
            return registry.canonical(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode json, String field, String fallback) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, got " + shorten(node.toString()));
        }
        return node.asText();
    }

    private static int integer(JsonNode json, String field, int fallback, int min, int max) {
        return integer(json, field, fallback, min, max, field);
    }

    private static int integer(JsonNode json, String field, int fallback, int min, int max, String label) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || !(node.isIntegralNumber() || node.asDouble() == Math.rint(node.asDouble()))) {
            throw new IllegalArgumentException(label + " must be an integer in " + min + ".." + max + ", got " + shorten(node.toString()));
        }
        double value = node.asDouble();
        if (value < min || value > max) {
            throw new IllegalArgumentException(label + " must be in " + min + ".." + max + ", got " + shorten(node.toString()));
        }
        return (int) value;
    }

    private static double number(JsonNode json, String field, double fallback, double min, double max) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number, got " + shorten(node.toString()));
        }
        double value = node.asDouble();
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + " must be in [" + (min == Double.MIN_VALUE ? "0 (exclusive)" : min) + ", " + max + "], got " + shorten(node.toString()));
        }
        return value;
    }

    private static long longValue(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException(field + " must be a 64-bit integer, got " + shorten(node.toString()));
        }
        return node.asLong();
    }

    /** Cuts echoed user input so that an error message stays one short line. */
    static String shorten(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
