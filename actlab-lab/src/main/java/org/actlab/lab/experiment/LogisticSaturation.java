package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.activation.Activation;
import org.actlab.data.Dataset;
import org.actlab.diagnose.HealthReport;
import org.actlab.nn.DenseLayer;
import org.actlab.nn.Network;

/**
 * Claim 3: the logistic function σ(z) = 1/(1 + e^−z) saturates: σ'(z) = σ(z)(1 − σ(z)) ≤ 1/4 falls
 * to 0 as |z| grows, so large initial weights put units where no gradient flows; small ones avoid it.
 *
 * <p>Saturation is the diagnostics' definition ({@link HealthFigures#CONFIG}, as in
 * {@code train --diagnose}): a (row, unit) pair is saturated when σ'(z) &lt; 0.01 · max σ' = 0.0025,
 * that is |z| &gt; 5.99.
 */
public final class LogisticSaturation extends StatedExperiment {

    /** The small scale of the criterion: the control arm. */
    static final double SMALL_SCALE = 0.1;
    /**
     * The large scale of the criterion. An earlier version of this experiment raised its bar from s ≥ 3
     * to s ≥ 10 after a run measured 49.3% at s = 3 against a 50% bar; that was a threshold moved after
     * seeing the result, so the criterion is back at the scale first stated, s = 3, and s = 10 is shown
     * as a figure only.
     */
    static final double LARGE_SCALE = 3;
    /** "Most units": the saturated share at the large scale must exceed this. */
    static final double MOST = 0.5;

    private static final String ACTIVATION = "sigmoid";
    private static final int WIDTH = 32;
    private static final int DEPTH = 2;

    public LogisticSaturation() {
        super("logistic-saturation",
                "The logistic function saturates: with large initial weights most units sit where σ'(z) ≈ 0 and "
                        + "gradients are small; small initial weights avoid saturation.",
                "circle (200 rows, noise 0); 2 → " + WIDTH + " → " + WIDTH + " logistic → 1 sigmoid; every weight drawn "
                        + "from N(0, s²), biases 0, for s = 0.01, 0.03, 0.1, 0.3, 1, 3, 10 (quick: 0.01, 0.1, 1, 3, 10). Measured at "
                        + "initialisation over the data, by the diagnostics (Diagnostics.inspect, as train --diagnose): the share of "
                        + "(row, hidden unit) pairs with σ'(z) < 0.01·max σ' (|z| > 5.99), the share of hidden units saturated on "
                        + "≥ 99% of the rows, and the full-batch gradient norm of the first layer; and the mean σ'(z).",
                String.format(Locale.ROOT, "Saturated share = share of (row, hidden unit) pairs with σ'(z) < 0.01·max σ' "
                                + "(train --diagnose's sat%%), per seed. Supported when its interval at s = %s lies above %.0f%% "
                                + "(\"most units\"; t interval over seeds, 95%%), not supported when it lies below. Control: the "
                                + "same measure at s = %s must not come out above %.0f%%.",
                        Figures.format(LARGE_SCALE), 100 * MOST, Figures.format(SMALL_SCALE), 100 * MOST));
    }

    /** The pre-registered effects from per-seed saturated shares at the large and the small scale. */
    static List<Effect> effects(double[] large, double[] small) {
        return List.of(
                Effect.ofSeeds("saturated share at s = " + Figures.format(LARGE_SCALE), Effect.Role.claim,
                        Effect.Direction.above, MOST, large),
                Effect.ofSeeds("saturated share at s = " + Figures.format(SMALL_SCALE), Effect.Role.control,
                        Effect.Direction.above, MOST, small));
    }

    private static List<Double> scales(boolean quick) {
        return quick ? List.of(0.01, 0.1, 1.0, 3.0, 10.0) : List.of(0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0);
    }

    private Trial trial(double scale, long seed) {
        return Trial.of(name(), "at-init").with("scale", scale).with("seed", seed).build();
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        for (double scale : scales(options.quick())) {
            for (int s = 0; s < options.seeds(); s++) {
                trials.add(trial(scale, options.seed(s)));
            }
        }
        return trials;
    }

