package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.actlab.data.Dataset;
import org.actlab.nn.DenseLayer;
import org.actlab.nn.Network;
import org.actlab.nn.Trainer;
import org.actlab.nn.TrainingResult;

/**
 * Claim 1: a stack of linear layers is one linear map, so depth adds nothing without a
 * non-linearity.
 *
 * <p>The collapsed map of layers W_1..W_L with biases b_1..b_L is W = W_L ⋯ W_1 and
 * b = W_L ⋯ W_2 b_1 + ⋯ + W_L b_{L−1} + b_L, computed in double precision from the trained weights
 * and compared with the network's own output pre-activation on random inputs.
 */
public final class LinearCollapse extends StatedExperiment {

    private static final List<String> SETS = List.of("xor", "circle");
    /** The control: a linearly separable set, where a linear network should do as well as the non-linear one. */
    private static final String CONTROL_SET = "gauss";
    /** Pre-registered: the non-linear layer beats the deepest linear network by more than this test accuracy. */
    static final double GAP_MARGIN = 0.2;
    private static final int WIDTH = 8;
    private static final int NONLINEAR_WIDTH = 16;
    private static final String NONLINEAR = "tanh";
    private static final int RANDOM_INPUTS = 1000;

    public LinearCollapse() {
        super("linear-collapse",
                "Without a non-linear activation, a network of any depth is one linear map W x + b: "
                        + "deep linear networks cannot fit xor or circle, while one non-linear hidden layer can.",
                "xor and circle, and the control gauss (two linearly separable blobs) (400 training rows, 400 test rows, noise 0); linear networks with 1..5 hidden identity "
                        + "layers of " + WIDTH + " units (quick: 1, 3, 5) against one " + NONLINEAR + " layer of "
                        + NONLINEAR_WIDTH + " units; sigmoid output, binary cross-entropy, Adam at 0.01, batch 20, 100 epochs "
                        + "(quick: 200 rows, 40 epochs). The collapsed W x + b is computed from each trained linear network's "
                        + "weights and compared with its output pre-activation on " + RANDOM_INPUTS + " random inputs N(0, 3²).",
                String.format(Locale.ROOT, "Effect per set: test accuracy of the 1-layer %s network minus that of the "
                                + "deepest linear network, paired by seed (paired t interval, 95%%). Supported when on xor and on "
                                + "circle the interval lies above %.2f; not supported when it lies below. Control: the same gap "
                                + "on the linearly separable '%s' set must not clear %.2f (a linear network separates it). The "
                                + "collapse difference |deep − W x − b| is algebra, shown as a check of the engine, not judged.",
                        NONLINEAR, GAP_MARGIN, CONTROL_SET, GAP_MARGIN));
    }

    /** The pre-registered effect of one set: paired accuracy gap, non-linear minus deepest linear. */
    static Effect gap(String set, Effect.Role role, double[] nonlinear, double[] deepestLinear) {
        return Effect.paired("test accuracy gap " + NONLINEAR + " − deepest linear on " + set, role,
                Effect.Direction.above, GAP_MARGIN, nonlinear, deepestLinear);
    }

    private static List<String> sets() {
        List<String> sets = new ArrayList<>(SETS);
        sets.add(CONTROL_SET);
        return sets;
    }

    private static int rows(boolean quick) {
        return quick ? 200 : 400;
    }

    private static int epochs(boolean quick) {
        return quick ? 40 : 100;
    }

    private static List<Integer> depths(boolean quick) {
        return quick ? List.of(1, 3, 5) : List.of(1, 2, 3, 4, 5);
    }

    /** A linear network of {@code depth} identity layers (depth 0: the one non-linear layer instead). */
    private Trial trial(String set, int depth, boolean quick, long seed) {
        return Trial.of(name(), depth == 0 ? "nonlinear" : "linear").with("set", set).with("depth", depth)
                .with("rows", rows(quick)).with("epochs", epochs(quick)).with("seed", seed).build();
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        for (String set : sets()) {
            for (int depth : depths(options.quick())) {
                for (int s = 0; s < options.seeds(); s++) {
                    trials.add(trial(set, depth, options.quick(), options.seed(s)));
                }
            }
            for (int s = 0; s < options.seeds(); s++) {
                trials.add(trial(set, 0, options.quick(), options.seed(s)));
            }
        }
        return trials;
    }

    /**
     * Trains one network; measures its test accuracy and, for a linear one, the collapse difference
     * ({@code absolute}, {@code relative}). A non-linear run that diverged has NaN accuracy.
     */
    @Override
    public TrialResult runTrial(Trial trial) {
        String set = trial.text("set");
        int depth = trial.integer("depth");
        int rows = trial.integer("rows");
        long seed = trial.seed();
        Dataset train = Lab.data(set, rows, 0, seed);
        Dataset test = Lab.testData(set, rows, 0, seed);
        boolean linear = trial.measure().equals("linear");
        Network net = Network.create(Lab.binary(2, linear ? Lab.hidden(depth, WIDTH, "identity")
                : Lab.hidden(1, NONLINEAR_WIDTH, NONLINEAR), "xavier_normal", "zeros"), seed);
        TrainingResult result = new Trainer(net, Lab.adam(trial.integer("epochs"), 20, 0.01, seed), train, test).run();
        TrialResult.Builder out = TrialResult.of(trial);
        if (linear) {
            double[] difference = collapseDifference(net, seed);
            return out.put("accuracy", net.accuracy(test)).put("absolute", difference[0]).put("relative", difference[1]).build();
        }
        return out.put("accuracy", result.stopped() == null ? net.accuracy(test) : Double.NaN).build();
    }

