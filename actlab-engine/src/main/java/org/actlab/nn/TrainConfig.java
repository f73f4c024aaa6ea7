package org.actlab.nn;

import java.util.Objects;
import org.actlab.spec.Setting;
import org.actlab.spec.Settings;

/**
 * How to train, as typed values: the optimiser and the schedule arrive parsed (from
 * {@link #builder()}'s spec setters or the lab's run description) and are not parsed again.
 * Build one with {@link #builder()}, which names every setting; the positional constructor is
 * public only because a record's must be.
 *
 * @param epochs       passes over the training set
 * @param batchSize    rows per step
 * @param optimizer    the optimiser, for example {@code sgd} or {@code adam(beta1=0.9)}; each trainer
 *                     makes its own stateful {@link Optimizer} from it
 * @param learningRate the base learning rate
 * @param schedule     learning-rate schedule: {@code constant}, {@code step(every=50, gamma=0.5)}, {@code cosine}
 * @param l1           L1 penalty strength, 0 for none
 * @param l2           L2 penalty strength, 0 for none
 * @param clipNorm     clip each layer's gradient to this L2 norm; 0 or less for no clipping
 * @param seed         seeds shuffling, initialisation and stochastic activations
 * @param threads      threads for matrix multiply; results are bit-identical for one seed whatever
 *                     the count, because the multiply splits output tiles and never a sum
 */
public record TrainConfig(int epochs, int batchSize, OptimizerSpec optimizer, double learningRate, Schedule schedule,
                          double l1, double l2, double clipNorm, long seed, int threads) {

    public TrainConfig {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        Objects.requireNonNull(optimizer, "optimizer");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        Objects.requireNonNull(schedule, "schedule");
        if (!(l1 >= 0) || !(l2 >= 0)) {
            throw new IllegalArgumentException("l1 and l2 must be >= 0, got l1=" + l1 + ", l2=" + l2);
        }
        if (Double.isNaN(clipNorm)) {
            throw new IllegalArgumentException("clip norm must be a number (0 or less for none), got NaN");
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** Default passes over the training set. */
    public static final int DEFAULT_EPOCHS = 100;
    /** Default rows per step (TF Playground's). */
    public static final int DEFAULT_BATCH = 10;
    /** Default optimiser spec. */
    public static final String DEFAULT_OPTIMIZER = "sgd";
    /** Default base learning rate (TF Playground's). */
    public static final double DEFAULT_LEARNING_RATE = 0.03;
    /** Default schedule spec. */
    public static final String DEFAULT_SCHEDULE = "constant";
    /** Default seed. */
    public static final long DEFAULT_SEED = 1;

    /** Passes over the training set. */
    public static final Setting<Integer> EPOCHS = Setting.of("epochs", DEFAULT_EPOCHS, "Passes over the training set.");
    /** Rows per step. */
    public static final Setting<Integer> BATCH = Setting.of("batch", DEFAULT_BATCH, "Rows per step.");
    /** The optimiser. */
    public static final Setting<OptimizerSpec> OPTIMIZER = Setting.of("optimizer", OptimizerSpec.parse(DEFAULT_OPTIMIZER),
            "Optimiser, e.g. sgd, momentum, adam(beta1=0.9).");
    /** The base learning rate. */
    public static final Setting<Double> LEARNING_RATE = Setting.of("learningRate", DEFAULT_LEARNING_RATE, "Learning rate.");
    /** The learning-rate schedule. */
    public static final Setting<Schedule> SCHEDULE = Setting.of("schedule", Schedule.parse(DEFAULT_SCHEDULE),
            "Learning-rate schedule, e.g. constant, cosine, step(every=50, gamma=0.5).");
    /** L1 penalty strength; none by default. */
    public static final Setting<Double> L1 = Setting.of("l1", 0.0, "L1 penalty.");
    /** L2 penalty strength; none by default. */
    public static final Setting<Double> L2 = Setting.of("l2", 0.0, "L2 penalty.");
    /** Per-layer gradient-norm clip; none by default. */
    public static final Setting<Double> CLIP = Setting.of("clip", 0.0, "Clip each layer's gradient to this L2 norm; 0 for none.");
    /** Seeds shuffling, initialisation and stochastic activations (and, in a run, the data and its split). */
    public static final Setting<Long> SEED = Setting.of("seed", DEFAULT_SEED, "Seed for data, split, initialisation and shuffling.");
    /** Threads for matrix multiply: every core by default, since the result does not depend on the count. */
    public static final Setting<Integer> THREADS = Setting.computed("threads", TrainConfig::defaultThreads,
            "Threads for matrix multiply; results are bit-identical for any count.", "all cores");

    /** The defaults: {@code builder().build()}. */
    public static TrainConfig defaults() {
        return builder().build();
    }

    /** A builder with every default: see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config's values. */
    public Builder toBuilder() {
        return new Builder().set(EPOCHS, epochs).set(BATCH, batchSize).set(OPTIMIZER, optimizer).set(LEARNING_RATE, learningRate)
                .set(SCHEDULE, schedule).set(L1, l1).set(L2, l2).set(CLIP, clipNorm).set(SEED, seed).set(THREADS, threads);
    }

    /**
     * Threads used when none are given: every core, since the result does not depend on the count.
     * The cores are counted once per process: every config built asks (a sweep builds one per trial),
     * and in a container the JDK rereads its cgroup files every 20 ms, which took 2% of the profile
     * samples of tiny sweep trials (docs/SWEEPS.md, "Throughput").
     */
    public static int defaultThreads() {
        return Cores.COUNT;
    }

    /** The cores, counted when first asked for. */
    private static final class Cores {
        static final int COUNT = Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Names the settings of a {@link TrainConfig}, by the {@link Setting}s above (100 epochs, batch 10,
     * {@code sgd} at 0.03, {@code constant} rate, no L1, L2 or clipping, seed 1, every core): for
     * example {@code builder().set(EPOCHS, 60).set(BATCH, 16).optimizer("adam", 0.02).build()}.
     */
    public static final class Builder extends Settings<Builder> {

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The optimiser and its base rate, which go together; the spec is parsed at once, so a bad
         * one fails here with the registry's message.
         */
        public Builder optimizer(String spec, double rate) {
            return set(OPTIMIZER, OptimizerSpec.parse(spec)).set(LEARNING_RATE, rate);
        }

        public TrainConfig build() {
            return new TrainConfig(get(EPOCHS), get(BATCH), get(OPTIMIZER), get(LEARNING_RATE), get(SCHEDULE), get(L1), get(L2),
                    get(CLIP), get(SEED), get(THREADS));
        }
    }
}
