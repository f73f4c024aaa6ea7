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

    /** Pre-registered: the exp-based group's median cost must exceed the max-based group's by more than this factor. */
    static final double MIN_COST_RATIO = 1.2;
    /** Warm-up ends when two consecutive warm-up blocks agree within this relative difference. */
    static final double STABLE = 0.05;
    /**
     * The reproducibility bar: the whole measurement is run twice, and the two runs' exp-based /
     * max-based ratios must agree within this relative difference (larger over smaller, minus 1).
     */
    static final double REPEAT_AGREEMENT = 0.15;
    /** How many times the measurement runs: the first is judged, the second repeats it for the agreement check. */
    static final int RUNS = 2;

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
        return "Every catalogue activation through both kernel paths (scalar twin and Vector API, when available; quick: "
                + "only the path chosen at start-up), on "
                + ELEMENTS + " floats drawn uniformly from [−5, 5]: warm-up in blocks of 10 ms (quick: 4 ms) until two "
                + "consecutive blocks agree within " + Math.round(100 * STABLE) + "% (at least 3 blocks, at most 100, quick: "
                + "8; the blocks used and the activations that never settled are reported), then 15 rounds of about 5 ms (quick: 5 rounds of 1 ms), each timing forward "
                + "and backward calls apart. The whole measurement runs " + RUNS + " times in one process (every "
                + "activation, then every activation again); the first run is judged, the second checks that the ratio "
                + "repeats within " + Math.round(100 * REPEAT_AGREEMENT) + "%. Warm-up blocks are wall time (the JIT's "
                + "compiler threads need it); all rates are the measuring thread's CPU time (the wall clock where the JVM cannot "
                + "read it), so that time spent waiting for a core on a loaded machine is not counted. Caveat: in-process timing on a shared "
                + "machine; JMH figures live in docs/BENCHMARKS.md.";
    }

    @Override
    public String criterion() {
        return String.format(Locale.ROOT, "Per timing round: the median forward+backward ns/element over the exponential-based "
                        + "(transcendental) activations over that over the max-based (cheap) ones, log₁₀; t interval over the "
                        + "rounds (95%%; rounds are repeats within one process, so the interval covers timer noise, not "
                        + "run-to-run drift). One claim per kernel path: supported when the interval lies above log₁₀ %.1f. "
                        + "Control (A/A): the max-based activations split in two by catalogue order, same measure, must not "
                        + "clear the margin. The verdict rests on the first of the %d runs; whether the second run's ratio "
                        + "agrees with the first within %d%% (larger over smaller) is reported beside it, per path.",
                MIN_COST_RATIO, RUNS, Math.round(100 * REPEAT_AGREEMENT));
    }

    /** Per round, log₁₀ of the median of group a over the median of group b (rows: activations, columns: rounds). */
    static double[] logRatioPerRound(List<double[]> a, List<double[]> b) {
        int rounds = a.get(0).length;
        double[] out = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            final int round = r;
            out[r] = Math.log10(Summary.median(a.stream().mapToDouble(x -> x[round]).toArray())
                    / Summary.median(b.stream().mapToDouble(x -> x[round]).toArray()));
        }
        return out;
    }

    /**
     * The kernel paths measured: in a full run scalar, and vector when the Vector API is usable; in a
     * quick run only the path chosen at start-up, to stay in the quick budget.
     */
    static List<String> paths(boolean quick) {
        if (quick) {
            return List.of(Kernels.activations() == Kernels.scalar() ? "scalar" : "vector");
        }
        return Kernels.vector() == null ? List.of("scalar") : List.of("scalar", "vector");
    }

    private Trial trial(Activation f, String path, int run, boolean quick, long seed) {
        return Trial.of(name(), "ns-per-element").with("activation", f.spec()).with("kernels", path).with("run", run)
                .with("quick", quick).with("seed", seed).build();
    }

    /** Whether two runs' ratios agree within {@link #REPEAT_AGREEMENT}: larger over smaller at most 1 + that. */
    static boolean agree(double first, double second) {
        return first > 0 && second > 0 && Math.max(first, second) / Math.min(first, second) <= 1 + REPEAT_AGREEMENT;
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            for (String path : paths(options.quick())) {
                for (Activation f : Activations.catalogue()) {
                    trials.add(trial(f, path, run, options.quick(), options.baseSeed()));
                }
            }
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
        long blockNanos = (quick ? 4 : 10) * 1_000_000L;
        int rounds = quick ? 5 : 15;
        long roundNanos = (quick ? 1 : 5) * 1_000_000L;
        ActivationKernels kernels = trial.text("kernels").equals("vector") ? Kernels.vector() : Kernels.scalar();
        if (kernels == null) {
            throw new IllegalStateException("the vector kernel path is not available on this machine");
        }
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
        Clock clock = Clock.best();
        // Warm up until the rate is steady: JIT compilation (and its tiers) shows as blocks that keep
        // getting faster; two consecutive blocks within STABLE of each other mean it has settled. The
        // timed rounds are sized from the last block's rate, so that cheap and dear functions both get
        // rounds long enough for the clock.
        double nanosPerPair = Double.NaN;
        double previous = Double.NaN;
        int blocks = 0;
        int maxBlocks = quick ? 8 : 100;
        boolean steady = false;
        while (blocks < maxBlocks) {
            long calls = 0;
            // A block lasts blockNanos of wall time, so that the JIT's compiler threads get that time to work
            // (on a loaded machine a block of thread CPU time passes before they have run); its rate is in
            // thread CPU time.
            long wallStart = System.nanoTime();
            long blockStart = clock.nanos();
            while (System.nanoTime() - wallStart < blockNanos) {
                kernels.forward(f, z, 0, a, 0, ELEMENTS);
                kernels.backward(f, z, 0, a, 0, dA, 0, dZ, 0, ELEMENTS, dParams);
                calls++;
            }
            nanosPerPair = (double) (clock.nanos() - blockStart) / calls;
            blocks++;
            if (blocks >= 3 && Math.abs(nanosPerPair - previous) <= STABLE * previous) {
                steady = true;
                break;
            }
            previous = nanosPerPair;
        }
        int callsPerRound = (int) Math.max(1, Math.min(1_000_000, roundNanos / nanosPerPair));
        double[] forward = new double[rounds];
        double[] backward = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = clock.nanos();
            for (int i = 0; i < callsPerRound; i++) {
                kernels.forward(f, z, 0, a, 0, ELEMENTS);
            }
            long middle = clock.nanos();
            for (int i = 0; i < callsPerRound; i++) {
                kernels.backward(f, z, 0, a, 0, dA, 0, dZ, 0, ELEMENTS, dParams);
            }
            long end = clock.nanos();
            forward[r] = (double) (middle - start) / ((double) callsPerRound * ELEMENTS);
            backward[r] = (double) (end - middle) / ((double) callsPerRound * ELEMENTS);
            // Reading the outputs keeps the JIT from discarding the calls as dead code.
            sink += a[r] + dZ[r];
        }
        return TrialResult.of(trial).put("id", f.id()).put("cost class", f.traits().cost().name())
                .put("kernels", kernels.name()).put("forward", forward).put("backward", backward)
                .put("warm-up blocks", blocks).put("steady", steady).put("clock", clock.name()).put("sink", sink).build();
    }

    @Override
    public ExperimentResult reduce(RunOptions options, List<TrialResult> results) {
        Trials.Lookup done = new Trials.Lookup(results);
        Map<String, Object> figures = new LinkedHashMap<>();
        List<Effect> effects = new ArrayList<>();
        List<Chart> charts = new ArrayList<>();
        StringBuilder headline = new StringBuilder("median fwd+bwd exp-based / max-based:");
        double sink = 0;
        for (String path : paths(options.quick())) {
            Map<String, Object> table = new LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            List<Double> forwardCosts = new ArrayList<>();
            List<Double> backwardCosts = new ArrayList<>();
            List<double[]> expBased = new ArrayList<>();
            List<double[]> maxBased = new ArrayList<>();
            List<Double> warmUp = new ArrayList<>();
            List<String> unsteady = new ArrayList<>();
            String kernels = null;
            String clockName = null;
            for (Activation f : Activations.catalogue()) {
                TrialResult r = done.get(trial(f, path, 1, options.quick(), options.baseSeed()));
                kernels = r.text("kernels");
                clockName = r.text("clock");
                sink += r.number("sink");
                double[] forward = r.numbers("forward");
                double[] backward = r.numbers("backward");
                double[] both = forwardPlusBackward(r);
                Traits.Cost cost = Traits.Cost.valueOf(r.text("cost class"));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("cost class", cost.name().toLowerCase(Locale.ROOT));
                row.put("forward ns/element", Summary.median(forward));
                row.put("backward ns/element", Summary.median(backward));
                row.put("warm-up blocks", r.integer("warm-up blocks"));
                table.put(r.text("id"), row);
                names.add(r.text("id"));
                forwardCosts.add(Summary.median(forward));
                backwardCosts.add(Summary.median(backward));
                warmUp.add((double) r.integer("warm-up blocks"));
                if (!r.flag("steady")) {
                    unsteady.add(r.text("id"));
                }
                if (cost == Traits.Cost.TRANSCENDENTAL) {
                    expBased.add(both);
                } else if (cost == Traits.Cost.CHEAP) {
                    maxBased.add(both);
                }
            }
            List<double[]> cheapOdd = new ArrayList<>();
            List<double[]> cheapEven = new ArrayList<>();
            for (int i = 0; i < maxBased.size(); i++) {
                (i % 2 == 0 ? cheapEven : cheapOdd).add(maxBased.get(i));
            }
            Effect claim = Effect.ofUnits("log10 cost ratio exp-based / max-based, " + kernels + " kernels",
                    Effect.Role.claim, Effect.Direction.above, Math.log10(MIN_COST_RATIO), logRatioPerRound(expBased, maxBased),
                    ROUNDS_TEST);
            effects.add(claim);
            effects.add(Effect.ofUnits("log10 cost ratio max-based (even) / max-based (odd), " + kernels + " kernels",
                    Effect.Role.control, Effect.Direction.above, Math.log10(MIN_COST_RATIO), logRatioPerRound(cheapEven, cheapOdd),
                    ROUNDS_TEST));
            double first = Math.pow(10, claim.estimate());
            double second = repeatedRatio(path, options, done);
            boolean agree = agree(first, second);
            headline.append(String.format(Locale.ROOT, " %s ×%s (repeat ×%s, %s);", kernels, Figures.format(first),
                    Figures.format(second), agree ? "agrees within " + Math.round(100 * REPEAT_AGREEMENT) + "%"
                            : "does NOT agree within " + Math.round(100 * REPEAT_AGREEMENT) + "%"));
            Map<String, Object> pathFigures = new LinkedHashMap<>();
            pathFigures.put("clock", clockName);
            pathFigures.put("exp-based activations", expBased.size());
            pathFigures.put("max-based activations", maxBased.size());
            pathFigures.put("ratio exp-based / max-based (geometric mean over rounds)", first);
            pathFigures.put("ratio exp-based / max-based, second run", second);
            pathFigures.put("two runs agree within " + Math.round(100 * REPEAT_AGREEMENT) + "% (larger / smaller = "
                    + Figures.format(Math.max(first, second) / Math.min(first, second)) + ")", agree);
            pathFigures.put("warm-up blocks until steady", Summary.of(Lab.doubles(warmUp)));
            pathFigures.put("activations whose warm-up never settled", unsteady.isEmpty() ? "none" : String.join(", ", unsteady));
            pathFigures.put("per activation (median over rounds)", table);
            figures.put(kernels + " kernels", pathFigures);
            charts.add(Chart.bars("Cost per element through the " + kernels + " kernels", "activation",
                    "ns per element (median)", false, names, List.of(
                            new Chart.Series("forward", null, Lab.doubles(forwardCosts)),
                            new Chart.Series("backward", null, Lab.doubles(backwardCosts)))));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(ExperimentResult.HEADLINE, headline.substring(0, headline.length() - 1));
        out.putAll(figures);
        out.put("caveat", "in-process timing on a shared machine; JMH figures live in docs/BENCHMARKS.md");
        if (sink == 42.4242) {
            out.put("sink", sink);
        }
        return new ExperimentResult(name(), claim(), setup() + (options.quick() ? " (quick run)" : ""), criterion(),
                out, List.of(options.baseSeed()), charts, effects);
    }

    /** The second run's exp-based / max-based ratio on one path, measured as the first run's (geometric mean over rounds). */
    private double repeatedRatio(String path, RunOptions options, Trials.Lookup done) {
        List<double[]> expBased = new ArrayList<>();
        List<double[]> maxBased = new ArrayList<>();
        for (Activation f : Activations.catalogue()) {
            TrialResult r = done.get(trial(f, path, RUNS, options.quick(), options.baseSeed()));
            double[] both = forwardPlusBackward(r);
            Traits.Cost cost = Traits.Cost.valueOf(r.text("cost class"));
            if (cost == Traits.Cost.TRANSCENDENTAL) {
                expBased.add(both);
            } else if (cost == Traits.Cost.CHEAP) {
                maxBased.add(both);
            }
        }
        return Math.pow(10, Statistics.meanInterval(logRatioPerRound(expBased, maxBased)).mean());
    }

    /**
     * The timer: the measuring thread's CPU time where the JVM offers it, else the wall clock. On a
     * machine shared by other processes the wall clock also counts the time the thread waits for a
     * core; CPU time does not (cache and memory contention still show).
     */
    private record Clock(String name, java.util.function.LongSupplier reader) {
        static Clock best() {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            if (threads.isCurrentThreadCpuTimeSupported()) {
                if (!threads.isThreadCpuTimeEnabled()) {
                    threads.setThreadCpuTimeEnabled(true);
                }
                return new Clock("thread CPU time", threads::getCurrentThreadCpuTime);
            }
            return new Clock("wall clock", System::nanoTime);
        }

        long nanos() {
            return reader.getAsLong();
        }
    }

    /** Per round, forward plus backward ns/element of one timed activation. */
    private static double[] forwardPlusBackward(TrialResult r) {
        double[] forward = r.numbers("forward");
        double[] backward = r.numbers("backward");
        double[] both = new double[forward.length];
        for (int i = 0; i < both.length; i++) {
            both[i] = forward[i] + backward[i];
        }
        return both;
    }

    /** The interval's test for timing rounds. */
    static final String ROUNDS_TEST = "t interval over timing rounds within one process, 95%, df = n − 1";
}
