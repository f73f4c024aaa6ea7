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
public final class LogisticSaturation implements Experiment {

    /** Scales at or below this are "small". */
    static final double SMALL_SCALE = 0.1;
    /**
     * Scales at or above this are "large". Saturation needs |z| &gt; 5.99; with N(0, s²) weights the
     * second layer's z has a standard deviation of about s·√(Σ_k a_k²) ≈ 3.6 s (32 logistic inputs with
     * mean square ≈ 0.4), so its median |z| ≈ 0.67 × 3.6 s passes 5.99 only near s = 2.5, and the first
     * layer (|x| ≤ 5) later still: s = 3 sits at about one half, s = 10 is clearly large.
     */
    static final double LARGE_SCALE = 10;
    /** Small scales must leave at most this share of (row, hidden unit) pairs saturated. */
    static final double SMALL_MAX_SATURATED = 0.05;
    /** Large scales must saturate at least this share. */
    static final double LARGE_MIN_SATURATED = 0.5;
    /** Mean σ'(z) at the largest scale must be at most this fraction of that at the smallest. */
    static final double DERIVATIVE_DROP = 0.5;

    private static final String ACTIVATION = "sigmoid";
    private static final int WIDTH = 32;
    private static final int DEPTH = 2;

    @Override
    public String name() {
        return "logistic-saturation";
    }

    @Override
    public String claim() {
        return "The logistic function saturates: with large initial weights most units sit where σ'(z) ≈ 0 and "
                + "gradients are small; small initial weights avoid saturation.";
    }

    @Override
    public String setup() {
        return "circle (200 rows, noise 0); 2 → " + WIDTH + " → " + WIDTH + " logistic → 1 sigmoid; every weight drawn "
                + "from N(0, s²), biases 0, for s = 0.01, 0.03, 0.1, 0.3, 1, 3, 10 (quick: 0.01, 0.1, 1, 10). Measured at "
                + "initialisation over the data, by the diagnostics (Diagnostics.inspect, as train --diagnose): the share of "
                + "(row, hidden unit) pairs with σ'(z) < 0.01·max σ' (|z| > 5.99), the share of hidden units saturated on "
                + "≥ 99% of the rows, and the full-batch gradient norm of the first layer; and the mean σ'(z).";
    }

    @Override
    public String criterion() {
        return String.format(Locale.ROOT, "Saturated share = share of (row, hidden unit) pairs with σ'(z) < 0.01·max σ' "
                        + "(train --diagnose's sat%%). Supported when every scale ≤ %s has a saturated share of at most "
                        + "%.0f%%, every scale ≥ %s at least %.0f%%, and the mean σ'(z) at the largest scale is at most %.2f× "
                        + "that at the smallest. Not supported when the smallest scale saturates at least as much as the "
                        + "largest or more than %.0f%% of pairs.",
                Figures.format(SMALL_SCALE), 100 * SMALL_MAX_SATURATED, Figures.format(LARGE_SCALE), 100 * LARGE_MIN_SATURATED, DERIVATIVE_DROP,
                100 * LARGE_MIN_SATURATED);
    }

    /**
     * The verdict.
     *
     * @param smallSaturated   the largest mean saturated share over the small scales
     * @param largeSaturated   the smallest mean saturated share over the large scales
     * @param smallestScaleSaturated the mean saturated share at the smallest scale
     * @param largestScaleSaturated  the same at the largest scale
     * @param derivativeRatio  mean σ'(z) at the largest scale over that at the smallest
     */
    static Verdict judge(double smallSaturated, double largeSaturated, double smallestScaleSaturated,
                         double largestScaleSaturated, double derivativeRatio) {
        boolean supported = smallSaturated <= SMALL_MAX_SATURATED && largeSaturated >= LARGE_MIN_SATURATED
                && derivativeRatio <= DERIVATIVE_DROP;
        boolean contradicted = !(smallestScaleSaturated < largestScaleSaturated)
                || smallestScaleSaturated > LARGE_MIN_SATURATED;
        return Verdict.of(supported, contradicted);
    }

    private static List<Double> scales(boolean quick) {
        return quick ? List.of(0.01, 0.1, 1.0, 10.0) : List.of(0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0);
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

        for (int i = 0; i < scales.size(); i++) {
            double scale = scales.get(i);
            double[] saturated = new double[options.seeds()];
            double[] saturatedUnits = new double[options.seeds()];
            double[] derivative = new double[options.seeds()];
            double[] gradient = new double[options.seeds()];
            for (int s = 0; s < options.seeds(); s++) {
                TrialResult r = done.get(trial(scale, options.seed(s)));
                saturated[s] = r.number("saturated");
                saturatedUnits[s] = r.number("saturated units");
                derivative[s] = r.number("derivative");
                gradient[s] = r.number("gradient");
            }
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

        double smallSaturated = 0;
        double largeSaturated = 1;
        for (int i = 0; i < scales.size(); i++) {
            if (scales.get(i) <= SMALL_SCALE) {
                smallSaturated = Math.max(smallSaturated, saturatedMeans[i]);
            }
            if (scales.get(i) >= LARGE_SCALE) {
                largeSaturated = Math.min(largeSaturated, saturatedMeans[i]);
            }
        }
        int last = scales.size() - 1;
        double derivativeRatio = derivativeMeans[last] / derivativeMeans[0];
        Verdict verdict = judge(smallSaturated, largeSaturated, saturatedMeans[0], saturatedMeans[last], derivativeRatio);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT, "saturated %s at s=%s vs %s at s=%s",
                Figures.percent(saturatedMeans[0]), Figures.format(scales.get(0)),
                Figures.percent(saturatedMeans[last]), Figures.format(scales.get(last))));
        figures.put("largest saturated share at small scales", smallSaturated);
        figures.put("smallest saturated share at large scales", largeSaturated);
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
        return new ExperimentResult(name(), claim(), setup() + (options.quick() ? " (quick run)" : ""), criterion(),
                verdict, figures, options.seedList(), charts);
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
