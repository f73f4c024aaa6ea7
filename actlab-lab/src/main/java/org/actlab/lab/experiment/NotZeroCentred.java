package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.actlab.data.Dataset;
import org.actlab.diagnose.Diagnostics;
import org.actlab.diagnose.HealthReport;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec.LayerSpec;
import org.actlab.nn.Trainer;

/**
 * Claim 5: the logistic function's outputs are all positive, so for one sample the gradient of a
 * neuron's incoming weights, ∂L/∂w_i = δ · x_i with x_i &gt; 0, has the sign of δ in every component:
 * the weights can only all rise or all fall together, and reaching a target with w₁ &gt; 0 &gt; w₂ takes
 * a zig-zag path.
 *
 * <p>Two measurements. (a) Sign coherence, as the diagnostics define it: the share of per-sample
 * weight-gradient rows (of the layer after the one measured) whose non-zero entries all share one sign,
 * mean over the steps. (b) The two-weight
 * problem: y = w₁x₁ + w₂x₂ fitted to t = x₁ − x₂ by per-sample SGD on ½(y − t)², from w = (0, 0),
 * with x = σ(u) (logistic-fed) or x = tanh(u) (zero-centred), u ~ N(0, I); the path length over the
 * straight distance from start to end, and the share of steps that reverse direction
 * (Δw_t · Δw_{t−1} &lt; 0).
 */
public final class NotZeroCentred extends StatedExperiment {

    /**
     * Pre-registered: the logistic-fed path ratio (length over straight distance) must be more than this
     * many times the tanh-fed one; the effect is the paired difference of their natural logs.
     */
    static final double MIN_PATH_RATIO_FACTOR = 1.5;

    /** SGD step size of the two-weight problem: stable for |x|² ≤ 2. */
    static final double TWO_WEIGHT_RATE = 0.5;
    /** The two-weight run ends within this distance of w* = (1, −1), relative to |w*|. */
    static final double TWO_WEIGHT_TOLERANCE = 0.05;
    /** The two-weight run stops after this many steps if it has not arrived. */
    static final int TWO_WEIGHT_MAX_STEPS = 20_000;

    private static final int WIDTH = 16;

    public NotZeroCentred() {
        super("not-zero-centred",
                "The logistic function is not zero-centred: the weight gradients into one neuron fed by logistic outputs "
                        + "all share one sign, so the weights zig-zag towards a target that needs mixed signs; tanh does not do this.",
                "(a) circle (200 rows, quick: 100), 2 → " + WIDTH + " A → " + WIDTH + " tanh → 1 sigmoid with A = sigmoid or tanh, "
                        + "Glorot-normal, SGD at 0.05 with batch 1 for one epoch; the diagnostics' sign coherence of the second hidden "
                        + "layer (fed by A): the share of its weight-gradient rows whose non-zero entries share one sign (an "
                        + "all-zero row does not count as coherent), mean over the steps, as train --diagnose. (b) the two-weight "
                        + "problem: per-sample SGD at " + TWO_WEIGHT_RATE + " from (0, 0) until |w − w*| ≤ " + TWO_WEIGHT_TOLERANCE
                        + "·|w*| (at most " + TWO_WEIGHT_MAX_STEPS + " steps), w* = (1, −1), inputs σ(u) or tanh(u).",
                String.format(Locale.ROOT, "Effect: ln(path ratio with σ(u) inputs) − ln(path ratio with tanh(u) inputs) in "
                                + "the two-weight problem, paired by seed (paired t interval, 95%%). Supported when the interval lies "
                                + "above ln %.1f (the zig-zag makes the path %.1f× longer), not supported when it lies below. "
                                + "Control: σ(u) − ½, the same shape made zero-centred, must not clear the same margin against "
                                + "tanh(u). The diagnostics' sign coherence is shown but not judged: for inputs that are never "
                                + "negative every gradient row is sign-coherent by definition.",
                        MIN_PATH_RATIO_FACTOR, MIN_PATH_RATIO_FACTOR));
    }

    /** The pre-registered effects from per-seed path ratios (logistic, tanh, centred logistic inputs). */
    static List<Effect> effects(double[] logistic, double[] tanh, double[] centredLogistic) {
        return List.of(
                Effect.paired("ln path ratio σ(u) − ln path ratio tanh(u)", Effect.Role.claim, Effect.Direction.above,
                        Math.log(MIN_PATH_RATIO_FACTOR), log(logistic), log(tanh)),
                Effect.paired("ln path ratio (σ(u) − ½) − ln path ratio tanh(u)", Effect.Role.control,
                        Effect.Direction.above, Math.log(MIN_PATH_RATIO_FACTOR), log(centredLogistic), log(tanh)));
    }

    private static double[] log(double[] values) {
        return java.util.Arrays.stream(values).map(Math::log).toArray();
    }

    private static final String[] KIND_KEYS = {"logistic", "centred", "centred logistic"};
    private static final String[] KIND_LABELS = {"logistic-fed inputs σ(u)", "zero-centred inputs tanh(u)",
        "control: centred logistic σ(u) − ½"};
    private static final Inputs[] KINDS = {Inputs.LOGISTIC, Inputs.TANH, Inputs.CENTRED_LOGISTIC};

