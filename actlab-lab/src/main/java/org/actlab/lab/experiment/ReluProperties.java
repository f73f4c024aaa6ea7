package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.data.Dataset;
import org.actlab.diagnose.Diagnostics;
import org.actlab.diagnose.HealthReport;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;
import org.actlab.nn.DenseLayer;
import org.actlab.nn.Network;
import org.actlab.nn.Trainer;

/**
 * Claim 8: ReLU(x) = max(0, x) does not saturate for x &gt; 0 (there ReLU'(x) = 1 exactly) and is
 * not zero-centred (its outputs are ≥ 0, so their mean is positive).
 *
 * <p>Three measurements: f'(x) and f(x) over a sweep of positive floats from the smallest
 * subnormal to {@code Float.MAX_VALUE}, through both the scalar function and the bulk kernels; how
 * many of a trained ReLU network's positive pre-activations are saturated by the diagnostics'
 * definition (f'(z) &lt; 0.01 · max f'); and the diagnostics' mean hidden output on the test set.
 */
public final class ReluProperties extends StatedExperiment {

    /** Pre-registered: "does not saturate for x &gt; 0": below this share of the swept positive x saturated. */
    static final double MAX_SATURATED_SHARE = 0.01;
    /** Pre-registered: "not zero-centred": the mean hidden output lies above this. */
    static final double MIN_MEAN_OUTPUT = 0.05;
    /** The controls: sigmoid saturates for large x, tanh is zero-centred. */
    private static final String SATURATING_CONTROL = "sigmoid";
    private static final String CENTRED_CONTROL = "tanh";

    private static final int SWEEP_POINTS = 2000;
    private static final int WIDTH = 16;

    public ReluProperties() {
        super("relu-properties",
                "ReLU does not saturate for x > 0 (its derivative is exactly 1 there), and it is not zero-centred "
                        + "(its mean output is positive).",
                "A sweep of " + SWEEP_POINTS + " positive floats, log-spaced from 1.4e-45 (the smallest subnormal) to "
                        + "3.4e38, plus 1 ulp above 0 and Float.MAX_VALUE: relu'(x) and relu(x) through Activation and through "
                        + "the bulk kernels. A 2 → " + WIDTH + " → " + WIDTH + " relu → 1 sigmoid network (He-normal) trained on "
                        + "circle (400 rows, noise 0.1) with Adam at 0.01, batch 20, 50 epochs (quick: 15), with the diagnostics "
                        + "evaluating on 400 test rows: how many positive pre-activations are saturated (f'(z) < 0.01·max f', "
                        + "the definition of train --diagnose), the saturated share of all hidden pairs, and the mean hidden output.",
                String.format(Locale.ROOT, "(1) The share of the swept positive x where f'(x) < 0.01·max f' (the diagnostics' "
                                + "saturation) is below %.2f for relu (exact: the sweep is deterministic); control: the same share "
                                + "for %s must not be below it. (2) The trained network's mean hidden output lies above %.2f (t "
                                + "interval over seeds, 95%%); control: the same network with %s must not lie above it. Supported "
                                + "when both claims clear their margins, not supported when either lies wholly on the wrong side. "
                                + "Bit-exactness of relu(x) = x and relu'(x) = 1 is shown as a check of the kernels.",
                        MAX_SATURATED_SHARE, SATURATING_CONTROL, MIN_MEAN_OUTPUT, CENTRED_CONTROL));
    }

    /** The pre-registered effects. */
    static List<Effect> effects(double reluSweepSaturated, double controlSweepSaturated, double[] reluMean, double[] tanhMean) {
        return List.of(
                Effect.exact("saturated share of swept positive x, relu", Effect.Role.claim, Effect.Direction.below,
                        MAX_SATURATED_SHARE, reluSweepSaturated),
                Effect.ofSeeds("mean hidden output, relu", Effect.Role.claim, Effect.Direction.above, MIN_MEAN_OUTPUT,
                        reluMean),
                Effect.exact("saturated share of swept positive x, " + SATURATING_CONTROL, Effect.Role.control,
                        Effect.Direction.below, MAX_SATURATED_SHARE, controlSweepSaturated),
                Effect.ofSeeds("mean hidden output, " + CENTRED_CONTROL, Effect.Role.control, Effect.Direction.above,
                        MIN_MEAN_OUTPUT, tanhMean));
    }

