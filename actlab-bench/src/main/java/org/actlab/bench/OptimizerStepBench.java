package org.actlab.bench;

import java.util.SplittableRandom;
import org.actlab.nn.Optimizer;
import org.actlab.nn.Optimizers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One {@link Optimizer#step} over the parameter slots of the {@link MlpSetup} network (784-256-256-10:
 * three weight matrices and three bias vectors, 269,322 values), the update every training step ends
 * with. The gradient is fixed; only the optimiser's own loop is timed.
 *
 * <p>The set-up checks one first step against the closed form of each rule (m̂ = g and v̂ = g² at
 * t = 1) and refuses to run on a mismatch.
 */
@State(Scope.Benchmark)
public class OptimizerStepBench extends JmhDefaults {

    private static final double LEARNING_RATE = 1e-3;
    private static final int[] SLOTS = {MlpSetup.HIDDEN * 784, MlpSetup.HIDDEN, MlpSetup.HIDDEN * MlpSetup.HIDDEN,
        MlpSetup.HIDDEN, 10 * MlpSetup.HIDDEN, 10};

    @Param({"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"})
    public String optimizer;

    private Optimizer rule;
    private float[][] params;
    private float[][] grads;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(BenchData.SEED);
        params = new float[SLOTS.length][];
        grads = new float[SLOTS.length][];
        boolean[] decayed = new boolean[SLOTS.length];
        for (int s = 0; s < SLOTS.length; s++) {
            params[s] = new float[SLOTS[s]];
            grads[s] = new float[SLOTS[s]];
            for (int i = 0; i < SLOTS[s]; i++) {
                params[s][i] = (float) random.nextDouble(-0.1, 0.1);
                grads[s][i] = (float) random.nextDouble(0.01, 1) * (random.nextBoolean() ? 1 : -1);
            }
            decayed[s] = s % 2 == 0;
        }
        rule = Optimizers.parse(optimizer);
        rule.initialise(SLOTS, decayed);
        float w = params[0][0];
        float g = grads[0][0];
        rule.step(params, grads, LEARNING_RATE);
        double expected = firstStep(w, g);
        if (Math.abs(params[0][0] - expected) > 1e-6 * Math.max(1, Math.abs(expected))) {
            throw new IllegalStateException(rule + ": first step gave " + params[0][0] + ", expected " + expected);
        }
    }

    /** The first update of a decayed weight w with gradient g, in closed form, with the default hyperparameters. */
    private double firstStep(double w, double g) {
        switch (optimizer) {
            case "sgd":
            case "momentum":
                return w - LEARNING_RATE * g;
            case "nesterov":
                return w - LEARNING_RATE * (g + 0.9 * g);
            case "adagrad":
                return w - LEARNING_RATE * g / (Math.abs(g) + 1e-10);
            case "rmsprop":
                return w - LEARNING_RATE * g / (Math.sqrt(0.1) * Math.abs(g) + 1e-8);
            case "adam":
                return w - LEARNING_RATE * g / (Math.abs(g) + 1e-8);
            case "adamw":
                return w * (1 - LEARNING_RATE * 0.01) - LEARNING_RATE * g / (Math.abs(g) + 1e-8);
            default:
                throw new IllegalArgumentException("no closed form for " + optimizer);
        }
    }

    @Benchmark
    public float[][] step() {
        rule.step(params, grads, LEARNING_RATE);
        return params;
    }
}