    private Trial trial(boolean quick, long seed, boolean chart) {
        return Trial.of(name(), "coherence-and-paths").with("rows", quick ? 100 : 200).with("seed", seed)
                .with("chart", chart).build();
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        for (int s = 0; s < options.seeds(); s++) {
            trials.add(trial(options.quick(), options.seed(s), s == 0));
        }
        return trials;
    }

    /**
     * Measures (a) the sign coherence and feeding mean for sigmoid- and tanh-fed layers and (b) both
     * two-weight paths; with {@code chart}, also the path points.
     */
    @Override
    public TrialResult runTrial(Trial trial) {
        long seed = trial.seed();
        Dataset data = Lab.data("circle", trial.integer("rows"), 0, seed);
        Fed sigmoidFed = fedBy("sigmoid", data, seed);
        Fed tanhFed = fedBy("tanh", data, seed);
        TrialResult.Builder out = TrialResult.of(trial)
                .put("logistic coherence", sigmoidFed.signCoherence()).put("tanh coherence", tanhFed.signCoherence())
                .put("logistic mean", sigmoidFed.fedMean()).put("tanh mean", tanhFed.fedMean());
        for (int kind = 0; kind < KINDS.length; kind++) {
            TwoWeightPath path = twoWeightPath(KINDS[kind], seed);
            String k = KIND_KEYS[kind];
            out.put(k + " path ratio", path.lengthRatio()).put(k + " reversals", path.reversalShare())
                    .put(k + " same sign", path.sameSignShare()).put(k + " steps", path.steps());
            if (trial.flag("chart")) {
                out.put(k + " w1", path.w1()).put(k + " w2", path.w2());
            }
        }
        return out.build();
    }

    @Override
    public ExperimentResult reduce(RunOptions options, List<TrialResult> results) {
        Trials.Lookup done = new Trials.Lookup(results);
        double[] logisticCoherence = new double[options.seeds()];
        double[] tanhCoherence = new double[options.seeds()];
        double[] logisticMean = new double[options.seeds()];
        double[] tanhMean = new double[options.seeds()];
        double[][] pathRatio = new double[KINDS.length][options.seeds()];
        double[][] reversals = new double[KINDS.length][options.seeds()];
        double[][] sameSign = new double[KINDS.length][options.seeds()];
        double[][] steps = new double[KINDS.length][options.seeds()];
        List<Chart.Series> paths = new ArrayList<>();

        for (int s = 0; s < options.seeds(); s++) {
            TrialResult r = done.get(trial(options.quick(), options.seed(s), s == 0));
            logisticCoherence[s] = r.number("logistic coherence");
            tanhCoherence[s] = r.number("tanh coherence");
            logisticMean[s] = r.number("logistic mean");
            tanhMean[s] = r.number("tanh mean");
            for (int kind = 0; kind < KINDS.length; kind++) {
                String k = KIND_KEYS[kind];
                pathRatio[kind][s] = r.number(k + " path ratio");
                reversals[kind][s] = r.number(k + " reversals");
                sameSign[kind][s] = r.number(k + " same sign");
                steps[kind][s] = r.integer(k + " steps");
                if (s == 0) {
                    paths.add(new Chart.Series(KIND_LABELS[kind],
                            r.numbers(k + " w1"), r.numbers(k + " w2")));
                }
            }
        }

        Summary logistic = Summary.of(logisticCoherence);
        Summary tanh = Summary.of(tanhCoherence);
        Summary logisticPath = Summary.of(pathRatio[0]);
        Summary centredPath = Summary.of(pathRatio[1]);

        Map<String, Object> coherenceTable = new LinkedHashMap<>();
        coherenceTable.put("fed by sigmoid", logistic);
        coherenceTable.put("fed by tanh", tanh);
        Map<String, Object> meanTable = new LinkedHashMap<>();
        meanTable.put("sigmoid", Summary.of(logisticMean));
        meanTable.put("tanh", Summary.of(tanhMean));
        Map<String, Object> pathTable = new LinkedHashMap<>();
        String[] kinds = KIND_LABELS;
        for (int kind = 0; kind < KINDS.length; kind++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path length / straight distance", Summary.of(pathRatio[kind]));
            row.put("share of steps reversing direction", Summary.of(reversals[kind]));
            row.put("share of steps moving w₁, w₂ the same way", Summary.of(sameSign[kind]));
            row.put("steps to arrive", Summary.of(steps[kind]));
            pathTable.put(kinds[kind], row);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "sign-coherent rows: sigmoid-fed %s, tanh-fed %s; path ratio %s vs %s",
                Figures.percent(logistic.mean()), Figures.percent(tanh.mean()),
                Figures.format(logisticPath.mean()), Figures.format(centredPath.mean())));
        figures.put("sign-coherent gradient rows (mean ± std [min, max] over seeds; 100% by definition for inputs ≥ 0)",
                coherenceTable);
        figures.put("mean output μ of the feeding layer after the epoch (mean ± std [min, max] over seeds)", meanTable);
        figures.put("two-weight problem (mean ± std [min, max] over seeds)", pathTable);

