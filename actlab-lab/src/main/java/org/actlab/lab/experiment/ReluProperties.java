package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.data.Dataset;
import org.actlab.diagnose.Diagnostics;
import org.actlab.diagnose.HealthReport;
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
public final class ReluProperties implements Experiment {

    /** At least this many positive pre-activations are needed to judge saturation. */
    static final int MIN_POSITIVE_SAMPLES = 100;
    /** The mean hidden output must exceed this to count as clearly positive. */
    static final double MIN_MEAN_OUTPUT = 0.01;

    private static final int SWEEP_POINTS = 2000;
    private static final int WIDTH = 16;

    @Override
    public String name() {
        return "relu-properties";
    }

    @Override
    public String claim() {
        return "ReLU does not saturate for x > 0 (its derivative is exactly 1 there), and it is not zero-centred "
                + "(its mean output is positive).";
    }

    @Override
    public String setup() {
        return "A sweep of " + SWEEP_POINTS + " positive floats, log-spaced from 1.4e-45 (the smallest subnormal) to "
                + "3.4e38, plus 1 ulp above 0 and Float.MAX_VALUE: relu'(x) and relu(x) through Activation and through "
                + "the bulk kernels. A 2 → " + WIDTH + " → " + WIDTH + " relu → 1 sigmoid network (He-normal) trained on "
                + "circle (400 rows, noise 0.1) with Adam at 0.01, batch 20, 50 epochs (quick: 15), with the diagnostics "
                + "evaluating on 400 test rows: how many positive pre-activations are saturated (f'(z) < 0.01·max f', "
                + "the definition of train --diagnose), the saturated share of all hidden pairs, and the mean hidden output.";
    }

    @Override
    public String criterion() {
        return String.format(Locale.ROOT, "Supported when every swept x has relu'(x) = 1 and relu(x) = x bit for bit, "
                        + "none of at least %d positive trained pre-activations is saturated, and every seed's mean hidden "
                        + "output exceeds %.2f. Not supported when any swept derivative differs from 1, any positive "
                        + "pre-activation is saturated, or a mean output is ≤ 0. Inconclusive otherwise (for example too "
                        + "few positive pre-activations).",
                MIN_POSITIVE_SAMPLES, MIN_MEAN_OUTPUT);
    }

    /**
     * The verdict.
     *
     * @param sweepMismatches   swept x where f'(x) ≠ 1 or f(x) ≠ x
     * @param positiveSamples   positive pre-activations examined
     * @param saturatedPositive of which saturated
     * @param smallestMeanOutput the smallest per-seed mean hidden output
     */
    static Verdict judge(long sweepMismatches, long positiveSamples, long saturatedPositive, double smallestMeanOutput) {
        boolean supported = sweepMismatches == 0 && positiveSamples >= MIN_POSITIVE_SAMPLES && saturatedPositive == 0
                && smallestMeanOutput > MIN_MEAN_OUTPUT;
        boolean contradicted = sweepMismatches > 0 || saturatedPositive > 0 || !(smallestMeanOutput > 0);
        return Verdict.of(supported, contradicted);
    }

    private Trial sweepTrial() {
        return Trial.of(name(), "derivative-sweep").with("points", SWEEP_POINTS).build();
    }

    private Trial trainedTrial(boolean quick, long seed, boolean chart) {
        return Trial.of(name(), "trained").with("epochs", quick ? 15 : 50).with("seed", seed).with("chart", chart).build();
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        trials.add(sweepTrial());
        for (int s = 0; s < options.seeds(); s++) {
            trials.add(trainedTrial(options.quick(), options.seed(s), s == 0));
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
        Activation relu = Activations.parse("relu");
        float[] sweep = sweep();
        long mismatches = 0;
        float[] bulkA = new float[sweep.length];
        float[] ones = new float[sweep.length];
        float[] bulkDZ = new float[sweep.length];
        Arrays.fill(ones, 1f);
        Kernels.activations().forward(relu, sweep, 0, bulkA, 0, sweep.length);
        Kernels.activations().backward(relu, sweep, 0, bulkA, 0, ones, 0, bulkDZ, 0, sweep.length, null);
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
        return TrialResult.of(trial).put("swept", sweep.length).put("mismatches", mismatches).put("x", xs)
                .put("derivative", derivative).build();
    }

    private static TrialResult runTrained(Trial trial) {
        int epochs = trial.integer("epochs");
        long seed = trial.seed();
        Dataset train = Lab.data("circle", 400, 0.1, seed);
        Dataset test = Lab.testData("circle", 400, 0.1, seed);
        Network net = Network.create(Lab.binary(2, Lab.hidden(2, WIDTH, "relu"), "he_normal", "zeros"), seed);
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
        TrialResult sweep = done.get(sweepTrial());
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
            TrialResult r = done.get(trainedTrial(options.quick(), options.seed(s), s == 0));
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
        Verdict verdict = judge(mismatches, positives, saturated, mean.min());

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "sweep mismatches %d of %d; saturated positives %d of %d; mean output %s",
                mismatches, swept, saturated, positives, Figures.format(mean.mean())));
        figures.put("swept positive x", swept);
        figures.put("swept x with relu'(x) ≠ 1 or relu(x) ≠ x", mismatches);
        figures.put("positive trained pre-activations", positives);
        figures.put("of which saturated", saturated);
        figures.put("mean hidden output (over seeds)", mean);
        figures.put("share of hidden outputs > 0", Summary.of(positiveShare));
        figures.put("saturated share of all hidden (row, unit) pairs (the negative side)", Summary.of(saturatedShare));

        List<Chart> charts = List.of(
                Chart.lines("relu'(x) over positive floats (bulk kernels)", "x", "relu'(x)", true, false,
                        List.of(new Chart.Series("relu'(x)", sweep.numbers("x"), sweep.numbers("derivative")))),
                Chart.points("First hidden layer after training: output against pre-activation (seed " + options.seed(0)
                                + ")", "z", "relu(z)",
                        List.of(new Chart.Series("(z, relu(z)) on test rows", sampleZ, sampleA))));
        return new ExperimentResult(name(), claim(), setup() + (options.quick() ? " (quick run)" : ""), criterion(),
                verdict, figures, options.seedList(), charts);
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
