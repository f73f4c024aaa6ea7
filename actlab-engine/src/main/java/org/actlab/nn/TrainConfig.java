package org.actlab.nn;

import java.util.Objects;

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
        return new Builder().epochs(epochs).batch(batchSize).optimizer(optimizer).learningRate(learningRate)
                .schedule(schedule).l1(l1).l2(l2).clip(clipNorm).seed(seed).threads(threads);
    }

    /** Threads used when none are given: every core, since the result does not depend on the count. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The training settings a run description shares with {@link TrainConfig}, with their defaults
     * and setters written once: {@link Builder} extends it, and so does the lab's run-description
     * builder, which reads the fields when it builds. Defaults: 100 epochs, {@code sgd} at 0.03,
     * {@code constant} rate, no L1, L2 or clipping, seed 1, and {@link #defaultThreads()} threads.
     *
     * @param <B> the concrete builder, which every setter returns
     */
    public abstract static class Settings<B extends Settings<B>> {
        protected int epochs = DEFAULT_EPOCHS;
        protected OptimizerSpec optimizer = OptimizerSpec.parse(DEFAULT_OPTIMIZER);
        protected double learningRate = DEFAULT_LEARNING_RATE;
        protected Schedule schedule = Schedule.parse(DEFAULT_SCHEDULE);
        protected double l1;
        protected double l2;
        protected double clip;
        protected long seed = DEFAULT_SEED;
        protected int threads = defaultThreads();

        protected Settings() {
        }

        /** This builder, as its own type. */
        protected abstract B self();

        public B epochs(int value) {
            epochs = value;
            return self();
        }

        public B optimizer(OptimizerSpec value) {
            optimizer = value;
            return self();
        }

        public B learningRate(double value) {
            learningRate = value;
            return self();
        }

        /**
         * The optimiser and its base rate, which go together; the spec is parsed at once, so a bad
         * one fails here with the registry's message.
         */
        public B optimizer(String spec, double rate) {
            return optimizer(OptimizerSpec.parse(spec)).learningRate(rate);
        }

        public B schedule(Schedule value) {
            schedule = value;
            return self();
        }

        public B l1(double value) {
            l1 = value;
            return self();
        }

        public B l2(double value) {
            l2 = value;
            return self();
        }

        public B clip(double norm) {
            clip = norm;
            return self();
        }

        public B seed(long value) {
            seed = value;
            return self();
        }

        public B threads(int value) {
            threads = value;
            return self();
        }
    }

    /** Names the settings of a {@link TrainConfig}: {@link Settings}' and the batch size, 10 by default. */
    public static final class Builder extends Settings<Builder> {
        private int batch = DEFAULT_BATCH;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder batch(int value) {
            batch = value;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(epochs, batch, optimizer, learningRate, schedule, l1, l2, clip, seed, threads);
        }
    }
}
