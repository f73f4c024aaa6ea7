package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
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
public final class ActivationCost extends StatedExperiment {

    /** Pre-registered: the exp-based group's median cost must exceed the max-based group's by more than this factor. */
    static final double MIN_COST_RATIO = 1.2;
    /**
     * The reproducibility bar: the whole measurement is run twice, and the two runs' exp-based /
     * max-based ratios must agree within this relative difference (larger over smaller, minus 1). It is a
     * precondition of the verdict: a path whose runs disagree is {@code inconclusive}.
     */
    static final double REPEAT_AGREEMENT = 0.15;
    /** How many times the measurement runs: the first is judged, the second repeats it for the agreement check. */
    static final int RUNS = 2;
    /**
     * Priming before the warm-up: this many forward+backward calls on the first {@link #PRIME_ELEMENTS}
     * elements (full run; a quick run makes a tenth), or fewer if the wall-time cap comes first.
     */
    static final int PRIME_CALLS = 20_000;
    static final int PRIME_ELEMENTS = 64;
    /**
     * A full run measures each activation on each path in this many fresh JVMs ({@link CostFork}) and takes
     * the median over them per round; a quick run measures in its own process (0 forks).
     */
    static final int FORKS = 3;

    /** Warm-up of a full run: blocks of 10 ms wall time, batches of 5, successive batch medians within 5%, at most 40 batches. */
    static final WarmUp.Rule FULL_WARM_UP = new WarmUp.Rule(5, 0.05, 40);
    /** Warm-up of a quick run: blocks of 2 ms, batches of 3, within 5%, at most 10 batches. */
    static final WarmUp.Rule QUICK_WARM_UP = new WarmUp.Rule(3, 0.05, 10);

    /** The slice timed: 16,384 floats (a quick run: 1,024, so that a call of still-interpreted code costs little). */
    private static final int ELEMENTS = 1 << 14;
    private static final int QUICK_ELEMENTS = 1 << 10;

