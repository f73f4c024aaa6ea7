package org.actlab.nn;

import java.util.Objects;

/**
 * How to train, as plain values that serialise to JSON and back.
 *
 * @param epochs       passes over the training set
 * @param batchSize    rows per step
 * @param optimizer    optimiser spec, for example {@code "sgd"}, {@code "adam(beta1=0.9)"}
 * @param learningRate the base learning rate
 * @param schedule     learning-rate schedule spec: {@code "constant"}, {@code "step(every=50,gamma=0.5)"}, {@code "cosine"}
 * @param l1           L1 penalty strength, 0 for none
 * @param l2           L2 penalty strength, 0 for none
 * @param clipNorm     clip each layer's gradient to this L2 norm; 0 or less for no clipping
 * @param seed         seeds shuffling, initialisation and stochastic activations
 * @param threads      threads for matrix multiply; results are bit-identical for one seed whatever
 *                     the count, because the multiply splits output tiles and never a sum
 */
public record TrainConfig(int epochs, int batchSize, String optimizer, double learningRate, String schedule,
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
        // Parsed here so that a bad spec fails when the config is made, with the registry's message.
        Optimizers.parse(optimizer);
        Schedule.parse(schedule);
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** Defaults: 100 epochs, batch 10, SGD at 0.03, constant rate, no penalties or clipping, seed 1, 1 thread. */
    public static TrainConfig defaults() {
        return new TrainConfig(100, 10, "sgd", 0.03, "constant", 0, 0, 0, 1, 1);
    }
}
