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
public final class LinearCollapse implements Experiment {

    /** Largest relative difference |z_net − (W x + b)| / max|z| for "equal up to float32 rounding". */
    static final double COLLAPSE_TOLERANCE = 1e-4;
    /** A relative difference above this contradicts the collapse. */
    static final double COLLAPSE_CONTRADICTED = 1e-2;
    /** Chance accuracy on the balanced xor and circle sets. */
    static final double CHANCE = 0.5;
    /** "Near chance": a linear network's mean test accuracy at most chance plus this. */
    static final double NEAR_CHANCE_MARGIN = 0.2;
    /** A non-linear hidden layer must reach at least this mean test accuracy on each set. */
    static final double NONLINEAR_MIN_ACCURACY = 0.9;
    /** The claim is contradicted when a linear network comes this close to the non-linear one (or beats it). */
    static final double CONTRADICTION_GAP = 0.05;

    private static final List<String> SETS = List.of("xor", "circle");
    private static final int WIDTH = 8;
    private static final int NONLINEAR_WIDTH = 16;
    private static final String NONLINEAR = "tanh";
    private static final int RANDOM_INPUTS = 1000;

    @Override
    public String name() {
        return "linear-collapse";
    }

    @Override
    public String claim() {
        return "Without a non-linear activation, a network of any depth is one linear map W x + b: "
                + "deep linear networks cannot fit xor or circle, while one non-linear hidden layer can.";
    }

    @Override
    public String setup() {
        return "xor and circle (400 training rows, 400 test rows, noise 0); linear networks with 1..5 hidden identity "
                + "layers of " + WIDTH + " units (quick: 1, 3, 5) against one " + NONLINEAR + " layer of "
                + NONLINEAR_WIDTH + " units; sigmoid output, binary cross-entropy, Adam at 0.01, batch 20, 100 epochs "
                + "(quick: 200 rows, 40 epochs). The collapsed W x + b is computed from each trained linear network's "
                + "weights and compared with its output pre-activation on " + RANDOM_INPUTS + " random inputs N(0, 3²).";
    }

    @Override
    public String criterion() {
        return String.format(Locale.ROOT, "Supported when the largest relative |deep − collapsed| is at most %s, every "
                        + "linear network's mean test accuracy is at most %.2f (chance %.1f + %.1f), and the %s layer "
                        + "reaches at least %.2f on each set. Not supported when the difference exceeds %s or a linear "
                        + "network comes within %.2f of the non-linear one's accuracy.",
                Figures.format(COLLAPSE_TOLERANCE), CHANCE + NEAR_CHANCE_MARGIN, CHANCE, NEAR_CHANCE_MARGIN, NONLINEAR,
                NONLINEAR_MIN_ACCURACY, Figures.format(COLLAPSE_CONTRADICTED), CONTRADICTION_GAP);
    }

    /**
     * The verdict from the figures.
     *
     * @param maxRelativeDifference the largest relative collapse difference over all linear networks
     * @param bestLinearAccuracy    the best mean test accuracy of any linear network on any set
     * @param worstNonlinearAccuracy the worst mean test accuracy of the non-linear network over the sets
     */
    static Verdict judge(double maxRelativeDifference, double bestLinearAccuracy, double worstNonlinearAccuracy) {
        boolean collapses = maxRelativeDifference <= COLLAPSE_TOLERANCE;
        boolean linearFails = bestLinearAccuracy <= CHANCE + NEAR_CHANCE_MARGIN;
        boolean nonlinearFits = worstNonlinearAccuracy >= NONLINEAR_MIN_ACCURACY;
        boolean contradicted = !(maxRelativeDifference <= COLLAPSE_CONTRADICTED)
                || bestLinearAccuracy >= worstNonlinearAccuracy - CONTRADICTION_GAP;
        return Verdict.of(collapses && linearFails && nonlinearFits, contradicted);
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
        for (String set : SETS) {
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

        for (String set : SETS) {
            Map<String, Object> row = new LinkedHashMap<>();
            List<Double> linearMeans = new ArrayList<>();
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
                bestLinear = Math.max(bestLinear, summary.mean());
            }
            double[] nonlinear = new double[options.seeds()];
            for (int s = 0; s < options.seeds(); s++) {
                nonlinear[s] = done.get(trial(set, 0, options.quick(), options.seed(s))).number("accuracy");
            }
            Summary nonlinearSummary = Summary.of(nonlinear);
            row.put("1 " + NONLINEAR + " layer", nonlinearSummary);
            worstNonlinear = Math.min(worstNonlinear, Double.isNaN(nonlinearSummary.mean()) ? 0 : nonlinearSummary.mean());
            accuracyTable.put(set, row);

            double[] x = Lab.doubles(depths);
            series.add(new Chart.Series(set + ": linear", x, Lab.doubles(linearMeans)));
            double[] flat = new double[x.length];
            Arrays.fill(flat, nonlinearSummary.mean());
            series.add(new Chart.Series(set + ": 1 " + NONLINEAR + " layer", x, flat));
        }
        collapseTable.put("max |deep − collapsed|", maxAbsolute);
        collapseTable.put("max relative difference", maxRelative);

        Verdict verdict = judge(maxRelative, bestLinear, worstNonlinear);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "collapse diff %s; best linear acc %s; worst %s acc %s",
                Figures.format(maxRelative), Figures.format(bestLinear), NONLINEAR, Figures.format(worstNonlinear)));
        figures.put("collapse", collapseTable);
        figures.put("best linear test accuracy", bestLinear);
        figures.put("worst non-linear test accuracy", worstNonlinear);
        figures.put("test accuracy (mean ± std [min, max] over seeds)", accuracyTable);
        Chart chart = Chart.lines("Test accuracy against depth", "hidden identity layers", "test accuracy",
                false, false, series);
        return new ExperimentResult(name(), claim(), setup() + (options.quick() ? " (quick run)" : ""), criterion(),
                verdict, figures, options.seedList(), List.of(chart));
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
