package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.data.Dataset;
import org.actlab.diagnose.Diagnostics;
import org.actlab.diagnose.HealthReport;
import org.actlab.nn.Network;
import org.actlab.nn.Trainer;

/**
 * Claim 4: back-propagation multiplies the gradient by f'(z) once per layer; with the logistic
 * function (f' ≤ 1/4) the gradient reaching the first layer shrinks geometrically with depth, while
 * ReLU and leaky ReLU (f' = 1 where active) keep it.
 *
 * <p>Figure: log₁₀ of the diagnostics' gradient ratio ‖∂L/∂W_first‖ / ‖∂L/∂W_output‖ (first hidden
 * layer over output layer): at initialisation from one full-batch gradient ({@code Diagnostics.inspect}),
 * after training the mean mini-batch norms over the last epoch, as {@code train --diagnose} prints it.
 */
public final class VanishingGradients implements Experiment {

    /** The logistic ratio at the deepest depth must be at most 10^this. */
    static final double SIGMOID_MAX_LOG_RATIO = -3;
    /** ReLU and leaky ReLU must keep a ratio at least 10^this times the logistic one. */
    static final double RELU_MIN_LOG_ADVANTAGE = 2;
    /** A logistic ratio of at least 10^this at the deepest depth contradicts the claim. */
    static final double SIGMOID_CONTRADICTED_LOG_RATIO = -1;

    private static final List<String> ACTIVATIONS = List.of("sigmoid", "tanh", "relu", "leaky_relu");
    private static final int WIDTH = 16;

    @Override
    public String name() {
        return "vanishing-gradients";
    }

    @Override
    public String claim() {
        return "Gradients vanish in deep networks of saturating activations: with the logistic function the first "
                + "layer's gradient is orders of magnitude smaller than the last layer's, while ReLU and leaky ReLU keep it.";
    }

    @Override
    public String setup() {
        return "circle (200 rows, noise 0); networks of 2, 5, 10, 20 hidden layers (quick: 2, 5, 10) of " + WIDTH
                + " units with sigmoid, tanh, relu, leaky_relu; Glorot-normal initialisation for sigmoid and tanh, "
                + "He-normal for the ReLU family, zero biases; sigmoid output, binary cross-entropy. Full-batch gradient "
                + "norm of every layer at initialisation (Diagnostics.inspect); after 20 epochs of Adam at 0.01, batch 20 (quick: 5 "
                + "epochs), the diagnostics' gradient ratio of the last epoch (mean mini-batch norms, as train --diagnose).";
    }

    @Override
    public String criterion() {
        return String.format(Locale.ROOT, "At the deepest depth, at initialisation: supported when the logistic network's "
                        + "mean log₁₀(first/last) is at most %.0f and both relu and leaky_relu are at least %.0f decades "
                        + "above it. Not supported when the logistic value is at least %.0f or relu or leaky_relu is not "
                        + "above it.",
                SIGMOID_MAX_LOG_RATIO, RELU_MIN_LOG_ADVANTAGE, SIGMOID_CONTRADICTED_LOG_RATIO);
    }

    /** The verdict from mean log₁₀ ratios at the deepest depth, at initialisation. */
    static Verdict judge(double sigmoidLogRatio, double reluLogRatio, double leakyLogRatio) {
        double reluFamily = Math.min(reluLogRatio, leakyLogRatio);
        boolean supported = sigmoidLogRatio <= SIGMOID_MAX_LOG_RATIO
                && reluFamily - sigmoidLogRatio >= RELU_MIN_LOG_ADVANTAGE;
        boolean contradicted = !(sigmoidLogRatio < SIGMOID_CONTRADICTED_LOG_RATIO) || !(reluFamily > sigmoidLogRatio);
        return Verdict.of(supported, contradicted);
    }

    private static List<Integer> depths(boolean quick) {
        return quick ? List.of(2, 5, 10) : List.of(2, 5, 10, 20);
    }

    private Trial trial(String activation, int depth, boolean quick, long seed) {
        return Trial.of(name(), "gradient-ratio").with("activation", activation).with("depth", depth)
                .with("epochs", quick ? 5 : 20).with("seed", seed).build();
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        for (String activation : ACTIVATIONS) {
            for (int depth : depths(options.quick())) {
                for (int s = 0; s < options.seeds(); s++) {
                    trials.add(trial(activation, depth, options.quick(), options.seed(s)));
                }
            }
        }
        return trials;
    }

