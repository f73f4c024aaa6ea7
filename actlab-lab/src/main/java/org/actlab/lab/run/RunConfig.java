package org.actlab.lab.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.actlab.activation.Activations;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.data.Features;
import org.actlab.nn.Initializers;
import org.actlab.nn.NetworkSpec;
import org.actlab.nn.Optimizers;
import org.actlab.nn.Schedule;
import org.actlab.nn.TrainConfig;

/**
 * One training run as plain values: where the data comes from, the network, and how to train it.
 * A recorded config replays the run exactly (with {@code threads = 1}).
 *
 * <p>Build one with {@link #builder()} (every field has a default, listed there) or from JSON:
 * Jackson reads it through the builder, so absent fields keep their defaults; a bad value surfaces as
 * a Jackson exception whose cause is the {@link IllegalArgumentException} naming it.
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
 * @param activations   one activation spec for every hidden layer, or one per hidden layer
 * @param output        {@code auto}, {@code identity}, {@code sigmoid}, {@code tanh} or {@code softmax};
 *                      auto picks sigmoid for binary, softmax for multiclass, identity for regression
 * @param loss          {@code auto}, {@code mse}, {@code bce} or {@code softmax_ce}; auto follows the output
 * @param init          weight initialiser spec, for example {@code xavier_uniform} or {@code he_normal}
 * @param biasInit      bias initialiser spec, for example {@code zeros} or {@code constant(0.1)}
 * @param optimizer     optimiser spec, for example {@code sgd} or {@code adam}
 * @param learningRate  the base learning rate, finite and &gt; 0
 * @param batch         rows per step, ≥ 1
 * @param epochs        passes over the training set, 0..{@value #MAX_EPOCHS}
 * @param seed          seeds the data, the split, the initialisation and the shuffling
 * @param l1            L1 penalty strength, ≥ 0
 * @param l2            L2 penalty strength, ≥ 0
 * @param schedule      learning-rate schedule spec, for example {@code constant} or {@code cosine}
 * @param clip          per-layer gradient-norm clip, 0 for none
 * @param threads       threads for matrix multiply, ≥ 1 (1 gives bit-identical replays)
 * @param label         the CSV label column, by name or 0-based index; null means the last column
 * @param standardize   z-score the features with the training rows' means and stds (test rows reuse them)
 */