    private Trial sweepTrial(String activation) {
        return Trial.of(name(), "derivative-sweep").with("activation", activation).with("points", SWEEP_POINTS).build();
    }

    private Trial trainedTrial(String activation, boolean quick, long seed, boolean chart) {
        return Trial.of(name(), "trained").with("activation", activation).with("epochs", quick ? 15 : 50).with("seed", seed)
                .with("chart", chart).build();
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        trials.add(sweepTrial("relu"));
        trials.add(sweepTrial(SATURATING_CONTROL));
        for (String activation : List.of("relu", CENTRED_CONTROL)) {
            for (int s = 0; s < options.seeds(); s++) {
                trials.add(trainedTrial(activation, options.quick(), options.seed(s), s == 0 && activation.equals("relu")));
            }
        }
        return trials;
    }

    /**
     * Either the derivative sweep through the scalar and bulk paths ({@code mismatches}, and every 20th
     * point's bulk derivative for the chart), or one trained network: its hidden layers' positive
     * pre-activations, how many of them are saturated, the mean output and the saturated share.
     */
    @Override
    public TrialResult runTrial(Trial trial) {
        return trial.measure().equals("derivative-sweep") ? runSweep(trial) : runTrained(trial);
    }

    private static TrialResult runSweep(Trial trial) {
        Activation relu = Activations.parse(trial.text("activation"));
        float[] sweep = sweep();
        long mismatches = 0;
        ActivationKernels.Evaluated bulk = Kernels.activations().evaluate(relu, sweep);
        float[] bulkA = bulk.values();
        float[] bulkDZ = bulk.slopes();
        for (int i = 0; i < sweep.length; i++) {
            float x = sweep[i];
            boolean exact = relu.derivative(x) == 1f && Float.floatToRawIntBits(relu.apply(x)) == Float.floatToRawIntBits(x)
                    && bulkDZ[i] == 1f && Float.floatToRawIntBits(bulkA[i]) == Float.floatToRawIntBits(x);
            mismatches += exact ? 0 : 1;
        }
        double[] derivative = new double[SWEEP_POINTS / 20];
        double[] xs = new double[derivative.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = sweep[i * 20];
            derivative[i] = bulkDZ[i * 20];
        }
        return TrialResult.of(trial).put("swept", sweep.length).put("mismatches", mismatches)
                .put("saturated", HealthFigures.saturatedCount(relu, sweep, sweep.length)).put("x", xs)
                .put("derivative", derivative).build();
    }

    private static TrialResult runTrained(Trial trial) {
        int epochs = trial.integer("epochs");
        long seed = trial.seed();
        Dataset train = Lab.data("circle", 400, 0.1, seed);
        Dataset test = Lab.testData("circle", 400, 0.1, seed);
        Network net = Network.create(Lab.binary(2, Lab.hidden(2, WIDTH, trial.text("activation")),
                Lab.initFor(trial.text("activation")), "zeros"), seed);
        Diagnostics diagnostics = HealthFigures.listener(test, epochs);
        new Trainer(net, Lab.adam(epochs, 20, 0.01, seed), train, null).addListener(diagnostics).run();
        HealthReport health = HealthFigures.last(diagnostics);

        List<Double> sampleZ = new ArrayList<>();
        List<Double> sampleA = new ArrayList<>();
        List<Network.LayerTrace> traces = net.trace(test.x(), test.n());
        List<DenseLayer> layers = net.layers();
        long count = 0;
        long positive = 0;
        long saturated = 0;
        for (int l = 0; l < layers.size() - 1; l++) {
            Network.LayerTrace t = traces.get(l);
            int values = t.n() * layers.get(l).units();
            float[] positiveZ = new float[values];
            int layerPositives = 0;
            for (int i = 0; i < values; i++) {
                float z = t.z()[i];
                count++;
                if (z > 0) {
                    positiveZ[layerPositives++] = z;
                }
                if (trial.flag("chart") && l == 0 && i % 7 == 0) {
                    sampleZ.add((double) z);
                    sampleA.add((double) t.a()[i]);
                }
            }
            positive += layerPositives;
            saturated += HealthFigures.saturatedCount(layers.get(l).activation(), positiveZ, layerPositives);
        }
        TrialResult.Builder out = TrialResult.of(trial).put("mean output", HealthFigures.hiddenMeanActivation(health))
                .put("saturated share", HealthFigures.hiddenSaturatedShare(health)).put("positives", positive)
                .put("saturated positives", saturated).put("values", count);
        if (trial.flag("chart")) {
            out.put("sample z", Lab.doubles(sampleZ)).put("sample a", Lab.doubles(sampleA));
        }
        return out.build();
    }

