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
public final class VanishingGradients extends StatedExperiment {

    /** The logistic ratio at the deepest depth must be at most 10^this. */
    static final double SIGMOID_MAX_LOG_RATIO = -3;
    /** ReLU and leaky ReLU must keep a ratio at least 10^this times the logistic one. */
    static final double RELU_MIN_LOG_ADVANTAGE = 2;

    private static final List<String> ACTIVATIONS = List.of("sigmoid", "tanh", "relu", "leaky_relu");
    /**
     * Init gains of the mechanism analysis: Glorot scaling (1) and 4× it, which compensates σ' ≤ ¼. If the
     * gradient vanishes at gain 1 with almost no unit saturated, the slope bound is the mechanism; if the
     * larger gain saturates units, saturation adds to it.
     */
    static final List<Double> GAINS = List.of(1.0, 4.0);
    /** Below this saturated share of hidden pairs, saturation is not the mechanism. */
    static final double FEW_SATURATED = 0.05;
    private static final int WIDTH = 16;

    public VanishingGradients() {
        super("vanishing-gradients",
                "Gradients vanish in deep networks of saturating activations: with the logistic function the first "
                        + "layer's gradient is orders of magnitude smaller than the last layer's, while ReLU and leaky ReLU keep it.",
                "circle (200 rows, noise 0); networks of 2, 5, 10, 20 hidden layers (quick: 2, 5, 10) of " + WIDTH
                        + " units with sigmoid, tanh, relu, leaky_relu; Glorot-normal initialisation for sigmoid and tanh, "
                        + "He-normal for the ReLU family, zero biases; sigmoid output, binary cross-entropy. Full-batch gradient "
                        + "norm of every layer at initialisation (Diagnostics.inspect); after 20 epochs of Adam at 0.01, batch 20 (quick: 5 "
                        + "epochs), the diagnostics' gradient ratio of the last epoch (mean mini-batch norms, as train --diagnose). "
                        + "Mechanisms apart: the deepest sigmoid network at init gains " + GAINS + " (weights × gain): the "
                        + "saturated share of hidden pairs and the slope bound Σ log10 mean σ'(z), side by side.",
                String.format(Locale.ROOT, "At the deepest depth, at initialisation, per seed: (1) the logistic network's "
                                + "log₁₀(first/last) below %.0f (t interval over seeds, 95%%); (2) relu minus logistic log₁₀ ratio "
                                + "above %.0f decades, paired by seed (paired t interval). Supported when both intervals clear their "
                                + "margins, not supported when either lies wholly on the other side. Control: the same measure (1) on "
                                + "the relu network must not come out below %.0f.",
                        SIGMOID_MAX_LOG_RATIO, RELU_MIN_LOG_ADVANTAGE, SIGMOID_MAX_LOG_RATIO));
    }

    /** The pre-registered effects from per-seed log₁₀ ratios at the deepest depth, at initialisation. */
    static List<Effect> effects(double[] sigmoid, double[] relu) {
        return List.of(
                Effect.ofSeeds("log10 first/last gradient, sigmoid", Effect.Role.claim, Effect.Direction.below,
                        SIGMOID_MAX_LOG_RATIO, sigmoid),
                Effect.paired("log10 ratio relu − sigmoid (decades)", Effect.Role.claim, Effect.Direction.above,
                        RELU_MIN_LOG_ADVANTAGE, relu, sigmoid),
                Effect.ofSeeds("log10 first/last gradient, relu", Effect.Role.control, Effect.Direction.below,
                        SIGMOID_MAX_LOG_RATIO, relu));
    }

    private static List<Integer> depths(boolean quick) {
        return quick ? List.of(2, 5, 10) : List.of(2, 5, 10, 20);
    }

    private Trial trial(String activation, int depth, boolean quick, long seed) {
        return Trial.of(name(), "gradient-ratio").with("activation", activation).with("depth", depth)
                .with("epochs", quick ? 5 : 20).with("seed", seed).build();
    }