    @Override
    public ExperimentResult reduce(RunOptions options, List<TrialResult> results) {
        Trials.Lookup done = new Trials.Lookup(results);
        List<Integer> depths = depths(options.quick());

        Map<String, Object> accuracyTable = new LinkedHashMap<>();
        Map<String, Object> collapseTable = new LinkedHashMap<>();
        List<Chart.Series> series = new ArrayList<>();
        double maxRelative = 0;
        double maxAbsolute = 0;
        double bestLinear = 0;
        double worstNonlinear = 1;

        List<Effect> effects = new ArrayList<>();
        int deepest = depths.get(depths.size() - 1);
        for (String set : sets()) {
            boolean control = set.equals(CONTROL_SET);
            Map<String, Object> row = new LinkedHashMap<>();
            List<Double> linearMeans = new ArrayList<>();
            double[] deepestAccuracy = null;
            for (int depth : depths) {
                double[] accuracies = new double[options.seeds()];
                for (int s = 0; s < options.seeds(); s++) {
                    TrialResult r = done.get(trial(set, depth, options.quick(), options.seed(s)));
                    accuracies[s] = r.number("accuracy");
                    double relative = r.number("relative");
                    maxAbsolute = Math.max(maxAbsolute, r.number("absolute"));
                    maxRelative = Math.max(maxRelative, Double.isNaN(relative) ? Double.POSITIVE_INFINITY : relative);
                }
                Summary summary = Summary.of(accuracies);
                row.put("linear depth " + depth, summary);
                linearMeans.add(summary.mean());
                if (!control) {
                    bestLinear = Math.max(bestLinear, summary.mean());
                }
                if (depth == deepest) {
                    deepestAccuracy = accuracies;
                }
            }
            double[] nonlinear = done.seeds(options, seed -> trial(set, 0, options.quick(), seed)).number("accuracy");
            Summary nonlinearSummary = Summary.of(nonlinear);
            row.put("1 " + NONLINEAR + " layer", nonlinearSummary);
            if (!control) {
                worstNonlinear = Math.min(worstNonlinear, Double.isNaN(nonlinearSummary.mean()) ? 0 : nonlinearSummary.mean());
            }
            effects.add(gap(set, control ? Effect.Role.control : Effect.Role.claim, nonlinear, deepestAccuracy));
            accuracyTable.put(set, row);

            double[] x = Lab.doubles(depths);
            series.add(new Chart.Series(set + ": linear", x, Lab.doubles(linearMeans)));
            double[] flat = new double[x.length];
            Arrays.fill(flat, nonlinearSummary.mean());
            series.add(new Chart.Series(set + ": 1 " + NONLINEAR + " layer", x, flat));
        }
        collapseTable.put("max |deep − collapsed|", maxAbsolute);
        collapseTable.put("max relative difference", maxRelative);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "collapse diff %s; best linear acc %s; worst %s acc %s",
                Figures.format(maxRelative), Figures.format(bestLinear), NONLINEAR, Figures.format(worstNonlinear)));
        figures.put("collapse (algebra: a check of the engine, not of the claim)", collapseTable);
        figures.put("best linear test accuracy", bestLinear);
        figures.put("worst non-linear test accuracy", worstNonlinear);
        figures.put("test accuracy (mean ± std [min, max] over seeds)", accuracyTable);
        Chart chart = Chart.lines("Test accuracy against depth", "hidden identity layers", "test accuracy",
                false, false, series);
        return result(options, figures, options.seedList(), List.of(chart), effects);
    }

    /**
     * {max |z_net − (W x + b)|, that divided by max |z_net|} on random inputs, where z_net is the
     * output layer's pre-activation and W, b the collapsed map in double precision.
     */
    static double[] collapseDifference(Network net, long seed) {
        List<DenseLayer> layers = net.layers();
        int inputs = layers.get(0).inputs();
        // Collapse: start with the identity map and fold each layer in: W ← W_l W, b ← W_l b + b_l.
        double[][] w = new double[inputs][inputs];
        double[] b = new double[inputs];
        for (int i = 0; i < inputs; i++) {
            w[i][i] = 1;
        }
        for (DenseLayer layer : layers) {
            int units = layer.units();
            int fanIn = layer.inputs();
            float[] lw = layer.weights();
            float[] lb = layer.bias();
            double[][] nw = new double[units][inputs];
            double[] nb = new double[units];
            for (int u = 0; u < units; u++) {
                double bias = lb[u];
                for (int k = 0; k < fanIn; k++) {
                    double weight = lw[u * fanIn + k];
                    bias += weight * b[k];
                    for (int j = 0; j < inputs; j++) {
                        nw[u][j] += weight * w[k][j];
                    }
                }
                nb[u] = bias;
            }
            w = nw;
            b = nb;
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        float[] x = new float[RANDOM_INPUTS * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3 * Lab.gaussian(rng));
        }
        List<Network.LayerTrace> trace = net.trace(x, RANDOM_INPUTS);
        Network.LayerTrace out = trace.get(trace.size() - 1);
        int outputs = w.length;
        double maxDifference = 0;
        double maxMagnitude = 0;
        for (int r = 0; r < RANDOM_INPUTS; r++) {
            for (int o = 0; o < outputs; o++) {
                double collapsed = b[o];
                for (int j = 0; j < inputs; j++) {
                    collapsed += w[o][j] * x[r * inputs + j];
                }
                double z = out.z()[r * outputs + o];
                maxDifference = Math.max(maxDifference, Math.abs(z - collapsed));
                maxMagnitude = Math.max(maxMagnitude, Math.abs(z));
            }
        }
        return new double[] {maxDifference, maxMagnitude > 0 ? maxDifference / maxMagnitude : maxDifference};
    }
}