    /** Draws the weights at one scale; measures saturation, mean σ′ and the first layer's gradient norm at initialisation. */
    @Override
    public TrialResult runTrial(Trial trial) {
        double scale = trial.number("scale");
        long seed = trial.seed();
        Dataset data = Lab.data("circle", 200, 0, seed);
        Network net = Network.create(Lab.binary(2, Lab.hidden(DEPTH, WIDTH, ACTIVATION), "xavier_normal", "zeros"), seed);
        long layerSeed = seed * 31;
        for (DenseLayer layer : net.layers()) {
            Lab.fillNormal(layer.weights(), scale, layerSeed++);
            Arrays.fill(layer.bias(), 0f);
        }
        HealthReport health = HealthFigures.inspect(net, data);
        return TrialResult.of(trial)
                .put("saturated", HealthFigures.hiddenSaturatedShare(health))
                .put("saturated units", HealthFigures.hiddenSaturatedUnits(health))
                .put("derivative", meanHiddenDerivative(net, data))
                .put("gradient", HealthFigures.gradientNorms(health)[0])
                .build();
    }

    @Override
    public ExperimentResult reduce(RunOptions options, List<TrialResult> results) {
        Trials.Lookup done = new Trials.Lookup(results);
        List<Double> scales = scales(options.quick());
        Map<String, Object> table = new LinkedHashMap<>();
        double[] saturatedMeans = new double[scales.size()];
        double[] derivativeMeans = new double[scales.size()];
        double[] gradientMeans = new double[scales.size()];
        Map<Double, double[]> saturatedBySeed = new LinkedHashMap<>();

        for (int i = 0; i < scales.size(); i++) {
            double scale = scales.get(i);
            Trials.Seeds runs = done.seeds(options, seed -> trial(scale, seed));
            double[] saturated = runs.number("saturated");
            double[] saturatedUnits = runs.number("saturated units");
            double[] derivative = runs.number("derivative");
            double[] gradient = runs.number("gradient");
            saturatedBySeed.put(scale, saturated);
            Map<String, Object> row = new LinkedHashMap<>();
            Summary sat = Summary.of(saturated);
            Summary der = Summary.of(derivative);
            Summary grad = Summary.of(gradient);
            row.put("saturated share", sat);
            row.put("saturated units", Summary.of(saturatedUnits));
            row.put("mean σ'(z)", der);
            row.put("first-layer ‖∂L/∂W‖", grad);
            table.put("s = " + scale, row);
            saturatedMeans[i] = sat.mean();
            derivativeMeans[i] = der.mean();
            gradientMeans[i] = grad.mean();
        }

        int last = scales.size() - 1;
        double derivativeRatio = derivativeMeans[last] / derivativeMeans[0];
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT, "saturated %s at s=%s vs %s at s=%s",
                Figures.percent(saturatedMeans[0]), Figures.format(scales.get(0)),
                Figures.percent(saturatedMeans[last]), Figures.format(scales.get(last))));
        figures.put("mean σ'(z) ratio largest/smallest scale", derivativeRatio);
        figures.put("by weight scale (mean ± std [min, max] over seeds)", table);

        double[] x = Lab.doubles(scales);
        List<Chart> charts = new ArrayList<>();
        charts.add(Chart.lines("Saturation and mean derivative against the initial weight scale", "weight std s",
                "share / mean σ'(z)", true, false, List.of(
                        new Chart.Series("saturated share", x, saturatedMeans),
                        new Chart.Series("mean σ'(z) (max 0.25)", x, derivativeMeans))));
        charts.add(Chart.lines("First-layer gradient norm against the initial weight scale", "weight std s",
                "‖∂L/∂W₁‖", true, true, List.of(new Chart.Series("first layer", x, gradientMeans))));
        return result(options, figures, options.seedList(), charts,
                effects(saturatedBySeed.get(LARGE_SCALE), saturatedBySeed.get(SMALL_SCALE)));
    }

    /** The mean f'(z) over every (row, hidden unit) pair of the network on the data. */
    static double meanHiddenDerivative(Network net, Dataset data) {
        List<Network.LayerTrace> traces = net.trace(data.x(), data.n());
        List<DenseLayer> layers = net.layers();
        long count = 0;
        double derivativeSum = 0;
        for (int l = 0; l < layers.size() - 1; l++) {
            Activation f = layers.get(l).activation();
            Network.LayerTrace t = traces.get(l);
            int values = t.n() * layers.get(l).units();
            for (int i = 0; i < values; i++) {
                derivativeSum += f.derivative(t.z()[i]);
                count++;
            }
        }
        return derivativeSum / count;
    }
}
