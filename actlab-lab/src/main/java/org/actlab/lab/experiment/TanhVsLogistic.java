package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.data.Dataset;
import org.actlab.data.Mnist;
import org.actlab.data.Split;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec;
import org.actlab.nn.Trainer;
import org.actlab.nn.TrainingResult;

/**
 * Claim 7: tanh = 2σ(2x) − 1 is a zero-centred logistic, and networks of tanh units train faster
 * than the same networks of logistic units, to the same or better accuracy.
 *
 * <p>Figure per set and activation: the epochs until the training loss first reaches a target
 * (a run that never does counts as epochs + 1), and the final test accuracy, over seeds.
 */
public final class TanhVsLogistic implements Experiment {

    /** Supported when tanh is faster (lower median epochs to target) on at least this share of sets. */
    static final double MIN_SHARE_FASTER = 0.75;
    /** tanh's mean final accuracy may trail the logistic one's by at most this on any set. */
    static final double ACCURACY_SLACK = 0.02;

    private static final List<String> SETS_FULL = List.of("xor", "circle", "moons");
    private static final List<String> SETS_QUICK = List.of("xor", "circle");
    private static final double TARGET_LOSS_2D = 0.25;
    private static final double TARGET_LOSS_MNIST = 0.5;
    private static final List<String> ACTIVATIONS = List.of("tanh", "sigmoid");

    @Override
    public String name() {
        return "tanh-vs-logistic";
    }

    @Override
    public String claim() {
        return "tanh, being zero-centred, trains faster than the logistic function, to at least the same accuracy.";
    }

    @Override
    public String setup() {
        return "2-D sets xor, circle, moons (400 training, 400 test rows, noise 0; quick: xor and circle only): 2 → 8 → 8 "
                + "→ 1 sigmoid, binary cross-entropy, target training loss " + TARGET_LOSS_2D + ", SGD at 0.1, batch 10, "
                + "100 epochs (quick: 30). MNIST-10k (bundled, 8,000 train / 2,000 test, full runs only): 784 → 32 → 10 "
                + "softmax, target loss " + TARGET_LOSS_MNIST + ", SGD at 0.1, batch 32, 6 epochs. Glorot-normal, zero "
                + "biases, the same seeds for both activations.";
    }

    @Override
    public String criterion() {
        return String.format(Locale.ROOT, "Supported when tanh needs fewer epochs to the target (median over seeds) on at "
                        + "least %.0f%% of the sets and its mean final test accuracy is within %.2f of the logistic one on "
                        + "every set. Not supported when the logistic network is faster on more than half of the sets.",
                100 * MIN_SHARE_FASTER, ACCURACY_SLACK);
    }

    /**
     * The verdict.
     *
     * @param tanhFasterSets     sets where tanh's median epochs to target are lower
     * @param logisticFasterSets sets where the logistic median is lower
     * @param sets               sets compared
     * @param accuracyHeld       whether tanh's accuracy stayed within the slack on every set
     */
    static Verdict judge(int tanhFasterSets, int logisticFasterSets, int sets, boolean accuracyHeld) {
        boolean supported = tanhFasterSets >= MIN_SHARE_FASTER * sets && accuracyHeld;
        boolean contradicted = logisticFasterSets > sets / 2.0;
        return Verdict.of(supported, contradicted);
    }

    /** One set's comparison. */
    private record Comparison(Map<String, Object> row, double[] medianEpochs, double[] meanAccuracy, double[][] lossCurves) {
    }

    private static List<String> compared(boolean quick) {
        List<String> compared = new ArrayList<>(quick ? SETS_QUICK : SETS_FULL);
        if (!quick) {
            compared.add("mnist");
        }
        return compared;
    }

    private static int epochs(String set, boolean quick) {
        return set.equals("mnist") ? 6 : quick ? 30 : 100;
    }

    private Trial trial(String set, String activation, boolean quick, long seed) {
        return Trial.of(name(), "loss-curve").with("set", set).with("activation", activation)
                .with("epochs", epochs(set, quick)).with("seed", seed).build();
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        for (String set : compared(options.quick())) {
            for (String activation : ACTIVATIONS) {
                for (int s = 0; s < options.seeds(); s++) {
                    trials.add(trial(set, activation, options.quick(), options.seed(s)));
                }
            }
        }
        return trials;
    }

    /** Trains one network; measures the training loss of every completed epoch and the final test accuracy (NaN if it diverged). */
    @Override
    public TrialResult runTrial(Trial trial) {
        String set = trial.text("set");
        String activation = trial.text("activation");
        int epochs = trial.integer("epochs");
        long seed = trial.seed();
        Dataset train;
        Dataset test;
        Trainer trainer;
        Network net;
        if (set.equals("mnist")) {
            Split.TrainTest split = Split.trainTest(Mnist.bundled(), 0.8, seed);
            train = split.train();
            test = split.test();
            NetworkSpec spec = new NetworkSpec(train.features(), Lab.hidden(1, 32, activation), Mnist.CLASSES,
                    NetworkSpec.Output.SOFTMAX, NetworkSpec.Loss.SOFTMAX_CE, "xavier_normal", "zeros");
            net = Network.create(spec, seed);
            trainer = new Trainer(net, Lab.sgd(epochs, 32, 0.1, seed), train, test);
        } else {
            train = Lab.data(set, 400, 0, seed);
            test = Lab.testData(set, 400, 0, seed);
            net = Network.create(Lab.binary(2, Lab.hidden(2, 8, activation), "xavier_normal", "zeros"), seed);
            trainer = new Trainer(net, Lab.sgd(epochs, 10, 0.1, seed), train, test);
        }
        TrainingResult result = trainer.run();
        double[] losses = result.history().stream().mapToDouble(TrainingResult.EpochMetrics::trainLoss).toArray();
        return TrialResult.of(trial).put("train losses", losses)
                .put("accuracy", result.stopped() == null ? net.accuracy(test) : Double.NaN).build();
    }