    /**
     * Measures the gradient norm of every layer at initialisation ({@code init norms}), then trains
     * and measures the last epoch's log₁₀ gradient ratio ({@code trained log ratio}, NaN when training
     * diverged).
     */
    @Override
    public TrialResult runTrial(Trial trial) {
        String activation = trial.text("activation");
        int epochs = trial.integer("epochs");
        long seed = trial.seed();
        Dataset data = Lab.data("circle", 200, 0, seed);
        Network net = Network.create(Lab.binary(2, Lab.hidden(trial.integer("depth"), WIDTH, activation),
                Lab.initFor(activation), "zeros"), seed);
        HealthReport atInit = HealthFigures.inspect(net, data);
        double initLog = Math.log10(atInit.gradientRatio());
        double[] init = HealthFigures.gradientNorms(atInit);
        Diagnostics diagnostics = HealthFigures.listener(data, epochs);
        var result = new Trainer(net, Lab.adam(epochs, 20, 0.01, seed), data, null).addListener(diagnostics).run();
        double trainedLog = result.stopped() == null ? Math.log10(HealthFigures.last(diagnostics).gradientRatio()) : Double.NaN;
        return TrialResult.of(trial).put("init log ratio", initLog).put("init norms", init)
                .put("trained log ratio", trainedLog).build();
    }

    @Override
    public ExperimentResult reduce(RunOptions options, List<TrialResult> results) {
        Trials.Lookup done = new Trials.Lookup(results);
        List<Integer> depths = depths(options.quick());
        int deepest = depths.get(depths.size() - 1);

        Map<String, Object> initTable = new LinkedHashMap<>();
        Map<String, Object> trainedTable = new LinkedHashMap<>();
        Map<String, Double> deepestInit = new LinkedHashMap<>();
        Map<String, Object> perLayerTable = new LinkedHashMap<>();
        List<Chart.Series> depthSeries = new ArrayList<>();
        List<Chart.Series> layerSeries = new ArrayList<>();

        for (String activation : ACTIVATIONS) {
            Map<String, Object> initRow = new LinkedHashMap<>();
            Map<String, Object> trainedRow = new LinkedHashMap<>();
            double[] initMeans = new double[depths.size()];
            for (int d = 0; d < depths.size(); d++) {
                int depth = depths.get(d);
                double[] initLog = new double[options.seeds()];
                double[] trainedLog = new double[options.seeds()];
                double[] perLayerLog = new double[depth + 1];
                for (int s = 0; s < options.seeds(); s++) {
                    TrialResult r = done.get(trial(activation, depth, options.quick(), options.seed(s)));
                    initLog[s] = r.number("init log ratio");
                    double[] init = r.numbers("init norms");
                    for (int l = 0; l < init.length; l++) {
                        perLayerLog[l] += Math.log10(init[l]) / options.seeds();
                    }
                    trainedLog[s] = r.number("trained log ratio");
                }
                Summary init = Summary.of(initLog);
                initRow.put("depth " + depth, init);
                trainedRow.put("depth " + depth, Summary.of(trainedLog));
                initMeans[d] = init.mean();
                if (depth == deepest) {
                    deepestInit.put(activation, init.mean());
                    double[] layerIndex = new double[depth + 1];
                    double[] layerNorm = new double[depth + 1];
                    Map<String, Object> perLayer = new LinkedHashMap<>();
                    for (int l = 0; l <= depth; l++) {
                        layerIndex[l] = l + 1;
                        layerNorm[l] = Math.pow(10, perLayerLog[l]);
                        perLayer.put(l == depth ? "output" : "layer " + (l + 1), layerNorm[l]);
                    }
                    perLayerTable.put(activation, perLayer);
                    layerSeries.add(new Chart.Series(activation, layerIndex, layerNorm));
                }
            }
            initTable.put(activation, initRow);
            trainedTable.put(activation, trainedRow);
            double[] ratios = new double[initMeans.length];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = Math.pow(10, initMeans[i]);
            }
            depthSeries.add(new Chart.Series(activation, Lab.doubles(depths), ratios));
        }

        double sigmoid = deepestInit.get("sigmoid");
        Verdict verdict = judge(sigmoid, deepestInit.get("relu"), deepestInit.get("leaky_relu"));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "first/last gradient norm at depth %d: sigmoid %s, tanh %s, relu %s, leaky_relu %s",
                deepest, Figures.format(Math.pow(10, sigmoid)), Figures.format(Math.pow(10, deepestInit.get("tanh"))),
                Figures.format(Math.pow(10, deepestInit.get("relu"))),
                Figures.format(Math.pow(10, deepestInit.get("leaky_relu")))));
        figures.put("log10 first/last gradient norm at depth " + deepest + ", initialisation", deepestInit);
        figures.put("log10 first/last gradient norm at initialisation (mean ± std [min, max] over seeds)", initTable);
        figures.put("log10 first/last gradient norm after training", trainedTable);
        figures.put("‖∂L/∂W_l‖ per layer at depth " + deepest + ", initialisation (geometric mean over seeds)", perLayerTable);

        List<Chart> charts = List.of(
                Chart.lines("First/last layer gradient ratio at initialisation against depth", "hidden layers",
                        "‖∂L/∂W_first‖ / ‖∂L/∂W_last‖", false, true, depthSeries),
                Chart.lines("Gradient norm per layer at initialisation, depth " + deepest, "layer (1 = first hidden)",
                        "‖∂L/∂W_l‖ (geometric mean over seeds)", false, true, layerSeries));
        return new ExperimentResult(name(), claim(), setup() + (options.quick() ? " (quick run)" : ""), criterion(),
                verdict, figures, options.seedList(), charts);
    }
}