@JsonDeserialize(builder = RunConfig.Builder.class)
public record RunConfig(String data, int samples, double noise, double trainFraction, List<String> features,
                        List<Integer> hidden, List<String> activations, String output, String loss, String init,
                        String biasInit, String optimizer, double learningRate, int batch, int epochs, long seed,
                        double l1, double l2, String schedule, double clip, int threads, String label,
                        boolean standardize) {

    /** The most epochs one run may ask for. */
    public static final int MAX_EPOCHS = 1_000_000;
    /** The most units in one hidden layer. */
    public static final int MAX_UNITS = 65_536;
    /** Rows generated when {@code samples} is 0. */
    public static final int DEFAULT_GENERATED_SAMPLES = 500;

    /** The outputs {@link #output} may name, besides {@code auto}. */
    public static final List<String> OUTPUTS = List.of("identity", "sigmoid", "tanh", "softmax");
    /** The losses {@link #loss} may name, besides {@code auto}. */
    public static final List<String> LOSSES = List.of("mse", "bce", "softmax_ce");

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
        for (String feature : features) {
            Features.canonical(feature);
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
        for (String spec : activations) {
            Activations.parse(spec);
        }
        output = choice("output", output, OUTPUTS);
        loss = choice("loss", loss, LOSSES);
        init = required("init", init);
        Initializers.parse(init);
        biasInit = required("biasInit", biasInit);
        Initializers.parse(biasInit);
        optimizer = required("optimizer", optimizer);
        Optimizers.parse(optimizer);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batch);
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
        schedule = required("schedule", schedule);
        Schedule.parse(schedule);
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

    private static String choice(String field, String value, List<String> allowed) {
        String key = value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        if (key.equals("linear")) {
            key = "identity";
        } else if (key.equals("logistic")) {
            key = "sigmoid";
        } else if (key.equals("ce") || key.equals("cross_entropy") || key.equals("softmax-ce")) {
            key = "softmax_ce";
        }
        if (!key.equals("auto") && !allowed.contains(key)) {
            throw new IllegalArgumentException("unknown " + field + " '" + value + "'; expected auto, " + String.join(", ", allowed));
        }
        return key;
    }

    /** A builder with every default: see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config's values. */
    public Builder toBuilder() {
        return new Builder().data(data).samples(samples).noise(noise).trainFraction(trainFraction).features(features)
                .hidden(hidden).activations(activations).output(output).loss(loss).init(init).biasInit(biasInit)
                .optimizer(optimizer).learningRate(learningRate).batch(batch).epochs(epochs).seed(seed).l1(l1).l2(l2)
                .schedule(schedule).clip(clip).threads(threads).label(label).standardize(standardize);
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

    /** The CSV path when {@link #data} is neither generated nor MNIST. */
    public Path csvPath() {
        return generated() || mnist() ? null : Path.of(data);
    }

    /** The activation spec of hidden layer {@code i}. */
    public String activation(int i) {
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
            layers.add(new NetworkSpec.LayerSpec(hidden.get(i), activation(i)));
        }
        return new NetworkSpec(inputs, layers, outputs, resolvedOutput(task), resolvedLoss(task), init, biasInit);
    }

    /** How to train, as the engine takes it. */
    public TrainConfig trainConfig() {
        return new TrainConfig(epochs, batch, optimizer, learningRate, schedule, l1, l2, clip, seed, threads);
    }

    /**
     * Builds a {@link RunConfig}. Defaults: data {@code circle}, samples 0 (auto), noise 0, train
     * fraction 0.5, the data set's own features, hidden {@code [4, 2]}, activation {@code tanh},
     * output and loss {@code auto}, init {@code xavier_uniform}, bias init {@code zeros}, optimizer
     * {@code sgd}, learning rate 0.03, batch 10, 100 epochs, seed 1, no L1, L2 or clipping, schedule
     * {@code constant}, 1 thread, label: the last column, no standardisation. These are TF Playground's
     * defaults where it has them.
     */
    @JsonPOJOBuilder(withPrefix = "")
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Builder {
        private String data = "circle";
        private int samples;
        private double noise;
        private double trainFraction = 0.5;
        private List<String> features = List.of();
        private List<Integer> hidden = List.of(4, 2);
        private List<String> activations = List.of("tanh");
        private String output = "auto";
        private String loss = "auto";
        private String init = "xavier_uniform";
        private String biasInit = "zeros";
        private String optimizer = "sgd";
        private double learningRate = 0.03;
        private int batch = 10;
        private int epochs = 100;
        private long seed = 1;
        private double l1;
        private double l2;
        private String schedule = "constant";
        private double clip;
        private int threads = 1;
        private String label;
        private boolean standardize;

        public Builder data(String value) {
            data = value;
            return this;
        }

        public Builder samples(int value) {
            samples = value;
            return this;
        }

        public Builder noise(double value) {
            noise = value;
            return this;
        }

        public Builder trainFraction(double value) {
            trainFraction = value;
            return this;
        }

        public Builder features(List<String> value) {
            features = value;
            return this;
        }

        public Builder hidden(List<Integer> value) {
            hidden = value;
            return this;
        }

        public Builder activations(List<String> value) {
            activations = value;
            return this;
        }

        public Builder output(String value) {
            output = value;
            return this;
        }

        public Builder loss(String value) {
            loss = value;
            return this;
        }

        public Builder init(String value) {
            init = value;
            return this;
        }

        public Builder biasInit(String value) {
            biasInit = value;
            return this;
        }

        public Builder optimizer(String value) {
            optimizer = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder batch(int value) {
            batch = value;
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder l1(double value) {
            l1 = value;
            return this;
        }

        public Builder l2(double value) {
            l2 = value;
            return this;
        }

        public Builder schedule(String value) {
            schedule = value;
            return this;
        }

        public Builder clip(double value) {
            clip = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public Builder label(String value) {
            label = value;
            return this;
        }

        public Builder standardize(boolean value) {
            standardize = value;
            return this;
        }

        public RunConfig build() {
            return new RunConfig(data, samples, noise, trainFraction, features, hidden, activations, output, loss, init,
                    biasInit, optimizer, learningRate, batch, epochs, seed, l1, l2, schedule, clip, threads, label,
                    standardize);
        }
    }

    @Override
    public String toString() {
        return "RunConfig[data=" + data + ", hidden=" + hidden + ", activations=" + activations + ", optimizer="
                + optimizer + ", lr=" + learningRate + ", batch=" + batch + ", epochs=" + epochs + ", seed=" + seed + "]";
    }
}