    public ActivationCost() {
        super("cost",
                "Max-based activations (ReLU, leaky ReLU, …) are cheap; exponential-based ones (logistic, tanh, ELU, …) "
                        + "cost more per element.",
                "Every catalogue activation through both kernel paths (the scalar twin, and the Vector API when it is "
                        + "available), on " + ELEMENTS + " floats (quick: " + QUICK_ELEMENTS + ") drawn uniformly from [−5, 5]. Priming: " + PRIME_CALLS
                        + " forward+backward calls on the first " + PRIME_ELEMENTS + " elements (quick: a tenth), at most 10 s "
                        + "(quick: 0.2 s), so that the JIT's top tier compiles the kernels however slow they run before. "
                        + "Warm-up in blocks of 10 ms (quick: "
                        + "2 ms) of forward+backward calls, in " + FULL_WARM_UP.describe() + " (quick: " + QUICK_WARM_UP.describe()
                        + "); the blocks used, the activations whose warm-up did not settle and the JIT's compilation time during "
                        + "the timed rounds are reported. Then 15 rounds of about 5 ms (quick: 5 rounds of 1 ms), each timing "
                        + "forward and backward calls apart. The whole measurement runs " + RUNS + " times (every activation on every "
                        + "path, then all again); the first run is judged, the second checks that the ratio repeats. A full run "
                        + "measures each activation, on each path and in each run, in " + FORKS + " JVMs of its own (forked, as JMH "
                        + "does), so that no kernel's type profile carries over from the activations measured before it, and takes "
                        + "per round the median over the forks, so that one fork whose JIT left a kernel in slow code does not "
                        + "decide; a quick run measures all in its own process. Warm-up blocks are wall time (the JIT's compiler threads need it); all rates are the measuring "
                        + "thread's CPU time (the wall clock where the JVM cannot read it), so that time spent waiting for a core on "
                        + "a loaded machine is not counted. Caveat: in-process timing on a shared machine; JMH figures live in "
                        + "docs/BENCHMARKS.md.",
                String.format(Locale.ROOT, "Per timing round: the median forward+backward ns/element over the exponential-based "
                                + "(transcendental) activations over that over the max-based (cheap) ones, log₁₀; t interval over the "
                                + "rounds (95%%; rounds are repeats within one process, so the interval covers timer noise, not "
                                + "run-to-run drift). One claim per kernel path: supported when the interval lies above log₁₀ %.1f. "
                                + "Control (A/A): the max-based activations split in two by catalogue order, same measure, must not "
                                + "clear the margin. Precondition, per path: the first and the second of the %d runs give ratios that "
                                + "agree within %d%% (larger over smaller below %s); when they do not, the measurement is not valid "
                                + "and the verdict is inconclusive. The verdict rests on the first run.",
                        MIN_COST_RATIO, RUNS, Math.round(100 * REPEAT_AGREEMENT), Figures.format(1 + REPEAT_AGREEMENT)));
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

    /** The kernel paths measured: scalar, and vector when the Vector API is usable. */
    static List<String> paths() {
        return Kernels.vector() == null ? List.of("scalar") : List.of("scalar", "vector");
    }

    private Trial trial(Activation f, String path, int run, boolean quick, long seed) {
        return Trial.of(name(), "ns-per-element").with("activation", f.spec()).with("kernels", path).with("run", run)
                .with("quick", quick).with("forks", quick ? 0 : FORKS).with("seed", seed).build();
    }

    /**
     * The precondition on one path: the two runs' ratios agree when larger over smaller is below
     * 1 + {@link #REPEAT_AGREEMENT} (a NaN or non-positive ratio never agrees).
     */
    static Effect agreement(String kernels, double first, double second) {
        double apart = first > 0 && second > 0 ? Math.max(first, second) / Math.min(first, second) : Double.NaN;
        return Effect.exact("larger / smaller of the two runs' ratios, " + kernels + " kernels", Effect.Role.precondition,
                Effect.Direction.below, 1 + REPEAT_AGREEMENT, apart);
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        if (options.quick()) {
            // In one process the second run repeats the whole sequence, so that it meets the JIT state the first left.
            for (int run = 1; run <= RUNS; run++) {
                for (String path : paths()) {
                    for (Activation f : Activations.catalogue()) {
                        trials.add(trial(f, path, run, true, options.baseSeed()));
                    }
                }
            }
            return trials;
        }
        // Forked trials start from a fresh JVM whatever ran before, so the two runs of an activation are measured
        // back to back: a change in the machine's load during the 10-minute measurement (other jobs starting or
        // ending) then falls on both runs alike instead of on one of them.
        for (String path : paths()) {
            for (Activation f : Activations.catalogue()) {
                for (int run = 1; run <= RUNS; run++) {
                    trials.add(trial(f, path, run, false, options.baseSeed()));
                }
            }
        }
        return trials;
    }

    /**
     * Times one activation through the kernels of the machine that runs the trial: the medians of
     * forward and backward ns/element over the rounds. Timing is the one thing a trial measures that
     * is not a function of the trial alone. A full run measures each trial in {@link #FORKS} JVMs of its own
     * ({@link CostFork}: in one process the kernels' type profiles carry over from one activation to the
     * next); a quick run measures in this process.
     */
    @Override
    public TrialResult runTrial(Trial trial) {
        return trial.integer("forks") > 0 ? CostFork.run(trial, trial.integer("forks")) : measure(trial);
    }

    /** The measurement itself, in this JVM. */
    static TrialResult measure(Trial trial) {
        boolean quick = trial.flag("quick");
        long blockNanos = (quick ? 2 : 10) * 1_000_000L;
        int rounds = quick ? 5 : 15;
        long roundNanos = (quick ? 1 : 5) * 1_000_000L;
        ActivationKernels kernels = trial.text("kernels").equals("vector") ? Kernels.vector() : Kernels.scalar();
        if (kernels == null) {
            throw new IllegalStateException("the vector kernel path is not available on this machine");
        }
        Activation f = Activations.parse(trial.text("activation"));

        SplittableRandom rng = new SplittableRandom(trial.seed());
        int elements = quick ? QUICK_ELEMENTS : ELEMENTS;
        float[] z = new float[elements];
        float[] a = new float[elements];
        float[] dA = new float[elements];
        float[] dZ = new float[elements];
        for (int i = 0; i < elements; i++) {
            z[i] = (float) (rng.nextDouble() * 10 - 5);
            dA[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        float[] dParams = new float[f.parameters().length];
        Clock clock = Clock.best();
        LongSupplier jit = WarmUp.jitClock();
        // Prime with many short calls, so that the JIT's invocation and back-edge counters cross the top tier's
        // thresholds (C2 compiles a method after 5,000-15,000 calls) even where the code is slow until then: a
        // Vector API kernel runs some 100x slower before C2 intrinsifies it (a run measured 761 ns per element for
        // sigmoid), and at that speed the full slice takes 12 ms a call, so the warm-up blocks saw one call each,
        // agreed with each other and stopped on slow code. Interpreted, the Vector API costs milliseconds a call
        // whatever the slice (a probe: 4,000 calls of 64 elements took seconds, then 2,000 took 3 ms), so the
        // cap is generous; only the first activations on a path, which compile the shared helpers, get near it.
        int primeCalls = quick ? PRIME_CALLS / 10 : PRIME_CALLS;
        long primeEnd = System.nanoTime() + (quick ? 200 : 10_000) * 1_000_000L;
        int primed = 0;
        while (primed < primeCalls && System.nanoTime() < primeEnd) {
            kernels.forward(f, z, 0, a, 0, PRIME_ELEMENTS);
            kernels.backward(f, z, 0, a, 0, dA, 0, dZ, 0, PRIME_ELEMENTS, dParams);
            primed++;
        }
        // A block lasts blockNanos of wall time, so that the JIT's compiler threads get that time to work (on a
        // loaded machine a block of thread CPU time passes before they have run); its cost is in thread CPU time.
        WarmUp.Outcome warm = WarmUp.run(quick ? QUICK_WARM_UP : FULL_WARM_UP, () -> {
            long calls = 0;
            long wallStart = System.nanoTime();
            long blockStart = clock.nanos();
            while (System.nanoTime() - wallStart < blockNanos) {
                kernels.forward(f, z, 0, a, 0, elements);
                kernels.backward(f, z, 0, a, 0, dA, 0, dZ, 0, elements, dParams);
                calls++;
            }
            return (double) (clock.nanos() - blockStart) / calls;
        }, jit);
        // The timed rounds are sized from the settled rate, so that cheap and dear functions both get rounds
        // long enough for the clock.
        int callsPerRound = (int) Math.max(1, Math.min(1_000_000, roundNanos / warm.lastMedian()));
        double[] forward = new double[rounds];
        double[] backward = new double[rounds];
        double sink = 0;
        long jitBefore = jit.getAsLong();
        for (int r = 0; r < rounds; r++) {
            long start = clock.nanos();
            for (int i = 0; i < callsPerRound; i++) {
                kernels.forward(f, z, 0, a, 0, elements);
            }
            long middle = clock.nanos();
            for (int i = 0; i < callsPerRound; i++) {
                kernels.backward(f, z, 0, a, 0, dA, 0, dZ, 0, elements, dParams);
            }
            long end = clock.nanos();
            forward[r] = (double) (middle - start) / ((double) callsPerRound * elements);
            backward[r] = (double) (end - middle) / ((double) callsPerRound * elements);
            // Reading the outputs keeps the JIT from discarding the calls as dead code.
            sink += a[r] + dZ[r];
        }
        return TrialResult.of(trial).put("id", f.id()).put("cost class", f.traits().cost().name())
                .put("kernels", kernels.name()).put("forward", forward).put("backward", backward)
                .put("priming calls", primed).put("warm-up blocks", warm.blocks()).put("steady", warm.steady())
                .put("JIT ms during rounds", jit.getAsLong() - jitBefore).put("clock", clock.name())
                .put("JVM", trial.integer("forks") > 0 ? "forked" : "shared with the other trials").put("sink", sink).build();
    }

    /** One run on one path: per activation its result, and the per-round costs of the two groups. */
    private record PathRun(List<TrialResult> results, List<double[]> expBased, List<double[]> maxBased) {

        static PathRun of(ActivationCost cost, String path, int run, RunOptions options, Trials.Lookup done) {
            List<TrialResult> results = new ArrayList<>();
            List<double[]> expBased = new ArrayList<>();
            List<double[]> maxBased = new ArrayList<>();
            for (Activation f : Activations.catalogue()) {
                TrialResult r = done.get(cost.trial(f, path, run, options.quick(), options.baseSeed()));
                results.add(r);
                Traits.Cost group = Traits.Cost.valueOf(r.text("cost class"));
                if (group == Traits.Cost.TRANSCENDENTAL) {
                    expBased.add(forwardPlusBackward(r));
                } else if (group == Traits.Cost.CHEAP) {
                    maxBased.add(forwardPlusBackward(r));
                }
            }
            return new PathRun(results, expBased, maxBased);
        }

        /** Per round, log₁₀ of exp-based over max-based. */
        double[] logRatio() {
            return logRatioPerRound(expBased, maxBased);
        }

        /** The ratio exp-based / max-based: the geometric mean over rounds. */
        double ratio() {
            return Math.pow(10, Statistics.meanInterval(logRatio()).mean());
        }
    }

    @Override
    public ExperimentResult reduce(RunOptions options, List<TrialResult> results) {
        Trials.Lookup done = new Trials.Lookup(results);
        Map<String, Object> figures = new LinkedHashMap<>();
        List<Effect> effects = new ArrayList<>();
        List<Chart> charts = new ArrayList<>();
        StringBuilder headline = new StringBuilder("median fwd+bwd exp-based / max-based:");
        List<String> invalid = new ArrayList<>();
        double sink = 0;
        for (String path : paths()) {
            PathRun judged = PathRun.of(this, path, 1, options, done);
            PathRun repeat = PathRun.of(this, path, RUNS, options, done);
            Map<String, Object> table = new LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            List<Double> forwardCosts = new ArrayList<>();
            List<Double> backwardCosts = new ArrayList<>();
            List<Double> warmUp = new ArrayList<>();
            List<String> unsteady = new ArrayList<>();
            double jitMillis = 0;
            for (int i = 0; i < judged.results().size(); i++) {
                TrialResult r = judged.results().get(i);
                sink += r.number("sink");
                double forward = Summary.median(r.numbers("forward"));
                double backward = Summary.median(r.numbers("backward"));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("cost class", r.text("cost class").toLowerCase(Locale.ROOT));
                row.put("forward ns/element", forward);
                row.put("backward ns/element", backward);
                row.put("priming calls", r.integer("priming calls"));
                row.put("warm-up blocks", r.integer("warm-up blocks"));
                row.put("forward+backward ns/element, second run", Summary.median(forwardPlusBackward(repeat.results().get(i))));
                table.put(r.text("id"), row);
                names.add(r.text("id"));
                forwardCosts.add(forward);
                backwardCosts.add(backward);
                warmUp.add((double) r.integer("warm-up blocks"));
                jitMillis += r.number("JIT ms during rounds");
                if (!r.flag("steady")) {
                    unsteady.add(r.text("id"));
                }
            }
            String kernels = judged.results().get(0).text("kernels");
            List<double[]> cheapOdd = new ArrayList<>();
            List<double[]> cheapEven = new ArrayList<>();
            for (int i = 0; i < judged.maxBased().size(); i++) {
                (i % 2 == 0 ? cheapEven : cheapOdd).add(judged.maxBased().get(i));
            }
            Effect claim = Effect.ofUnits("log10 cost ratio exp-based / max-based, " + kernels + " kernels",
                    Effect.Role.claim, Effect.Direction.above, Math.log10(MIN_COST_RATIO), judged.logRatio(), ROUNDS_TEST);
            effects.add(claim);
            effects.add(Effect.ofUnits("log10 cost ratio max-based (even) / max-based (odd), " + kernels + " kernels",
                    Effect.Role.control, Effect.Direction.above, Math.log10(MIN_COST_RATIO), logRatioPerRound(cheapEven, cheapOdd),
                    ROUNDS_TEST));
            double first = Math.pow(10, claim.estimate());
            double second = repeat.ratio();
            Effect agreement = agreement(kernels, first, second);
            effects.add(agreement);
            boolean agree = agreement.verdict() == Verdict.supported;
            String bar = Math.round(100 * REPEAT_AGREEMENT) + "%";
            if (!agree) {
                invalid.add(String.format(Locale.ROOT, "%s: ×%s against ×%s", kernels, Figures.format(first),
                        Figures.format(second)));
            }
            headline.append(String.format(Locale.ROOT, " %s ×%s (repeat ×%s, %s);", kernels, Figures.format(first),
                    Figures.format(second), agree ? "agrees within " + bar : "does NOT agree within " + bar));
            Map<String, Object> pathFigures = new LinkedHashMap<>();
            pathFigures.put("clock", judged.results().get(0).text("clock"));
            pathFigures.put("JVM", judged.results().get(0).text("JVM"));
            pathFigures.put("exp-based activations", judged.expBased().size());
            pathFigures.put("max-based activations", judged.maxBased().size());
            pathFigures.put("ratio exp-based / max-based (geometric mean over rounds)", first);
            pathFigures.put("ratio exp-based / max-based, second run", second);
            pathFigures.put("two runs agree within " + bar + " (larger / smaller = " + Figures.format(agreement.estimate())
                    + "; precondition of the verdict)", agree);
            pathFigures.put("warm-up blocks until steady", Summary.of(Lab.doubles(warmUp)));
            pathFigures.put("activations whose warm-up did not settle", unsteady.isEmpty() ? "none" : String.join(", ", unsteady));
            pathFigures.put("JIT compilation during the timed rounds (ms, all activations)", jitMillis);
            pathFigures.put("per activation (median over rounds)", table);
            figures.put(kernels + " kernels", pathFigures);
            charts.add(Chart.bars("Cost per element through the " + kernels + " kernels", "activation",
                    "ns per element (median)", false, names, List.of(
                            new Chart.Series("forward", null, Lab.doubles(forwardCosts)),
                            new Chart.Series("backward", null, Lab.doubles(backwardCosts)))));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(ExperimentResult.HEADLINE, headline.substring(0, headline.length() - 1));
        out.put("precondition", invalid.isEmpty()
                ? "met: on every path the two runs agree within " + Math.round(100 * REPEAT_AGREEMENT) + "%"
                : "NOT met, so the verdict is inconclusive: the two runs disagree by more than "
                        + Math.round(100 * REPEAT_AGREEMENT) + "% (" + String.join("; ", invalid) + ")");
        out.putAll(figures);
        out.put("caveat", "in-process timing on a shared machine; JMH figures live in docs/BENCHMARKS.md");
        if (sink == 42.4242) {
            out.put("sink", sink);
        }
        return result(options, out, List.of(options.baseSeed()), charts, effects);
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