    @Override
    public ExperimentResult reduce(RunOptions options, List<TrialResult> results) {
        Trials.Lookup done = new Trials.Lookup(results);
        TrialResult sweep = done.get(sweepTrial("relu"));
        TrialResult controlSweep = done.get(sweepTrial(SATURATING_CONTROL));
        double[] tanhMean = done.seeds(options, seed -> trainedTrial(CENTRED_CONTROL, options.quick(), seed, false))
                .number("mean output");
        long mismatches = (long) sweep.number("mismatches");
        int swept = sweep.integer("swept");
        long positives = 0;
        long saturated = 0;
        double[] meanOutput = new double[options.seeds()];
        double[] positiveShare = new double[options.seeds()];
        double[] saturatedShare = new double[options.seeds()];
        double[] sampleZ = new double[0];
        double[] sampleA = new double[0];
        for (int s = 0; s < options.seeds(); s++) {
            TrialResult r = done.get(trainedTrial("relu", options.quick(), options.seed(s), s == 0));
            meanOutput[s] = r.number("mean output");
            saturatedShare[s] = r.number("saturated share");
            long positive = (long) r.number("positives");
            positives += positive;
            saturated += (long) r.number("saturated positives");
            positiveShare[s] = (double) positive / (long) r.number("values");
            if (s == 0) {
                sampleZ = r.numbers("sample z");
                sampleA = r.numbers("sample a");
            }
        }
        Summary mean = Summary.of(meanOutput);
        List<Effect> effects = effects(sweep.number("saturated") / swept,
                controlSweep.number("saturated") / controlSweep.integer("swept"), meanOutput, tanhMean);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "sweep mismatches %d of %d; saturated positives %d of %d; mean output %s",
                mismatches, swept, saturated, positives, Figures.format(mean.mean())));
        figures.put("swept positive x", swept);
        figures.put("swept x with relu'(x) ≠ 1 or relu(x) ≠ x", mismatches);
        figures.put("positive trained pre-activations", positives);
        figures.put("of which saturated", saturated);
        figures.put("mean hidden output (over seeds)", mean);
        figures.put("mean hidden output of the " + CENTRED_CONTROL + " control (over seeds)", Summary.of(tanhMean));
        figures.put("swept positive x saturated for the " + SATURATING_CONTROL + " control",
                (long) controlSweep.number("saturated"));
        figures.put("share of hidden outputs > 0", Summary.of(positiveShare));
        figures.put("saturated share of all hidden (row, unit) pairs (the negative side)", Summary.of(saturatedShare));

        List<Chart> charts = List.of(
                Chart.lines("relu'(x) over positive floats (bulk kernels)", "x", "relu'(x)", true, false,
                        List.of(new Chart.Series("relu'(x)", sweep.numbers("x"), sweep.numbers("derivative")))),
                Chart.points("First hidden layer after training: output against pre-activation (seed " + options.seed(0)
                                + ")", "z", "relu(z)",
                        List.of(new Chart.Series("(z, relu(z)) on test rows", sampleZ, sampleA))));
        return result(options, figures, options.seedList(), charts, effects);
    }

    /** Positive floats log-spaced over the whole positive range, with the extremes exact. */
    static float[] sweep() {
        float[] x = new float[SWEEP_POINTS];
        double logMin = Math.log(Float.MIN_VALUE);
        double logMax = Math.log(Float.MAX_VALUE);
        for (int i = 0; i < SWEEP_POINTS; i++) {
            x[i] = (float) Math.exp(logMin + (logMax - logMin) * i / (SWEEP_POINTS - 1));
            if (!(x[i] > 0)) {
                x[i] = Float.MIN_VALUE;
            }
            if (Float.isInfinite(x[i])) {
                x[i] = Float.MAX_VALUE;
            }
        }
        x[0] = Float.MIN_VALUE;
        x[SWEEP_POINTS - 1] = Float.MAX_VALUE;
        return x;
    }
}