    @Override
    public ExperimentResult reduce(RunOptions options, List<TrialResult> results) {
        Trials.Lookup done = new Trials.Lookup(results);
        Map<String, Object> table = new LinkedHashMap<>();
        int tanhFaster = 0;
        int logisticFaster = 0;
        boolean accuracyHeld = true;
        List<Chart> charts = new ArrayList<>();
        List<String> compared = compared(options.quick());
        List<Chart.Series> epochBars = new ArrayList<>();
        double[][] medians = new double[2][compared.size()];

        for (int i = 0; i < compared.size(); i++) {
            String set = compared.get(i);
            Comparison c = compare(set, options, done);
            table.put(set, c.row());
            medians[0][i] = c.medianEpochs()[0];
            medians[1][i] = c.medianEpochs()[1];
            tanhFaster += c.medianEpochs()[0] < c.medianEpochs()[1] ? 1 : 0;
            logisticFaster += c.medianEpochs()[1] < c.medianEpochs()[0] ? 1 : 0;
            accuracyHeld &= c.meanAccuracy()[0] >= c.meanAccuracy()[1] - ACCURACY_SLACK;
            if (i == 0 || set.equals("mnist")) {
                List<Chart.Series> curves = new ArrayList<>();
                for (int a = 0; a < 2; a++) {
                    double[] epochs = new double[c.lossCurves()[a].length];
                    for (int e = 0; e < epochs.length; e++) {
                        epochs[e] = e + 1;
                    }
                    curves.add(new Chart.Series(a == 0 ? "tanh" : "logistic", epochs, c.lossCurves()[a]));
                }
                charts.add(Chart.lines("Training loss per epoch on " + set + " (mean over seeds)", "epoch",
                        "training loss", false, false, curves));
            }
        }
        epochBars.add(new Chart.Series("tanh", null, medians[0]));
        epochBars.add(new Chart.Series("logistic", null, medians[1]));
        charts.add(0, Chart.bars("Epochs to the target loss (median over seeds)", "data set", "epochs", false,
                compared, epochBars));

        Verdict verdict = judge(tanhFaster, logisticFaster, compared.size(), accuracyHeld);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "tanh faster on %d of %d sets, logistic on %d; accuracy held: %s",
                tanhFaster, compared.size(), logisticFaster, accuracyHeld));
        figures.put("sets where tanh is faster", tanhFaster);
        figures.put("sets where logistic is faster", logisticFaster);
        figures.put("tanh accuracy within slack on every set", accuracyHeld);
        figures.put("per set (epochs to target: median, and mean ± std [min, max]; final test accuracy)", table);
        return new ExperimentResult(name(), claim(), setup() + (options.quick() ? " (quick run)" : ""), criterion(),
                verdict, figures, options.seedList(), charts);
    }

    private Comparison compare(String set, RunOptions options, Trials.Lookup done) {
        boolean mnist = set.equals("mnist");
        int epochs = epochs(set, options.quick());
        double target = mnist ? TARGET_LOSS_MNIST : TARGET_LOSS_2D;
        Map<String, Object> row = new LinkedHashMap<>();
        double[] medianEpochs = new double[2];
        double[] meanAccuracy = new double[2];
        double[][] curves = new double[2][epochs];
        for (int a = 0; a < 2; a++) {
            String activation = ACTIVATIONS.get(a);
            double[] toTarget = new double[options.seeds()];
            double[] accuracy = new double[options.seeds()];
            int reached = 0;
            for (int s = 0; s < options.seeds(); s++) {
                TrialResult result = done.get(trial(set, activation, options.quick(), options.seed(s)));
                double[] losses = result.numbers("train losses");
                toTarget[s] = epochs + 1;
                for (int epoch = 0; epoch < losses.length; epoch++) {
                    curves[a][epoch] += losses[epoch] / options.seeds();
                    if (losses[epoch] <= target && toTarget[s] == epochs + 1) {
                        toTarget[s] = epoch + 1;
                    }
                }
                reached += toTarget[s] <= epochs ? 1 : 0;
                accuracy[s] = result.number("accuracy");
            }
            medianEpochs[a] = Summary.median(toTarget);
            Summary accuracySummary = Summary.of(accuracy);
            meanAccuracy[a] = accuracySummary.mean();
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("median epochs to target", medianEpochs[a]);
            cell.put("epochs to target", Summary.of(toTarget));
            cell.put("runs reaching target", reached + "/" + options.seeds());
            cell.put("final test accuracy", accuracySummary);
            row.put(activation.equals("sigmoid") ? "logistic" : activation, cell);
        }
        return new Comparison(row, medianEpochs, meanAccuracy, curves);
    }
}
