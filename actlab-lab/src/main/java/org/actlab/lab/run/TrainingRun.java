package org.actlab.lab.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.actlab.data.Csv;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.data.Features;
import org.actlab.data.Mnist;
import org.actlab.data.Split;
import org.actlab.data.Standardisation;
import org.actlab.diagnose.Diagnostics;
import org.actlab.diagnose.HealthReport;
import org.actlab.nn.EpochSnapshot;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec;
import org.actlab.nn.Trainer;
import org.actlab.nn.TrainingListener;
import org.actlab.nn.TrainingResult;

/**
 * Prepares and runs one training run from a {@link RunConfig}: loads or generates the data, expands
 * features, splits (seeded), standardises with the training rows' statistics, builds the network and
 * the trainer, runs it with listeners and a progress callback, and returns a {@link RunResult}.
 *
 * <p>Seeds: the generator uses {@code seed}, the row sample and the split {@code seed + 1},
 * network initialisation and training {@code seed} (through the engine).
 */
public final class TrainingRun {

    /** Called at the end of every epoch, on the training thread. */
    @FunctionalInterface
    public interface Progress {
        void epoch(EpochSnapshot snapshot, int totalEpochs);

        /** Progress that goes nowhere. */
        static Progress none() {
            return (snapshot, total) -> {
            };
        }
    }

    /** Rows of the training set the diagnostics evaluate on at most, to keep them cheap on MNIST. */
    public static final int DIAGNOSTIC_ROWS = 1000;

    private final RunConfig config;
    private final Dataset train;
    private final Dataset test;
    private final DataSummary summary;
    private final Network network;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Diagnostics diagnostics;

    private TrainingRun(RunConfig config, Dataset train, Dataset test, DataSummary summary, Network network) {
        this.config = config;
        this.train = train;
        this.test = test;
        this.summary = summary;
        this.network = network;
    }

    /**
     * Loads the data and builds the network.
     *
     * @throws IllegalArgumentException for unreadable or malformed data, or a network the data does not fit
     */
    public static TrainingRun prepare(RunConfig config) {
        Objects.requireNonNull(config, "config");
        Dataset raw = load(config);
        long splitSeed = config.seed() + 1;
        if (!config.generated() && config.samples() > 0 && config.samples() < raw.n()) {
            int[] order = Split.permutation(raw.n(), splitSeed);
            raw = Split.rows(raw, java.util.Arrays.copyOf(order, config.samples()));
        }
        Dataset expanded = config.features().isEmpty() ? raw : Features.expand(raw, config.features());
        Split.TrainTest split = Split.trainTest(expanded, config.trainFraction(), splitSeed);
        Dataset train = split.train();
        Dataset test = split.test();
        Standardisation standardisation = null;
        if (config.standardize()) {
            standardisation = Standardisation.fit(train);
            train = standardisation.apply(train);
            test = standardisation.apply(test);
        }
        List<String> featureNames = new ArrayList<>();
        for (String feature : config.features()) {
            featureNames.add(Features.canonical(feature));
        }
        DataSummary summary = new DataSummary(raw.name(), raw.task(), train.features(), featureNames, raw.features(),
                train.n(), test.n(), standardisation);
        NetworkSpec spec = config.networkSpec(train.features(), train.targets(), train.task());
        return new TrainingRun(config, train, test, summary, Network.create(spec, config.seed()));
    }

    /** The data set a config names, before feature expansion and splitting. */
    public static Dataset load(RunConfig config) {
        if (config.generated()) {
            int n = config.samples() > 0 ? config.samples() : RunConfig.DEFAULT_GENERATED_SAMPLES;
            return DataSets.generate(config.data(), n, config.noise(), config.seed());
        }
        if (config.mnist()) {
            return Mnist.bundled();
        }
        Path csv = config.csvPath();
        if (!Files.isRegularFile(csv)) {
            // Not a file: most likely a mistyped data set name, so let the registry say so.
            if (!config.data().contains(".") && !config.data().contains("/")) {
                DataSets.generate(config.data(), 1, 0, 0);
            }
            throw new IllegalArgumentException("no such data set or CSV file: " + config.data());
        }
        return Csv.load(csv, config.label(), null, false).data();
    }

    /** Adds a listener; call before {@link #run}. */
    public TrainingRun addListener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Turns per-layer diagnostics on or off: a {@link Diagnostics} listener evaluating on the first
     * {@value #DIAGNOSTIC_ROWS} training rows, whose reports the result carries as {@code "layers"},
     * {@code "advice"} and {@code "layerHistory"}.
     */
    public TrainingRun diagnose(boolean on) {
        if (on && diagnostics == null) {
            Dataset evaluation = train.n() <= DIAGNOSTIC_ROWS ? train
                    : Split.rows(train, java.util.stream.IntStream.range(0, DIAGNOSTIC_ROWS).toArray());
            diagnostics = new Diagnostics(evaluation);
        } else if (!on) {
            diagnostics = null;
        }
        return this;
    }

    /** The diagnostics listener, or null when off. */
    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * Trains for the configured epochs. Divergence does not throw: the result's {@code stopped} says
     * what happened.
     */
    public RunResult run(Progress progress) {
        Objects.requireNonNull(progress, "progress");
        Trainer trainer = new Trainer(network, config.trainConfig(), train, test.n() > 0 ? test : null);
        for (TrainingListener listener : listeners) {
            trainer.addListener(listener);
        }
        if (diagnostics != null) {
            trainer.addListener(diagnostics);
        }
        int epochs = config.epochs();
        trainer.addListener(new TrainingListener() {
            @Override
            public void onEpoch(EpochSnapshot epoch) {
                progress.epoch(epoch, epochs);
            }
        });
        TrainingResult outcome = trainer.run();
        RunResult result = new RunResult(config, summary, metrics(outcome), outcome.history(), outcome.stopped());
        if (diagnostics != null) {
            HealthReport latest = diagnostics.latest().orElse(null);
            result = result.with("layers", latest == null ? List.of() : latest.layers())
                    .with("advice", latest == null ? List.of() : latest.advice())
                    .with("layerHistory", diagnostics.history());
        }
        return result;
    }

    private RunResult.Metrics metrics(TrainingResult outcome) {
        if (!outcome.history().isEmpty()) {
            TrainingResult.EpochMetrics last = outcome.last();
            return new RunResult.Metrics(last.trainLoss(), last.testLoss(), last.trainAccuracy(), last.testAccuracy());
        }
        boolean hasTest = test.n() > 0;
        return new RunResult.Metrics(network.loss(train), hasTest ? network.loss(test) : Double.NaN,
                network.accuracy(train), hasTest ? network.accuracy(test) : Double.NaN);
    }

    public RunConfig config() {
        return config;
    }

    /** The training set, after features and standardisation. */
    public Dataset train() {
        return train;
    }

    /** The test set (possibly empty), after features and standardisation. */
    public Dataset test() {
        return test;
    }

    /** What the run trains on. */
    public DataSummary summary() {
        return summary;
    }

    /** The network, trained in place by {@link #run}. */
    public Network network() {
        return network;
    }
}