        List<Chart> charts = List.of(
                Chart.lines("Two-weight SGD paths from (0, 0) to w* = (1, −1), seed " + options.seed(0), "w₁", "w₂",
                        false, false, paths),
                Chart.bars("Share of sign-coherent gradient rows", "inputs of the neuron", "share", false,
                        List.of("fed by sigmoid", "fed by tanh"),
                        List.of(new Chart.Series("mean over seeds", null, new double[] {logistic.mean(), tanh.mean()}))));
        return result(options, figures, options.seedList(), charts, effects(pathRatio[0], pathRatio[1], pathRatio[2]));
    }

    /**
     * What the diagnostics saw in one epoch of batch-1 SGD of 2 → 16 A → 16 tanh → 1.
     *
     * @param signCoherence the second hidden layer's sign coherence: the share of its weight-gradient rows
     *                      whose non-zero entries share one sign, mean over the steps
     * @param fedMean       the mean output μ of the layer A that feeds it, after the epoch
     */
    record Fed(double signCoherence, double fedMean) {
    }

    /** The diagnostics of the layer fed by {@code activation}, over one epoch of batch-1 SGD. */
    static Fed fedBy(String activation, Dataset data, long seed) {
        Network net = Network.create(Lab.binary(2, List.of(new LayerSpec(WIDTH, activation), new LayerSpec(WIDTH, "tanh")),
                "xavier_normal", "zeros"), seed);
        Diagnostics diagnostics = HealthFigures.listener(data, 1);
        new Trainer(net, Lab.sgd(1, 1, 0.05, seed), data, null).addListener(diagnostics).run();
        HealthReport health = HealthFigures.last(diagnostics);
        return new Fed(health.layers().get(1).signCoherence(), health.layers().get(0).meanActivation());
    }

    /** A two-weight SGD path and its shape. */
    record TwoWeightPath(double[] w1, double[] w2, double lengthRatio, double reversalShare, double sameSignShare, int steps) {
    }

    /**
     * Per-sample SGD on ½(w·x − t)², t = x₁ − x₂, gradient (w·x − t)·x, from w = (0, 0) until
     * |w − (1, −1)| ≤ {@value #TWO_WEIGHT_TOLERANCE}·√2 or {@value #TWO_WEIGHT_MAX_STEPS} steps.
     */
    static TwoWeightPath twoWeightPath(boolean logisticInputs, long seed) {
        return twoWeightPath(logisticInputs ? Inputs.LOGISTIC : Inputs.TANH, seed);
    }

    /** How the two-weight problem's inputs are made from u ~ N(0, 1). */
    enum Inputs {
        /** σ(u), in (0, 1): not zero-centred. */
        LOGISTIC,
        /** tanh(u): zero-centred. */
        TANH,
        /** σ(u) − ½: the logistic shape moved to mean 0, the control that isolates the centring. */
        CENTRED_LOGISTIC;

        double of(double u) {
            return switch (this) {
                case LOGISTIC -> 1 / (1 + Math.exp(-u));
                case TANH -> Math.tanh(u);
                case CENTRED_LOGISTIC -> 1 / (1 + Math.exp(-u)) - 0.5;
            };
        }
    }

    /** The two-weight problem with inputs of one kind. */
    static TwoWeightPath twoWeightPath(Inputs inputs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double target1 = 1;
        double target2 = -1;
        double tolerance = TWO_WEIGHT_TOLERANCE * Math.hypot(target1, target2);
        double w1 = 0;
        double w2 = 0;
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {w1, w2});
        double length = 0;
        int reversals = 0;
        int sameSign = 0;
        double previous1 = 0;
        double previous2 = 0;
        int step = 0;
        while (step < TWO_WEIGHT_MAX_STEPS && Math.hypot(w1 - target1, w2 - target2) > tolerance) {
            double u1 = Lab.gaussian(rng);
            double u2 = Lab.gaussian(rng);
            double x1 = inputs.of(u1);
            double x2 = inputs.of(u2);
            double error = w1 * x1 + w2 * x2 - (target1 * x1 + target2 * x2);
            double d1 = -TWO_WEIGHT_RATE * error * x1;
            double d2 = -TWO_WEIGHT_RATE * error * x2;
            w1 += d1;
            w2 += d2;
            length += Math.hypot(d1, d2);
            if (step > 0 && d1 * previous1 + d2 * previous2 < 0) {
                reversals++;
            }
            if (d1 * d2 > 0) {
                sameSign++;
            }
            previous1 = d1;
            previous2 = d2;
            step++;
            points.add(new double[] {w1, w2});
        }
        double straight = Math.hypot(w1, w2);
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = points.get(i)[0];
            ys[i] = points.get(i)[1];
        }
        return new TwoWeightPath(xs, ys, length / straight, step > 1 ? (double) reversals / (step - 1) : 0,
                step > 0 ? (double) sameSign / step : 0, step);
    }
}
