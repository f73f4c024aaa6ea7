package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.activation.Traits;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;

/**
 * Claim 6: max-based activations (ReLU and kin) are cheaper to compute than exponential-based ones.
 *
 * <p>Measured in process through the bulk kernels chosen at start-up: nanoseconds per element of
 * forward and of backward on a slice that stays in cache, the median over timed rounds after a
 * warm-up. Exponential-based means {@link Traits.Cost#TRANSCENDENTAL} (exp, log, tanh, erf, sin);
 * max-based means {@link Traits.Cost#CHEAP}. In-process timing on a shared machine is noisy; the
 * JMH figures in docs/BENCHMARKS.md are the careful ones.
 */
public final class ActivationCost implements Experiment {

    /** Supported when the exp-based median cost is at least this many times the max-based one. */
    static final double MIN_COST_RATIO = 1.2;
    /** Not supported when the ratio is at most this (exp-based no dearer than max-based). */
    static final double CONTRADICTED_RATIO = 1.0;

    private static final int ELEMENTS = 1 << 14;

    @Override
    public String name() {
        return "cost";
    }

    @Override
    public String claim() {
        return "Max-based activations (ReLU, leaky ReLU, …) are cheap; exponential-based ones (logistic, tanh, ELU, …) "
                + "cost more per element.";
    }

    @Override
    public String setup() {
        return "Every catalogue activation through the bulk kernels chosen at start-up, on " + ELEMENTS + " floats drawn "
                + "uniformly from [−5, 5]: 150 ms of warm-up, then 15 rounds of about 5 ms, each timing forward and backward "
                + "calls apart (quick: 20 ms, 5 rounds of 2 ms); the median ns/element over rounds. Caveat: in-process timing on a "
                + "shared machine; JMH figures live in docs/BENCHMARKS.md.";
    }

    @Override
    public String criterion() {
        return String.format(Locale.ROOT, "Comparing the median of forward+backward ns/element over exponential-based "
                        + "(transcendental) activations with that over max-based (cheap) ones: supported when the ratio is at "
                        + "least %.1f, not supported when it is at most %.1f, inconclusive between.",
                MIN_COST_RATIO, CONTRADICTED_RATIO);
    }

    /** The verdict from the two group medians. */
    static Verdict judge(double expBasedMedian, double maxBasedMedian) {
        double ratio = expBasedMedian / maxBasedMedian;
        return Verdict.of(ratio >= MIN_COST_RATIO, !(ratio > CONTRADICTED_RATIO));
    }

    private Trial trial(Activation f, boolean quick, long seed) {
        return Trial.of(name(), "ns-per-element").with("activation", f.spec()).with("quick", quick).with("seed", seed).build();
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        for (Activation f : Activations.catalogue()) {
            trials.add(trial(f, options.quick(), options.baseSeed()));
        }
        return trials;
    }

    /**
     * Times one activation through the kernels of the machine that runs the trial: the medians of
     * forward and backward ns/element over the rounds. Timing is the one thing a trial measures that
     * is not a function of the trial alone.
     */
    @Override
    public TrialResult runTrial(Trial trial) {
        boolean quick = trial.flag("quick");
        long warmUpNanos = (quick ? 20 : 150) * 1_000_000L;
        int rounds = quick ? 5 : 15;
        long roundNanos = (quick ? 2 : 5) * 1_000_000L;
        ActivationKernels kernels = Kernels.activations();
        Activation f = Activations.parse(trial.text("activation"));

        SplittableRandom rng = new SplittableRandom(trial.seed());
        float[] z = new float[ELEMENTS];
        float[] a = new float[ELEMENTS];
        float[] dA = new float[ELEMENTS];
        float[] dZ = new float[ELEMENTS];
        for (int i = 0; i < ELEMENTS; i++) {
            z[i] = (float) (rng.nextDouble() * 10 - 5);
            dA[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        double sink = 0;
        float[] dParams = new float[f.parameters().length];
        // Warm up by time, and size the timed rounds from the warm-up rate, so that cheap and dear
        // functions both get rounds long enough for the clock and the whole sweep stays in budget.
        long calls = 0;
        long warmStart = System.nanoTime();
        while (System.nanoTime() - warmStart < warmUpNanos) {
            kernels.forward(f, z, 0, a, 0, ELEMENTS);
            kernels.backward(f, z, 0, a, 0, dA, 0, dZ, 0, ELEMENTS, dParams);
            calls++;
        }
        double nanosPerPair = (double) (System.nanoTime() - warmStart) / calls;
        int callsPerRound = (int) Math.max(1, Math.min(1_000_000, roundNanos / nanosPerPair));
        double[] forward = new double[rounds];
        double[] backward = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < callsPerRound; i++) {
                kernels.forward(f, z, 0, a, 0, ELEMENTS);
            }
            long middle = System.nanoTime();
            for (int i = 0; i < callsPerRound; i++) {
                kernels.backward(f, z, 0, a, 0, dA, 0, dZ, 0, ELEMENTS, dParams);
            }
            long end = System.nanoTime();
            forward[r] = (double) (middle - start) / ((double) callsPerRound * ELEMENTS);
            backward[r] = (double) (end - middle) / ((double) callsPerRound * ELEMENTS);
            // Reading the outputs keeps the JIT from discarding the calls as dead code.
            sink += a[r] + dZ[r];
        }
        return TrialResult.of(trial).put("id", f.id()).put("cost class", f.traits().cost().name())
                .put("kernels", kernels.name()).put("forward", Summary.median(forward))
                .put("backward", Summary.median(backward)).put("sink", sink).build();
    }

