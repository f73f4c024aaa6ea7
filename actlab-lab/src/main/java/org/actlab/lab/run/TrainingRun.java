package org.actlab.lab.run;

import static org.actlab.lab.run.RunConfig.BATCH;

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
import org.actlab.nn.MemoryEstimate;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec;
import org.actlab.nn.TrainConfig;
import org.actlab.nn.Trainer;
import org.actlab.nn.TrainingListener;
import org.actlab.nn.TrainingResult;

/**
 * Prepares and runs one training run from a {@link RunConfig}: loads or generates the data, expands
 * features, splits (seeded), standardises with the training rows' statistics, builds the network and
 * the trainer, runs it with listeners and a progress callback, and returns a {@link RunResult}.
 *
 * <p>Seeds: the generator uses {@code seed}, the row sample and the split {@code seed + 1},
 * network initialisation and training {@code seed} (through the engine). The CLI and the playground
 * both prepare their runs here, so the same settings give the same split and the same weights.
 *
 * <p>Where the data makes a guess necessary (a batch size chosen from the row count, labels −1/+1
 * read as classes), the guess is made here and said in one line of {@link #notices()}.
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
    private final Split.TrainTest points;
    private final Dataset train;
    private final Dataset test;
    private final DataSummary summary;
    private final Network network;
    private final List<String> notices;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Diagnostics diagnostics;

    private TrainingRun(RunConfig config, Split.TrainTest points, Dataset train, Dataset test, DataSummary summary,
                        Network network, List<String> notices) {
        this.config = config;
        this.points = points;
        this.train = train;
        this.test = test;
        this.summary = summary;
        this.network = network;
        this.notices = List.copyOf(notices);
    }

    /**
     * Loads the data and builds the network.
     *
     * @throws IllegalArgumentException for unreadable or malformed data, or a network the data does not fit
     */
    public static TrainingRun prepare(RunConfig config) {
        Objects.requireNonNull(config, "config");
        return prepare(config, load(config));
    }

    /**
     * Builds the run on data already read (the playground's uploaded rows), as {@link #prepare(RunConfig)}
     * does on the data the config names.
     *
     * @throws IllegalArgumentException for data the config does not fit
     */
    public static TrainingRun prepare(RunConfig config, Dataset raw) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(raw, "raw");
        List<String> notices = new ArrayList<>();
        long splitSeed = config.seed() + 1;
        if (!config.generated() && config.samples() > 0 && config.samples() < raw.n()) {
            int[] order = Split.permutation(raw.n(), splitSeed);
            raw = Split.rows(raw, java.util.Arrays.copyOf(order, config.samples()));
        }
        raw = plusMinusOneAsClasses(config, raw, notices);
        if (!config.features().isEmpty() && raw.features() != 2) {
            throw new IllegalArgumentException("features " + String.join(",", config.features()) + " are computed from 2-D points (x1, x2); "
                    + raw.name() + " has " + raw.features() + " input columns, so give no features");
        }
        // Split the plain rows, then expand each part: the same rows as expanding first, and the
        // playground draws the plain points.
        Split.TrainTest points = Split.trainTest(raw, config.trainFraction(), splitSeed);
        Dataset train = expand(points.train(), config);
        Dataset test = expand(points.test(), config);
        Standardisation standardisation = null;
        if (config.standardize()) {
            standardisation = Standardisation.fit(train);
            train = standardisation.apply(train);
            test = standardisation.apply(test);
        }
        if (config.batch() == 0) {
            int batch = config.autoBatch(train.n());
            if (batch != TrainConfig.defaults().batchSize()) {
                notices.add("batch " + batch + " chosen for " + train.n() + " training rows (batch "
                        + TrainConfig.defaults().batchSize() + " below " + RunConfig.AUTO_BATCH_ROWS + " rows); give a batch size to choose");
            }
            config = config.toBuilder().set(BATCH, batch).build();
        }
        NetworkSpec spec = config.networkSpec(train.features(), train.targets(), train.task());
        if (spec.loss() == NetworkSpec.Loss.BCE) {
            requireUnitTargets(train, raw.name());
        }
        DataSummary summary = new DataSummary(raw.name(), raw.task(), train.features(), config.features(), raw.features(),
                train.n(), test.n(), standardisation);
        MemoryEstimate.requireTraining(spec, config.batch(), train.n() + test.n());
        return new TrainingRun(config, points, train, test, summary, Network.create(spec, config.seed()), notices);
    }

    private static Dataset expand(Dataset data, RunConfig config) {
        return config.features().isEmpty() ? data : Features.expand(data, config.features());
    }

    /**
     * Labels that are all −1 or +1 (TF Playground's convention, also LIBSVM's) in data read as
     * regression become the classes 0 and 1, unless the config asks for an output or a loss itself.
     */
    private static Dataset plusMinusOneAsClasses(RunConfig config, Dataset raw, List<String> notices) {
        if (raw.task() != Dataset.Task.REGRESSION || raw.targets() != 1 || !config.output().equals("auto")
                || !config.loss().equals("auto")) {
            return raw;
        }
        boolean minus = false;
        boolean plus = false;
        for (int i = 0; i < raw.n(); i++) {
            float y = raw.y()[i];
            if (y == -1f) {
                minus = true;
            } else if (y == 1f) {
                plus = true;
            } else {
                return raw;
            }
        }
        if (!minus || !plus) {
            return raw;
        }
        float[] y = new float[raw.n()];
        for (int i = 0; i < y.length; i++) {
            y[i] = raw.y()[i] > 0 ? 1f : 0f;
        }
        notices.add("labels -1/+1 read as the classes 0/1 (binary classification); give an output or a loss to train a regression instead");
        return new Dataset(raw.name(), raw.x(), y, raw.n(), raw.features(), 1, Dataset.Task.BINARY);
    }

    /** Binary cross-entropy is −[y log p + (1−y) log(1−p)]: outside [0, 1] it has no minimum and training runs away. */
    private static void requireUnitTargets(Dataset train, String name) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < train.n() * train.targets(); i++) {
            min = Math.min(min, train.y()[i]);
            max = Math.max(max, train.y()[i]);
        }
        if (min < 0 || max > 1) {
            throw new IllegalArgumentException("loss bce needs targets in [0, 1]; " + name + "'s span [" + min + ", " + max
                    + "]; use mse, or labels 0 and 1");
        }
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
        Path[] idx = config.idxPaths();
        if (idx != null) {
            return Mnist.read(idx[0], idx[1]);
        }
        Path csv = config.csvPath();
        if (csv.toString().equals(Csv.STDIN)) {
            return Csv.load(csv, config.label(), null).data();
        }
        if (!Files.isRegularFile(csv)) {
            // Not a file: most likely a mistyped data set name, so let the registry say so.
            if (!config.data().contains(".") && !config.data().contains("/")) {
                DataSets.generate(config.data(), 1, 0, 0);
            }
            throw new IllegalArgumentException("no such data set or CSV file: " + config.data());
        }
        return Csv.load(csv, config.label(), null).data();
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
        Trainer trainer = new Trainer(network, trainConfig(), train, test.n() > 0 ? test : null);
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

    /** The config, with an automatic batch size resolved: replaying it gives this run again. */
    public RunConfig config() {
        return config;
    }

    /** How the engine trains this run. */
    public TrainConfig trainConfig() {
        return config.trainConfig(train.n());
    }

    /** The guesses made for this run, one line each (empty when none was needed). */
    public List<String> notices() {
        return notices;
    }

    /** The training rows before feature expansion and standardisation (the playground draws them). */
    public Dataset trainPoints() {
        return points.train();
    }

    /** The test rows before feature expansion and standardisation. */
    public Dataset testPoints() {
        return points.test();
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