    private Trial mechanismTrial(double gain, int depth, long seed) {
        return Trial.of(name(), "mechanism").with("activation", "sigmoid").with("depth", depth).with("gain", gain)
                .with("seed", seed).build();
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        List<Integer> depths = depths(options.quick());
        for (double gain : GAINS) {
            for (int s = 0; s < options.seeds(); s++) {
                trials.add(mechanismTrial(gain, depths.get(depths.size() - 1), options.seed(s)));
            }
        }
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
        if (trial.measure().equals("mechanism")) {
            return runMechanism(trial);
        }
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

    /**
     * At initialisation, weights multiplied by the gain: the log₁₀ gradient ratio, the saturated share of
     * hidden pairs (diagnostics' definition), and the slope bound Σ_l log₁₀ mean_rows,units σ'(z) over the
     * hidden layers — how many decades the product of the layers' mean slopes alone takes off.
     */
    private TrialResult runMechanism(Trial trial) {
        long seed = trial.seed();
        Dataset data = Lab.data("circle", 200, 0, seed);
        Network net = Network.create(Lab.binary(2, Lab.hidden(trial.integer("depth"), WIDTH, "sigmoid"),
                Lab.initFor("sigmoid"), "zeros"), seed);
        float gain = (float) trial.number("gain");
        for (var layer : net.layers()) {
            float[] w = layer.weights();
            for (int i = 0; i < w.length; i++) {
                w[i] *= gain;
            }
        }
        HealthReport atInit = HealthFigures.inspect(net, data);
        List<Network.LayerTrace> traces = net.trace(data.x(), data.n());
        double slopeDecades = 0;
        for (int l = 0; l < net.layers().size() - 1; l++) {
            Network.LayerTrace t = traces.get(l);
            var f = net.layers().get(l).activation();
            int values = t.n() * net.layers().get(l).units();
            double sum = 0;
            for (int i = 0; i < values; i++) {
                sum += f.derivative(t.z()[i]);
            }
            slopeDecades += Math.log10(sum / values);
        }
        return TrialResult.of(trial).put("log ratio", Math.log10(atInit.gradientRatio()))
                .put("saturated", HealthFigures.hiddenSaturatedShare(atInit)).put("slope decades", slopeDecades).build();
    }

    /** The mechanism table: per gain, the log ratio, saturated share and slope bound, and which mechanism acts. */
    private Map<String, Object> mechanisms(RunOptions options, Trials.Lookup done, int deepest) {
        Map<String, Object> table = new LinkedHashMap<>();
        for (double gain : GAINS) {
            Trials.Seeds runs = done.seeds(options, seed -> mechanismTrial(gain, deepest, seed));
            double[] ratio = runs.number("log ratio");
            double[] saturated = runs.number("saturated");
            double[] slope = runs.number("slope decades");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("log10 first/last gradient", Summary.of(ratio));
            row.put("saturated share of hidden pairs", Summary.of(saturated));
            row.put("slope bound: Σ log10 mean σ'(z) over hidden layers", Summary.of(slope));
            double meanSaturated = Summary.of(saturated).mean();
            row.put("mechanism", meanSaturated < FEW_SATURATED
                    ? "slope bound (σ' ≤ ¼ compounded): under " + Math.round(100 * FEW_SATURATED) + "% of units saturated"
                    : "saturation as well: " + Figures.percent(meanSaturated) + " of hidden pairs saturated");
            table.put("sigmoid, init gain " + Figures.format(gain), row);
        }
        return table;
    }

    @Override
    public ExperimentResult reduce(RunOptions options, List<TrialResult> results) {
        Trials.Lookup done = new Trials.Lookup(results);
        List<Integer> depths = depths(options.quick());
        int deepest = depths.get(depths.size() - 1);

        Map<String, Object> initTable = new LinkedHashMap<>();
        Map<String, Object> trainedTable = new LinkedHashMap<>();
        Map<String, Double> deepestInit = new LinkedHashMap<>();
        Map<String, double[]> deepestSeeds = new LinkedHashMap<>();
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
                    deepestSeeds.put(activation, initLog);
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
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "first/last gradient norm at depth %d: sigmoid %s, tanh %s, relu %s, leaky_relu %s",
                deepest, Figures.format(Math.pow(10, sigmoid)), Figures.format(Math.pow(10, deepestInit.get("tanh"))),
                Figures.format(Math.pow(10, deepestInit.get("relu"))),
                Figures.format(Math.pow(10, deepestInit.get("leaky_relu")))));
        figures.put("log10 first/last gradient norm at depth " + deepest + ", initialisation", deepestInit);
        figures.put("log10 first/last gradient norm at initialisation (mean ± std [min, max] over seeds)", initTable);
        figures.put("mechanisms apart at depth " + deepest + ", initialisation (mean ± std [min, max] over seeds)",
                mechanisms(options, done, deepest));
        figures.put("log10 first/last gradient norm after training", trainedTable);
        figures.put("‖∂L/∂W_l‖ per layer at depth " + deepest + ", initialisation (geometric mean over seeds)", perLayerTable);

        List<Chart> charts = List.of(
                Chart.lines("First/last layer gradient ratio at initialisation against depth", "hidden layers",
                        "‖∂L/∂W_first‖ / ‖∂L/∂W_last‖", false, true, depthSeries),
                Chart.lines("Gradient norm per layer at initialisation, depth " + deepest, "layer (1 = first hidden)",
                        "‖∂L/∂W_l‖ (geometric mean over seeds)", false, true, layerSeries));
        return result(options, figures, options.seedList(), charts, effects(deepestSeeds.get("sigmoid"), deepestSeeds.get("relu")));
    }
}