    @Override
    public ExperimentResult reduce(RunOptions options, List<TrialResult> results) {
        Trials.Lookup done = new Trials.Lookup(results);
        Map<String, Object> table = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<Double> forwardCosts = new ArrayList<>();
        List<Double> backwardCosts = new ArrayList<>();
        List<Double> expBased = new ArrayList<>();
        List<Double> maxBased = new ArrayList<>();
        double sink = 0;
        String kernels = null;
        for (Activation f : Activations.catalogue()) {
            TrialResult r = done.get(trial(f, options.quick(), options.baseSeed()));
            kernels = r.text("kernels");
            sink += r.number("sink");
            double forwardMedian = r.number("forward");
            double backwardMedian = r.number("backward");
            Traits.Cost cost = Traits.Cost.valueOf(r.text("cost class"));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cost class", cost.name().toLowerCase(Locale.ROOT));
            row.put("forward ns/element", forwardMedian);
            row.put("backward ns/element", backwardMedian);
            table.put(r.text("id"), row);
            names.add(r.text("id"));
            forwardCosts.add(forwardMedian);
            backwardCosts.add(backwardMedian);
            if (cost == Traits.Cost.TRANSCENDENTAL) {
                expBased.add(forwardMedian + backwardMedian);
            } else if (cost == Traits.Cost.CHEAP) {
                maxBased.add(forwardMedian + backwardMedian);
            }
        }
        double expMedian = Summary.median(Lab.doubles(expBased));
        double maxMedian = Summary.median(Lab.doubles(maxBased));
        Verdict verdict = judge(expMedian, maxMedian);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "median fwd+bwd: exp-based %s ns/elem vs max-based %s ns/elem (×%s)",
                Figures.format(expMedian), Figures.format(maxMedian), Figures.format(expMedian / maxMedian)));
        figures.put("kernels", kernels);
        figures.put("exp-based median forward+backward ns/element", expMedian);
        figures.put("max-based median forward+backward ns/element", maxMedian);
        figures.put("ratio exp-based / max-based", expMedian / maxMedian);
        figures.put("exp-based activations", expBased.size());
        figures.put("max-based activations", maxBased.size());
        figures.put("per activation (median over rounds)", table);
        figures.put("caveat", "in-process timing on a shared machine; JMH figures live in docs/BENCHMARKS.md");
        if (sink == 42.4242) {
            figures.put("sink", sink);
        }
        Chart chart = Chart.bars("Cost per element through the " + kernels + " kernels", "activation",
                "ns per element (median)", false, names, List.of(
                        new Chart.Series("forward", null, Lab.doubles(forwardCosts)),
                        new Chart.Series("backward", null, Lab.doubles(backwardCosts))));
        return new ExperimentResult(name(), claim(), setup() + (options.quick() ? " (quick run)" : ""), criterion(),
                verdict, figures, List.of(options.baseSeed()), List.of(chart));
    }
}
